import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt with OWASP's minimum cost (N=2^17 would be stronger but costs 128 MiB per login).
const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: 256 * n * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * A password hash in the form `scrypt$N$r$p$salt$hash` (base64url salt and hash).
 *
 * @example
 * await hashPassword('correct horse battery staple'); // 'scrypt$16384$8$1$...$...'
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Whether `password` matches a hash made by `hashPassword`; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  // Compare digests, not strings: timingSafeEqual needs equal lengths and leaks nothing else.
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Whether a string has the shape `hashPassword` produces (for validating USERS_FILE). */
export function isPasswordHash(value: unknown): value is string {
  return typeof value === 'string' && /^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+$/.test(value);
}
