import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { TestIssuer } from '@platform/auth/testing';
import { type RunningOrdersApi, startOrdersApi } from './support/start-orders-api';

/**
 * What a careful reviewer would try against GET /me. Each must be refused with 401 (or 400 for
 * a malformed header), the right RFC 6750 challenge and failure reason, and never a 5xx.
 */
describe('orders-api refuses forged, stale and misdirected bearer tokens', () => {
  let issuer: TestIssuer;
  let attacker: TestIssuer;
  let api: RunningOrdersApi;

  beforeAll(async () => {
    issuer = await TestIssuer.start({ audience: 'orders-api' });
    attacker = await TestIssuer.start({ audience: 'orders-api' });
    // No AUTH_JWKS_URI: keys are found through the issuer's discovery document.
    api = await startOrdersApi({ AUTH_ISSUER: issuer.url });
    expect((await api.request('/me', { token: await issuer.mint() })).status).toBe(200);
  });

  afterAll(async () => {
    await api.close();
    await issuer.stop();
    await attacker.stop();
  });

  async function expectInvalidToken(token: string, reason: string): Promise<void> {
    const response = await api.request('/me', { token });
    const body = (await response.json()) as Record<string, unknown>;
    expect({ status: response.status, reason: body['reason'], error: body['error'] }).toEqual({
      status: 401,
      reason,
      error: 'invalid_token',
    });
    expect(response.headers.get('www-authenticate')).toMatch(
      /^Bearer realm="orders-api", error="invalid_token", error_description="[^"]+"$/,
    );
    expect(typeof body['error_description']).toBe('string');
  }

  it.each(['none', 'None', 'NONE', 'nOnE'])('rejects an unsigned token with alg "%s"', async (alg) => {
    const token = issuer.forge({ alg, typ: 'at+jwt', kid: issuer.kids[0] }, issuer.defaultClaims({ scope: 'write:orders' }));
    await expectInvalidToken(token, 'alg_not_allowed');
  });

  it('rejects an HS256 token signed with the RSA public key (algorithm confusion)', async () => {
    const publicPem = createPublicKey({ key: issuer.publicJwk() as JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const token = issuer.forge({ alg: 'HS256', typ: 'at+jwt', kid: issuer.kids[0] }, issuer.defaultClaims(), publicPem);
    await expectInvalidToken(token, 'alg_not_allowed');
  });

  it("rejects a token signed by another key under the issuer's real kid", async () => {
    const token = await attacker.mint({ header: { kid: issuer.kids[0] }, claims: { iss: issuer.url } });
    await expectInvalidToken(token, 'bad_signature');
  });

  it('rejects a token whose kid is not in the JWKS', async () => {
    await expectInvalidToken(await attacker.mint({ claims: { iss: issuer.url } }), 'unknown_kid');
  });

  it('rejects a token carrying its own key in an embedded jwk header', async () => {
    const token = await attacker.mint({ header: { kid: issuer.kids[0], jwk: attacker.publicJwk() }, claims: { iss: issuer.url } });
    await expectInvalidToken(token, 'bad_signature');
  });

  it('never follows a jku header to fetch keys', async () => {
    const token = await attacker.mint({ header: { jku: attacker.jwksUri, x5u: `${attacker.url}/x5u` }, claims: { iss: issuer.url } });
    await expectInvalidToken(token, 'unknown_kid');
    expect(attacker.jwksRequests).toBe(0);
    expect(attacker.otherRequests).toEqual([]);
  });

  it('rejects a token with an unknown critical header', async () => {
    const token = issuer.signRaw(
      { alg: 'RS256', typ: 'at+jwt', kid: issuer.kids[0], crit: ['urn:example:x'], 'urn:example:x': 1 },
      issuer.defaultClaims(),
    );
    await expectInvalidToken(token, 'malformed');
  });

  it('rejects a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await issuer.mint({ claims: { scope: 'read:orders' } })).split('.');
    const payload = Buffer.from(JSON.stringify(issuer.defaultClaims({ scope: 'read:orders:any write:orders' }))).toString('base64url');
    await expectInvalidToken(`${header}.${payload}.${signature}`, 'bad_signature');
  });

  it('rejects a token expired beyond the 60 s tolerance, and accepts one expired within it', async () => {
    await expectInvalidToken(await issuer.mint({ expiresInS: -120 }), 'expired');
    expect((await api.request('/me', { token: await issuer.mint({ expiresInS: -30 }) })).status).toBe(200);
  });

  it('rejects a token whose nbf is in the future', async () => {
    await expectInvalidToken(await issuer.mint({ claims: { nbf: Math.floor(Date.now() / 1000) + 300 } }), 'not_yet_valid');
  });

  it('rejects another issuer, including the same URL with a trailing slash', async () => {
    await expectInvalidToken(await issuer.mint({ claims: { iss: 'https://evil.example' } }), 'wrong_issuer');
    await expectInvalidToken(await issuer.mint({ claims: { iss: `${issuer.url}/` } }), 'wrong_issuer');
  });

  it('rejects a token whose aud does not contain orders-api, and accepts an array that does', async () => {
    await expectInvalidToken(await issuer.mint({ claims: { aud: 'payments-api' } }), 'wrong_audience');
    await expectInvalidToken(await issuer.mint({ claims: { aud: ['payments-api', 'orders-api-v2'] } }), 'wrong_audience');
    expect((await api.request('/me', { token: await issuer.mint({ claims: { aud: ['payments-api', 'orders-api'] } }) })).status).toBe(200);
  });

  it('rejects an OpenID Connect ID token (typ JWT) and a token with no typ', async () => {
    await expectInvalidToken(await issuer.mint({ header: { typ: 'JWT' } }), 'wrong_token_type');
    await expectInvalidToken(await issuer.mint({ header: { typ: undefined } }), 'wrong_token_type');
    expect((await api.request('/me', { token: await issuer.mint({ header: { typ: 'application/at+jwt' } }) })).status).toBe(200);
  });

  it('rejects a token without exp', async () => {
    await expectInvalidToken(await issuer.mint({ claims: { exp: undefined } }), 'malformed');
  });

  it.each([
    ['garbage', 'abc'],
    ['two segments', 'eyJhbGciOiJSUzI1NiJ9.e30'],
    ['a JWE (five segments)', 'eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d'],
    ['a header that is not JSON', `${Buffer.from('{"alg":').toString('base64url')}.e30.sig`],
  ])('rejects %s as malformed', async (_name, token) => {
    await expectInvalidToken(token, 'malformed');
  });

  it('never reads a token from the query string', async () => {
    const token = await issuer.mint();
    const response = await api.request(`/me?access_token=${token}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="orders-api"');
    expect(await response.json()).toMatchObject({ reason: 'missing_token' });
  });

  it('answers no credentials and other schemes with a bare challenge', async () => {
    const variants: Record<string, string>[] = [{}, { authorization: 'Basic dXNlcjpwYXNz' }];
    for (const headers of variants) {
      const response = await api.request('/me', { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="orders-api"');
      expect(await response.json()).toEqual({ error_description: expect.any(String), reason: 'missing_token' });
    }
  });

  it('accepts the scheme name in any case', async () => {
    const response = await api.request('/me', { headers: { authorization: `bEaReR ${await issuer.mint()}` } });
    expect(response.status).toBe(200);
  });

  it.each([
    ['Bearer with no token', 'Bearer'],
    ['two tokens', 'Bearer a.b.c d.e.f'],
  ])('answers a malformed Authorization header (%s) with 400 invalid_request', async (_name, authorization) => {
    const response = await api.request('/me', { headers: { authorization } });
    expect(response.status).toBe(400);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="orders-api", error="invalid_request"/);
    expect(await response.json()).toMatchObject({ error: 'invalid_request', reason: 'malformed' });
  });

  it('fetches the JWKS at most once for a flood of unknown kids', async () => {
    const before = issuer.jwksRequests;
    for (let i = 0; i < 5; i += 1) {
      await expectInvalidToken(await issuer.mint({ header: { kid: `random-${i}` } }), 'unknown_kid');
    }
    expect(issuer.jwksRequests - before).toBeLessThanOrEqual(1);
  });

  it('keeps accepting tokens signed with known keys while the issuer is unreachable', async () => {
    issuer.unreachable = true;
    try {
      expect((await api.request('/me', { token: await issuer.mint() })).status).toBe(200);
    } finally {
      issuer.unreachable = false;
    }
  });

  it('counts every refusal in auth_failures_total by reason', async () => {
    const metrics = await (await api.request('/metrics')).text();
    for (const reason of [
      'alg_not_allowed',
      'bad_signature',
      'unknown_kid',
      'expired',
      'not_yet_valid',
      'wrong_issuer',
      'wrong_audience',
      'wrong_token_type',
      'malformed',
      'missing_token',
    ]) {
      expect(metrics).toMatch(new RegExp(`auth_failures_total\\{reason="${reason}",issuer="[^"]+"\\} [1-9]`));
    }
  });
});
