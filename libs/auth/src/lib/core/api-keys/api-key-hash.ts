import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a secret is stored: HMAC-SHA256 under a server-side pepper, base64url. Not bcrypt: the
 * secret has 256 random bits, so there is nothing to slow down, and it is checked on every
 * request. The pepper keeps a stolen table useless without the server's configuration.
 *
 * @example
 * hashApiKeySecret(secret, process.env.API_KEY_PEPPER); // 'q3b...'
 */
export function hashApiKeySecret(secret: string, pepper: string): string {
  return createHmac('sha256', pepper).update(secret).digest('base64url');
}

/** Compares digests, not strings: timingSafeEqual needs equal lengths and leaks nothing else. */
export function apiKeySecretMatches(secret: string, storedHash: string, pepper: string): boolean {
  const expected = Buffer.from(storedHash, 'base64url');
  const actual = createHmac('sha256', pepper).update(secret).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
