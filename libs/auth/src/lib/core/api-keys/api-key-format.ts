import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** The public id's prefix. */
const ID_PREFIX = 'key_';
/** The secret's prefix: secret scanners (GitHub push protection, gitleaks) match on it. */
export const API_KEY_SECRET_PREFIX = 'apk_';
/** 43 base62 characters carry 256 bits (43 × log2 62 ≈ 256.03). */
const SECRET_RANDOM_LENGTH = 43;
/** CRC32 fits in 6 base62 characters (62^6 > 2^32). */
const CHECKSUM_LENGTH = 6;
const ID_RANDOM_LENGTH = 20;

const ID_PATTERN = new RegExp(`^${ID_PREFIX}[0-9A-Za-z]{${ID_RANDOM_LENGTH}}$`);
const SECRET_PATTERN = new RegExp(`^${API_KEY_SECRET_PREFIX}([0-9A-Za-z]{${SECRET_RANDOM_LENGTH}})([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`);

/**
 * A new API key: a public id and a secret shown once. The secret follows GitHub's token format:
 * a recognisable prefix, 256 random bits in base62, and a CRC32 checksum, so a scanner or a
 * client can tell a mistyped or truncated key without asking the server.
 *
 * @example
 * generateApiKey(); // { id: 'key_4Qd9...', secret: 'apk_8Zt1...(43)...Xy12ab' }
 */
export function generateApiKey(): { id: string; secret: string } {
  const random = randomBase62(SECRET_RANDOM_LENGTH);
  return {
    id: `${ID_PREFIX}${randomBase62(ID_RANDOM_LENGTH)}`,
    secret: `${API_KEY_SECRET_PREFIX}${random}${checksum(random)}`,
  };
}

/** Whether `id` has the shape of a key id (it says nothing of whether the key exists). */
export function isWellFormedApiKeyId(id: string): boolean {
  return ID_PATTERN.test(id);
}

/** Prefix, length, alphabet and checksum: a typo or a truncated paste fails here, without a database call. */
export function isWellFormedApiKeySecret(secret: string): boolean {
  const match = SECRET_PATTERN.exec(secret);
  return match !== null && checksum(match[1] ?? '') === match[2];
}

function checksum(random: string): string {
  return toBase62(crc32(`${API_KEY_SECRET_PREFIX}${random}`), CHECKSUM_LENGTH);
}

function toBase62(value: number, length: number): string {
  let text = '';
  let rest = value;
  for (let i = 0; i < length; i += 1) {
    text = BASE62[rest % 62] + text;
    rest = Math.floor(rest / 62);
  }
  return text;
}

// Rejection sampling: a byte is used only below 248 (4 × 62), so every character is equally likely.
function randomBase62(length: number): string {
  let text = '';
  while (text.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && text.length < length) text += BASE62[byte % 62];
    }
  }
  return text;
}
