import { generateKeyPairSync } from 'node:crypto';
import { importSigningKeys } from './signing-key';

function jwk(type: 'rsa' | 'ec', options: { modulusLength?: number; namedCurve?: string }, extra: Record<string, unknown> = {}) {
  const { publicKey } =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: options.modulusLength ?? 2048 })
      : generateKeyPairSync('ec', { namedCurve: options.namedCurve ?? 'P-256' });
  return { ...publicKey.export({ format: 'jwk' }), ...extra };
}

describe('importSigningKeys', () => {
  it('imports RSA and EC signing keys with the algorithms each may verify', () => {
    const keys = importSigningKeys({ keys: [jwk('rsa', {}, { kid: 'rsa' }), jwk('ec', {}, { kid: 'ec', use: 'sig' })] });
    expect(keys.map(({ kid, algorithms }) => ({ kid, algorithms }))).toEqual([
      { kid: 'rsa', algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] },
      { kid: 'ec', algorithms: ['ES256'] },
    ]);
  });

  it("narrows a key to the JWK's alg", () => {
    expect(importSigningKeys({ keys: [jwk('rsa', {}, { kid: 'k', alg: 'PS256' })] })[0]?.algorithms).toEqual(['PS256']);
  });

  it.each([
    ['a key without kid', jwk('rsa', {})],
    ['an encryption key', jwk('rsa', {}, { kid: 'k', use: 'enc' })],
    ['an RSA key below 2048 bits', jwk('rsa', { modulusLength: 1024 }, { kid: 'k' })],
    ['a symmetric key', { kty: 'oct', k: 'c2VjcmV0', kid: 'k' }],
    ['a key whose alg this verifier does not accept', jwk('rsa', {}, { kid: 'k', alg: 'RS1' })],
    ['a key that does not parse', { kty: 'RSA', kid: 'k', n: 'AQAB', e: '' }],
    ['something that is not an object', 'key'],
  ])('skips %s', (_case, key) => {
    expect(importSigningKeys({ keys: [key] })).toEqual([]);
  });
});
