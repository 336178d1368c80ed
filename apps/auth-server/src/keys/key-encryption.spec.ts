import { KeyEncryption } from './key-encryption';

describe('KeyEncryption', () => {
  it('round-trips a value through seal and open, and the sealed form hides it', () => {
    const encryption = new KeyEncryption('a long passphrase for the tests');
    const sealed = encryption.seal('{"d":"private"}');
    expect(sealed).toMatch(/^aes256gcm:/);
    expect(sealed).not.toContain('private');
    expect(encryption.open(sealed)).toBe('{"d":"private"}');
  });

  it('uses a fresh IV each time', () => {
    const encryption = new KeyEncryption('passphrase-passphrase');
    expect(encryption.seal('same')).not.toBe(encryption.seal('same'));
  });

  it('stores plain text without a passphrase, and reads it back with or without one', () => {
    expect(new KeyEncryption(undefined).seal('plain')).toBe('plain');
    expect(new KeyEncryption('passphrase-passphrase').open('plain')).toBe('plain');
  });

  it('refuses to open an encrypted value without a passphrase', () => {
    const sealed = new KeyEncryption('passphrase-passphrase').seal('secret');
    expect(() => new KeyEncryption(undefined).open(sealed)).toThrow(/set KEYS_ENCRYPTION_KEY/);
  });

  it('refuses to open with another passphrase, and a tampered value', () => {
    const sealed = new KeyEncryption('passphrase-passphrase').seal('secret');
    expect(() => new KeyEncryption('another-passphrase').open(sealed)).toThrow(/does not open/);
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'BB' : 'AA');
    expect(() => new KeyEncryption('passphrase-passphrase').open(tampered)).toThrow(/does not open/);
  });
});
