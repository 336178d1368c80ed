import { apiKeySecretMatches, hashApiKeySecret } from './api-key-hash';

const PEPPER = 'a-server-side-pepper-of-32-chars!';

describe('API key hashing', () => {
  it('stores an HMAC-SHA256 of the secret (never the secret), which matches only that secret and that pepper', () => {
    const hash = hashApiKeySecret('apk_secret', PEPPER);
    expect(hash).toMatch(/^[\w-]{43}$/);
    expect(hash).not.toContain('apk_secret');
    expect(apiKeySecretMatches('apk_secret', hash, PEPPER)).toBe(true);
    expect(apiKeySecretMatches('apk_secreT', hash, PEPPER)).toBe(false);
    expect(apiKeySecretMatches('apk_secret', hash, `${PEPPER}x`)).toBe(false);
  });

  it('refuses a damaged stored hash instead of throwing', () => {
    expect(apiKeySecretMatches('apk_secret', 'short', PEPPER)).toBe(false);
  });
});
