import { TestIssuer } from '../../../testing/test-issuer';
import { type AccessTokenPolicy, type AuthOptions, resolveAuthOptions } from '../access-token-policy';
import { AuthError } from '../auth-error';
import { JwksKeyStore } from '../jwks/jwks-key-store';
import { TrustedIssuers } from '../jwks/trusted-issuers';
import { verifyAccessToken } from './verify-access-token';

// The verifier alone, without Nest: a real issuer with real keys and a JWKS over HTTP, a fixed clock.
let issuer: TestIssuer;
let policy: AccessTokenPolicy;
let keys: TrustedIssuers;
const nowS = () => Math.floor(Date.now() / 1000);

function storeFor(of = issuer): JwksKeyStore {
  return new JwksKeyStore({ jwksUri: () => Promise.resolve(of.jwksUri), cacheMaxAgeMs: 600_000, refetchIntervalMs: 30_000 });
}

function trusting(...issuers: TestIssuer[]): TrustedIssuers {
  return new TrustedIssuers(issuers.map((each) => [each.url, storeFor(each)]));
}

function policyWith(options: Partial<AuthOptions> = {}): AccessTokenPolicy {
  return resolveAuthOptions({ issuer: issuer.url, audience: 'orders-api', ...options });
}

beforeAll(async () => {
  issuer = await TestIssuer.start({ keys: 2 });
  await issuer.addKey('ps-key', 'PS256');
  await issuer.addKey('es-key', 'ES256');
  policy = policyWith();
  keys = trusting(issuer);
});

afterAll(async () => {
  await issuer.stop();
});

async function reasonFor(token: string, withPolicy = policy): Promise<string> {
  try {
    await verifyAccessToken(token, withPolicy, keys, nowS());
  } catch (error) {
    if (error instanceof AuthError) {
      expect(error).toMatchObject({ status: 401, code: 'invalid_token' });
      return error.reason;
    }
    throw error;
  }
  throw new Error('expected the token to be refused');
}

/** A token whose header segment is exactly `header`, with the rest of a real token. */
function withHeaderSegment(token: string, header: string): string {
  return [header, ...token.split('.').slice(1)].join('.');
}

