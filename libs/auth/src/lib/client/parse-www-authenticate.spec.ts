import { parseWwwAuthenticate } from './parse-www-authenticate';

describe('parseWwwAuthenticate', () => {
  it('reads an RFC 6750 Bearer challenge with quoted parameters', () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="orders-api", error="invalid_token", error_description="the token expired", scope="read:orders write:orders"',
      ),
    ).toEqual([
      {
        scheme: 'Bearer',
        params: { realm: 'orders-api', error: 'invalid_token', error_description: 'the token expired', scope: 'read:orders write:orders' },
      },
    ]);
  });

  it('unescapes quoted-pairs, so an escaped quote or backslash stays inside the value', () => {
    expect(parseWwwAuthenticate('Bearer error_description="say \\"hi\\" \\\\ then, go", error="invalid_token"')).toEqual([
      { scheme: 'Bearer', params: { error_description: 'say "hi" \\ then, go', error: 'invalid_token' } },
    ]);
  });

  it('accepts token values, spaces around "=", and lower-cases parameter names but not the scheme', () => {
    expect(parseWwwAuthenticate('bearer Realm = orders-api ,ERROR=invalid_token')).toEqual([
      { scheme: 'bearer', params: { realm: 'orders-api', error: 'invalid_token' } },
    ]);
  });

  it('splits several challenges in one header, including token68 and bare schemes', () => {
    expect(parseWwwAuthenticate('Negotiate abc+/=, Basic, DPoP algs="ES256 PS256", Bearer realm="api", error="invalid_token"')).toEqual([
      { scheme: 'Negotiate', params: {}, token68: 'abc+/=' },
      { scheme: 'Basic', params: {} },
      { scheme: 'DPoP', params: { algs: 'ES256 PS256' } },
      { scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token' } },
    ]);
  });

  it('keeps the first value of a repeated parameter', () => {
    expect(parseWwwAuthenticate('Bearer error="invalid_token", error="insufficient_scope"')[0].params).toEqual({ error: 'invalid_token' });
  });

  it('keeps a __proto__ parameter as plain data', () => {
    const [challenge] = parseWwwAuthenticate('Bearer __proto__="x", error="invalid_token"');
    expect(Object.getPrototypeOf(challenge.params)).toBe(Object.prototype);
    expect(Object.keys(challenge.params)).toEqual(['__proto__', 'error']);
  });

  it('returns no challenge for an absent or empty header', () => {
    expect(parseWwwAuthenticate(undefined)).toEqual([]);
    expect(parseWwwAuthenticate(null)).toEqual([]);
    expect(parseWwwAuthenticate(' , ')).toEqual([]);
    expect(parseWwwAuthenticate('realm="x"')).toEqual([]);
  });

  it('stops at a malformed part without throwing, keeping what came before', () => {
    expect(parseWwwAuthenticate('Bearer realm="api", error="invalid_token", error_description="unterminated')).toEqual([
      { scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token' } },
    ]);
    expect(parseWwwAuthenticate('Bearer realm="api" junk, Basic')).toEqual([{ scheme: 'Bearer', params: {} }]);
    expect(parseWwwAuthenticate('Bearer error=')).toEqual([{ scheme: 'Bearer', params: {} }]);
  });
});
