import { generateApiKey, isWellFormedApiKeyId, isWellFormedApiKeySecret } from './api-key-format';

describe('API key format', () => {
  it('generates a public key_ id and an apk_ secret with 43 random base62 characters and a 6-character checksum', () => {
    const { id, secret } = generateApiKey();
    expect(id).toMatch(/^key_[0-9A-Za-z]{20}$/);
    expect(secret).toMatch(/^apk_[0-9A-Za-z]{49}$/);
    expect(isWellFormedApiKeyId(id)).toBe(true);
    expect(isWellFormedApiKeySecret(secret)).toBe(true);
  });

  it('never repeats itself', () => {
    const secrets = new Set(Array.from({ length: 1000 }, () => generateApiKey().secret));
    expect(secrets.size).toBe(1000);
  });

  it('spreads characters evenly over the base62 alphabet (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i += 1) {
      for (const char of generateApiKey().secret.slice(4, 47)) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    expect(counts.size).toBe(62);
    const expected = (2000 * 43) / 62;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.15);
  });

  it('catches a mistyped, truncated or re-prefixed secret by its checksum, without a database', () => {
    const { secret } = generateApiKey();
    const typo = `${secret.slice(0, 10)}${secret[10] === 'a' ? 'b' : 'a'}${secret.slice(11)}`;
    expect(isWellFormedApiKeySecret(typo)).toBe(false);
    expect(isWellFormedApiKeySecret(secret.slice(0, -1))).toBe(false);
    expect(isWellFormedApiKeySecret(`ghp_${secret.slice(4)}`)).toBe(false);
    expect(isWellFormedApiKeySecret(`${secret} `)).toBe(false);
    expect(isWellFormedApiKeyId('key_short')).toBe(false);
  });
});