describe('verifyAccessToken', () => {
  it('returns the principal of a valid RFC 9068 access token', async () => {
    const token = await issuer.mint({ claims: { scope: 'read:orders write:orders', client_id: 'web-app' } });
    await expect(verifyAccessToken(token, policy, keys)).resolves.toMatchObject({
      sub: 'user-123',
      clientId: 'web-app',
      scopes: ['read:orders', 'write:orders'],
      authMethod: 'bearer',
      claims: { iss: issuer.url, aud: 'orders-api' },
    });
  });

  it.each(['application/at+jwt', 'AT+JWT'])('accepts the typ %s as at+jwt', async (typ) => {
    await expect(verifyAccessToken(await issuer.mint({ header: { typ } }), policy, keys)).resolves.toMatchObject({ sub: 'user-123' });
  });

  it('accepts aud as an array that contains this API', async () => {
    const token = await issuer.mint({ claims: { aud: ['payments-api', 'orders-api'] } });
    await expect(verifyAccessToken(token, policy, keys)).resolves.toMatchObject({ sub: 'user-123' });
  });

  it('accepts PS256 and ES256 tokens when they are allowed, each with its own key type', async () => {
    const lenient = policyWith({ algorithms: ['RS256', 'PS256', 'ES256'] });
    await expect(verifyAccessToken(await issuer.mint({ kid: 'ps-key' }), lenient, keys)).resolves.toMatchObject({ sub: 'user-123' });
    await expect(verifyAccessToken(await issuer.mint({ kid: 'es-key' }), lenient, keys)).resolves.toMatchObject({ sub: 'user-123' });
  });

  it('honours the clock tolerance: expired 30 s ago passes with 60 s, a future nbf within it too', async () => {
    const token = await issuer.mint({ expiresInS: -30, claims: { nbf: nowS() + 30 } });
    await expect(verifyAccessToken(token, policy, keys, nowS())).resolves.toMatchObject({ sub: 'user-123' });
  });

  describe('malformed (parseCompactJws, checkCriticalHeaders, checkLifetime, readPrincipal)', () => {
    it.each(['garbage', 'a.b', 'a.b.c.d.e', '', 'eyJ.eyJ.sig=='])('refuses %j', async (token) => {
      expect(await reasonFor(token)).toBe('malformed');
    });

    it('refuses a header or payload that is not a JSON object', async () => {
      const token = await issuer.mint();
      for (const header of ['{"alg":', '["RS256"]', 'null']) {
        expect(await reasonFor(withHeaderSegment(token, Buffer.from(header).toString('base64url')))).toBe('malformed');
      }
      const [header, , signature] = token.split('.');
      expect(await reasonFor(`${header}.${Buffer.from('[1]').toString('base64url')}.${signature}`)).toBe('malformed');
    });

    it('refuses any crit header: no critical extension is supported', async () => {
      const header = { alg: 'RS256', typ: 'at+jwt', kid: issuer.kids[0], crit: ['exp'], exp: 1 };
      expect(await reasonFor(issuer.signRaw(header, issuer.defaultClaims()))).toBe('malformed');
      expect(await reasonFor(issuer.signRaw({ ...header, crit: [] }, issuer.defaultClaims()))).toBe('malformed');
    });

    it.each([
      ['without exp (it would never expire)', { exp: undefined }],
      ['with a non-numeric exp', { exp: '1700000600' }],
      ['with a non-numeric nbf', { nbf: 'soon' }],
      ['with a non-numeric iat', { iat: 'today' }],
      ['without sub', { sub: undefined }],
      ['with a scope claim that is an object', { scope: { read: true } }],
    ])('refuses a token %s', async (_case, claims) => {
      expect(await reasonFor(await issuer.mint({ claims }))).toBe('malformed');
    });
  });

  describe('alg_not_allowed (checkAlgorithm, verifySignature)', () => {
    it.each(['none', 'None', 'NONE'])('refuses an unsigned token (alg %s)', async (alg) => {
      expect(await reasonFor(issuer.forge({ alg, typ: 'at+jwt', kid: issuer.kids[0] }, issuer.defaultClaims()))).toBe('alg_not_allowed');
    });

    it('refuses an HS256 token signed with the public key as secret (algorithm confusion)', async () => {
      const secret = JSON.stringify(issuer.publicJwk());
      const token = issuer.forge({ alg: 'HS256', typ: 'at+jwt', kid: issuer.kids[0] }, issuer.defaultClaims(), secret);
      expect(await reasonFor(token)).toBe('alg_not_allowed');
    });

    it('refuses RS512 when only RS256 is allowed, and a header without alg', async () => {
      expect(await reasonFor(await issuer.mint({ header: { alg: 'RS512' } }))).toBe('alg_not_allowed');
      expect(await reasonFor(issuer.signRaw({ typ: 'at+jwt', kid: issuer.kids[0] }, issuer.defaultClaims()))).toBe('alg_not_allowed');
    });

    it('refuses a token whose alg is not one its key is for (RS256 named, an EC key under the kid)', async () => {
      const lenient = policyWith({ algorithms: ['RS256', 'ES256'] });
      const token = issuer.signRaw({ alg: 'RS256', typ: 'at+jwt', kid: 'es-key' }, issuer.defaultClaims());
      expect(await reasonFor(token, lenient)).toBe('alg_not_allowed');
    });
  });

  describe('wrong_token_type (checkTokenType)', () => {
    it.each([undefined, 'JWT', 'application/jwt', 'dpop+jwt'])('refuses the typ %s (an ID token says JWT or nothing)', async (typ) => {
      expect(await reasonFor(await issuer.mint({ header: { typ } }))).toBe('wrong_token_type');
    });
  });

  describe('unknown_kid (checkKeyId, JwksKeyStore)', () => {
    it('refuses a token without kid, and one whose kid the issuer does not publish', async () => {
      expect(await reasonFor(await issuer.mint({ header: { kid: undefined } }))).toBe('unknown_kid');
      expect(await reasonFor(await issuer.mint({ header: { kid: '' } }))).toBe('unknown_kid');
      expect(await reasonFor(await issuer.mint({ header: { kid: 'no-such-key' } }))).toBe('unknown_kid');
    });

    it('never follows jku, x5u or an embedded jwk', async () => {
      const other = await TestIssuer.start();
      try {
        const header = { alg: 'RS256', typ: 'at+jwt', kid: other.kids[0], jku: other.jwksUri, x5u: other.jwksUri, jwk: other.publicJwk() };
        expect(await reasonFor(other.signRaw(header, issuer.defaultClaims()))).toBe('unknown_kid');
        expect(other.jwksRequests).toBe(0);
        expect(other.otherRequests).toEqual([]);
      } finally {
        await other.stop();
      }
    });
  });

  describe('bad_signature (verifySignature)', () => {
    it('refuses a tampered payload', async () => {
      const [header, , signature] = (await issuer.mint({ claims: { scope: 'read:orders' } })).split('.');
      const payload = Buffer.from(JSON.stringify(issuer.defaultClaims({ scope: 'admin:api-keys' }))).toString('base64url');
      expect(await reasonFor(`${header}.${payload}.${signature}`)).toBe('bad_signature');
    });

    it("refuses a token signed with another of the issuer's keys under a real kid", async () => {
      const token = await issuer.mint({ kid: issuer.kids[1], header: { kid: issuer.kids[0] } });
      expect(await reasonFor(token)).toBe('bad_signature');
    });

    it('refuses an empty or truncated signature, and an ECDSA signature of the wrong length', async () => {
      const token = await issuer.mint();
      expect(await reasonFor(`${token.slice(0, token.lastIndexOf('.'))}.`)).toBe('bad_signature');
      expect(await reasonFor(token.slice(0, -10))).toBe('bad_signature');
      const es = await issuer.mint({ kid: 'es-key' });
      expect(await reasonFor(`${es}AAAA`, policyWith({ algorithms: ['ES256'] }))).toBe('bad_signature');
    });
  });

  describe('wrong_issuer (checkIssuer)', () => {
    it.each([
      ['a trailing slash', '/'],
      ['another host', 'x'],
    ])('refuses an iss that differs by %s, before any key lookup', async (_case, suffix) => {
      const fresh = trusting(issuer);
      const requestsBefore = issuer.jwksRequests;
      const token = await issuer.mint({ claims: { iss: `${issuer.url}${suffix}` } });
      await expect(verifyAccessToken(token, policy, fresh)).rejects.toMatchObject({ reason: 'wrong_issuer' });
      expect(issuer.jwksRequests).toBe(requestsBefore);
    });

    it('refuses a token without iss', async () => {
      expect(await reasonFor(await issuer.mint({ claims: { iss: undefined } }))).toBe('wrong_issuer');
    });

    describe('with several trusted issuers', () => {
      let other: TestIssuer;
      beforeAll(async () => {
        other = await TestIssuer.start();
      });
      afterAll(async () => {
        await other.stop();
      });
      const severalPolicy = () => policyWith({ issuer: [issuer.url, other.url] });

      it("accepts each issuer's tokens, verified with that issuer's keys", async () => {
        const both = trusting(issuer, other);
        await expect(verifyAccessToken(await issuer.mint(), severalPolicy(), both)).resolves.toMatchObject({ claims: { iss: issuer.url } });
        await expect(verifyAccessToken(await other.mint(), severalPolicy(), both)).resolves.toMatchObject({ claims: { iss: other.url } });
      });

      it("refuses a token in one issuer's name signed by another's key, whichever kid it names", async () => {
        const both = trusting(issuer, other);
        const ownKid = await issuer.mint({ claims: { iss: other.url } });
        await expect(verifyAccessToken(ownKid, severalPolicy(), both)).rejects.toMatchObject({ reason: 'unknown_kid', issuer: other.url });
        const borrowedKid = await issuer.mint({ header: { kid: other.kids[0] }, claims: { iss: other.url } });
        await expect(verifyAccessToken(borrowedKid, severalPolicy(), both)).rejects.toMatchObject({
          reason: 'bad_signature',
          issuer: other.url,
        });
      });

      it('refuses an unlisted issuer, even without a kid, with no request to any issuer and no issuer named', async () => {
        const both = trusting(issuer, other);
        const before = [issuer.jwksRequests, other.jwksRequests];
        const token = issuer.signRaw({ alg: 'RS256', typ: 'at+jwt' }, issuer.defaultClaims({ iss: 'https://elsewhere.example' }));
        const error: unknown = await verifyAccessToken(token, severalPolicy(), both).catch((caught: unknown) => caught);
        expect(error).toMatchObject({ reason: 'wrong_issuer', issuer: undefined });
        expect([issuer.jwksRequests, other.jwksRequests]).toEqual(before);
        expect([issuer.otherRequests, other.otherRequests]).toEqual([[], []]);
      });
    });
  });

  describe('wrong_audience (checkAudience)', () => {
    it.each([
      ['another API', 'payments-api'],
      ['an array without this API', ['payments-api', 'billing-api']],
      ['no aud at all', undefined],
      ['a prefix of the audience', 'orders'],
    ])('refuses %s', async (_case, aud) => {
      expect(await reasonFor(await issuer.mint({ claims: { aud } }))).toBe('wrong_audience');
    });
  });

  describe('expired and not_yet_valid (checkLifetime)', () => {
    it('refuses a token expired beyond the clock tolerance', async () => {
      expect(await reasonFor(await issuer.mint({ expiresInS: -120 }))).toBe('expired');
    });

    it('refuses a token whose nbf is beyond the clock tolerance', async () => {
      expect(await reasonFor(await issuer.mint({ claims: { nbf: nowS() + 3600 } }))).toBe('not_yet_valid');
    });

    it('counts from the clock it is given', async () => {
      const token = await issuer.mint({ expiresInS: 600 });
      await expect(verifyAccessToken(token, policy, keys, nowS() + 600 + 60)).rejects.toMatchObject({ reason: 'expired' });
      await expect(verifyAccessToken(token, policyWith({ clockToleranceS: 0 }), keys, nowS() + 600)).rejects.toMatchObject({
        reason: 'expired',
      });
    });
  });

  describe('tokens of other identity providers (AUTH_ACCESS_TOKEN_TYP=at+jwt,jwt,none)', () => {
    const open = () => policyWith({ accessTokenTyp: 'at+jwt,jwt,none', audienceClientIds: ['cognito-app'] });
    const accepted = async (header: Record<string, unknown>, claims: Record<string, unknown>) =>
      verifyAccessToken(await issuer.mint({ header, claims }), open(), keys);

    it.each([
      [
        'Keycloak (typ JWT, payload typ Bearer, azp)',
        { typ: 'JWT' },
        { typ: 'Bearer', azp: 'web', client_id: undefined, aud: ['orders-api', 'account'] },
      ],
      [
        'Okta (no typ, cid, scp array)',
        { typ: undefined },
        { cid: 'okta-app', client_id: undefined, scope: undefined, scp: ['read:orders'] },
      ],
      [
        'Entra ID v2 (typ JWT, azp, scp string)',
        { typ: 'JWT' },
        { azp: 'entra-app', client_id: undefined, scope: undefined, scp: 'read:orders' },
      ],
      ['Auth0 (typ JWT, azp)', { typ: 'JWT' }, { azp: 'auth0-app', client_id: undefined, scope: 'read:orders' }],
      [
        'Cognito (no typ, no aud, token_use access, a listed client_id)',
        { typ: undefined },
        { aud: undefined, client_id: 'cognito-app', token_use: 'access' },
      ],
    ])('accepts an access token of %s', async (_idp, header, claims) => {
      await expect(accepted(header, claims)).resolves.toMatchObject({ authMethod: 'bearer' });
    });

    it.each([
      ['with at_hash (any IdP)', { typ: 'JWT' }, { at_hash: 'x', azp: 'web' }],
      ['with c_hash', { typ: 'JWT' }, { c_hash: 'x', azp: 'web' }],
      ['of Keycloak (payload typ ID, nonce)', { typ: 'JWT' }, { typ: 'ID', nonce: 'n', azp: 'web' }],
      ['with a nonce and no payload typ (Auth0, Entra)', { typ: 'JWT' }, { nonce: 'n', azp: 'web' }],
      ['that is a Keycloak refresh token (typ Refresh)', { typ: 'JWT' }, { typ: 'Refresh', azp: 'web' }],
      ['that is a Keycloak logout token (typ Logout)', { typ: 'JWT' }, { typ: 'Logout', azp: 'web' }],
      ['of Cognito (token_use id)', { typ: undefined }, { token_use: 'id', client_id: 'cognito-app' }],
      ['that names no client, without typ at+jwt (Okta, Entra, Auth0 ID tokens)', { typ: undefined }, { client_id: undefined }],
      ['that names no client, typ JWT', { typ: 'JWT' }, { client_id: undefined }],
    ])('refuses an ID token %s as wrong_token_type, even with aud orders-api', async (_case, header, claims) => {
      await expect(accepted(header, claims)).rejects.toMatchObject({ reason: 'wrong_token_type' });
    });

    it('refuses a token without aud whose client is not listed, and one with aud for another API', async () => {
      await expect(accepted({ typ: undefined }, { aud: undefined, client_id: 'other-app' })).rejects.toMatchObject({
        reason: 'wrong_audience',
      });
      await expect(accepted({ typ: undefined }, { aud: 'other-api', client_id: 'cognito-app' })).rejects.toMatchObject({
        reason: 'wrong_audience',
      });
    });

    it('matches scope names exactly: a Cognito orders-api/read:orders is not read:orders', async () => {
      const principal = await accepted({ typ: undefined }, { aud: undefined, client_id: 'cognito-app', scope: 'orders-api/read:orders' });
      expect(principal.scopes).toEqual(['orders-api/read:orders']);
    });

    it('still refuses typ JWT and a token without typ under the default policy', async () => {
      expect(await reasonFor(await issuer.mint({ header: { typ: 'JWT' }, claims: { azp: 'web' } }))).toBe('wrong_token_type');
      expect(await reasonFor(await issuer.mint({ header: { typ: undefined } }))).toBe('wrong_token_type');
    });
  });
});
