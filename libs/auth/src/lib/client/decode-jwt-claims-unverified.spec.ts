import { decodeJwtClaimsUnverified } from './decode-jwt-claims-unverified';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: unknown, header: unknown = { alg: 'RS256', typ: 'at+jwt' }) => `${part(header)}.${part(claims)}.c2ln`;

describe('decodeJwtClaimsUnverified', () => {
  it('reads iss, sub, client_id, aud, scope and exp of an access token without verifying it', () => {
    const token = jwt({
      iss: 'http://localhost:3000',
      sub: 'job-runner',
      client_id: 'job-runner',
      aud: 'orders-api',
      scope: 'read:orders:any write:orders:status',
      exp: 1_900_000_000,
      jti: 'not returned',
    });
    expect(decodeJwtClaimsUnverified(token)).toEqual({
      iss: 'http://localhost:3000',
      sub: 'job-runner',
      client_id: 'job-runner',
      aud: ['orders-api'],
      scope: ['read:orders:any', 'write:orders:status'],
      exp: 1_900_000_000,
    });
  });

  it('keeps audience and scope lists as lists, and leaves out claims of the wrong type', () => {
    expect(decodeJwtClaimsUnverified(jwt({ aud: ['a', 'b'], scope: ['x', 'y'], exp: '1900000000', sub: 42 }))).toEqual({
      aud: ['a', 'b'],
      scope: ['x', 'y'],
    });
  });

  it.each([
    ['an opaque token', 'Qm9vbS1vcGFxdWUtdG9rZW4'],
    ['an encrypted JWT (five parts)', `${part({ alg: 'RSA-OAEP', enc: 'A256GCM' })}.a.b.c.d`],
    ['a header without alg', jwt({ sub: 'x' }, { typ: 'JWT' })],
    ['a payload that is not JSON', `${part({ alg: 'none' })}.${Buffer.from('not json').toString('base64url')}.`],
    ['a payload that is a JSON array', `${part({ alg: 'RS256' })}.${part(['x'])}.sig`],
    ['characters outside base64url', `${part({ alg: 'RS256' })}.${part({ sub: 'x' })}+/.sig`.replace('.', '+.')],
    ['an empty string', ''],
  ])('returns null for %s', (_, token) => {
    expect(decodeJwtClaimsUnverified(token)).toBeNull();
  });
});
