import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

const PREFIX = 'aes256gcm:';

/**
 * Encrypts private keys at rest with AES-256-GCM under `KEYS_ENCRYPTION_KEY`. The passphrase
 * is stretched with scrypt (fixed salt: the derived key must be the same on every start, and
 * the passphrase, not the salt, is the secret). Values written without a key stay readable as
 * plain text, so setting the key later needs no migration.
 */
export class KeyEncryption {
  private readonly key: Buffer | undefined;

  constructor(passphrase: string | undefined) {
    this.key = passphrase === undefined ? undefined : scryptSync(passphrase, 'auth-server/keys-at-rest/v1', 32);
  }

  get enabled(): boolean {
    return this.key !== undefined;
  }

  seal(plaintext: string): string {
    if (!this.key) return plaintext;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${PREFIX}${[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join('.')}`;
  }

  /** @throws Error when the value is encrypted and no key, or another key, is configured */
  open(stored: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    if (!this.key) {
      throw new Error('the signing keys are encrypted: set KEYS_ENCRYPTION_KEY to the passphrase they were stored with');
    }
    const [iv, tag, ciphertext] = stored
      .slice(PREFIX.length)
      .split('.')
      .map((part) => Buffer.from(part, 'base64url'));
    if (!iv || !tag || !ciphertext) throw new Error('an encrypted signing key is damaged');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('KEYS_ENCRYPTION_KEY does not open the stored signing keys (wrong passphrase?)');
    }
  }
}
