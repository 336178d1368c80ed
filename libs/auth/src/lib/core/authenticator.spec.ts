import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestIssuer } from '../../testing/test-issuer';
import { resolveAuthOptions } from './access-token-policy';
import { generateApiKey } from './api-keys/api-key-format';
import { hashApiKeySecret } from './api-keys/api-key-hash';
import { ApiKeyVerifier } from './api-keys/api-key-verifier';
import { Authenticator } from './authenticator';
import { TokenIntrospector } from './introspection/token-introspector';
import { TrustedIssuers } from './jwks/trusted-issuers';
import type { AuthMethod } from './principal';
import { VerifiedTokenCache } from './verified-token-cache';

const PEPPER = 'a-server-side-pepper-of-32-chars!';
const BOTH: readonly AuthMethod[] = ['bearer', 'api_key'];
let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await TestIssuer.start();
});

afterAll(async () => {
  await issuer.stop();
});

function setUp() {
  const policy = resolveAuthOptions({ issuer: issuer.url, audience: 'orders-api', jwksUri: issuer.jwksUri });
  const key = generateApiKey();
  const record = {
    id: key.id,
    clientId: 'acme',
    secretHash: hashApiKeySecret(key.secret, PEPPER),
    scopes: ['read:orders'],
    rateLimitPerMinute: 600,
    expiresAt: null,
    retiredUntil: null,
    revokedAt: null,
  };
  const apiKeys = new ApiKeyVerifier({ lookup: { findById: (id) => Promise.resolve(id === key.id ? record : undefined) }, pepper: PEPPER });
  const accepted: string[] = [];
  const authenticator = new Authenticator({
    policy,
    issuers: TrustedIssuers.fromPolicy(policy),
    apiKeys,
    onApiKeyAccepted: (id) => accepted.push(id),
  });
  return { authenticator, key, accepted };
}

describe('Authenticator', () => {
  it('verifies a bearer token once, then answers the same Authorization header from memory', async () => {
    const { authenticator } = setUp();
    const headers = { authorization: `Bearer ${await issuer.mint({ claims: { scope: 'read:orders' } })}` };
    expect(authenticator.cached(headers, ['bearer'])).toBeUndefined();
    const principal = await authenticator.authenticate(headers, ['bearer']);
    expect(principal).toMatchObject({ sub: 'user-123', scopes: ['read:orders'], authMethod: 'bearer' });
    expect(authenticator.cached(headers, ['bearer'])).toBe(principal);
  });

  it('does not cache a refused token', async () => {
    const { authenticator } = setUp();
    const headers = { authorization: `Bearer ${await issuer.mint({ expiresInS: -120 })}` };
    await expect(authenticator.authenticate(headers, ['bearer'])).rejects.toMatchObject({ reason: 'expired' });
    expect(authenticator.cached(headers, ['bearer'])).toBeUndefined();
  });

  it('checks an API key where keys are accepted and the request sends one, counting each accepted request', async () => {
    const { authenticator, key, accepted } = setUp();
    const headers = { 'x-api-key-id': key.id, 'x-api-key': key.secret };
    await expect(authenticator.authenticate(headers, BOTH)).resolves.toMatchObject({
      sub: 'acme',
      authMethod: 'api_key',
      apiKeyId: key.id,
    });
    expect(authenticator.cached(headers, BOTH)).toMatchObject({ apiKeyId: key.id });
    expect(accepted).toEqual([key.id, key.id]);
  });

  it('checks a bearer token where both are accepted and no API-key header is sent', async () => {
    const { authenticator } = setUp();
    const headers = { authorization: `Bearer ${await issuer.mint()}` };
    await expect(authenticator.authenticate(headers, BOTH)).resolves.toMatchObject({ authMethod: 'bearer' });
  });

  it('never checks an API key on a bearer-only route: the request is a missing bearer token', async () => {
    const { authenticator, key } = setUp();
    const headers = { 'x-api-key-id': key.id, 'x-api-key': key.secret };
    await expect(authenticator.authenticate(headers, ['bearer'])).rejects.toMatchObject({ status: 401, reason: 'missing_token' });
  });

  it.each([
    ['no credentials at all', {}, 'missing_token'],
    ['only the key id', { 'x-api-key-id': 'key_x' }, 'invalid_api_key'],
    ['two x-api-key headers', { 'x-api-key-id': 'key_x', 'x-api-key': ['a', 'b'] }, 'invalid_api_key'],
  ])('refuses %s on an API-key route with its reason', async (_case, headers, reason) => {
    const { authenticator } = setUp();
    await expect(authenticator.authenticate(headers, ['api_key'])).rejects.toMatchObject({ status: 401, reason });
  });

  it('refuses an API key when the server has API keys off', async () => {
    const policy = resolveAuthOptions({ issuer: issuer.url, audience: 'orders-api' });
    const authenticator = new Authenticator({ policy, issuers: TrustedIssuers.fromPolicy(policy) });
    const headers = { 'x-api-key-id': 'key_x', 'x-api-key': 'apk_y' };
    await expect(authenticator.authenticate(headers, ['api_key'])).rejects.toMatchObject({ reason: 'invalid_api_key' });
  });

  describe('opaque tokens, with introspection', () => {
    // An RFC 7662 endpoint on loopback: `active` lists the tokens it says are active.
    const active = new Set<string>();
    const introspected: string[] = [];
    let endpoint: Server;
    let url: string;

    beforeAll(async () => {
      endpoint = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          const token = new URLSearchParams(body).get('token') ?? '';
          introspected.push(token);
          const answer = active.has(token)
            ? {
                active: true,
                iss: issuer.url,
                aud: 'orders-api',
                sub: 'alice',
                client_id: 'orders-spa',
                scope: 'read:orders',
                exp: Math.floor(Date.now() / 1000) + 600,
              }
            : { active: false };
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
        });
      });
      await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/introspect`;
    });

    afterAll(() => endpoint.close());

    function withIntrospection(cacheS: number) {
      const clock = { nowMs: Date.now() };
      const policy = resolveAuthOptions({
        issuer: issuer.url,
        audience: 'orders-api',
        introspection: { url, clientId: 'orders-api', clientSecret: 'secret', cacheS },
      });
      const authenticator = new Authenticator({
        policy,
        issuers: TrustedIssuers.fromPolicy(policy),
        verifiedTokens: new VerifiedTokenCache(100, 600_000, () => clock.nowMs),
        introspector: new TokenIntrospector({ url, clientId: 'orders-api', clientSecret: 'secret' }),
      });
      return { authenticator, clock };
    }

    it('introspects a token that is not a JWT, reuses the answer for the cache time, then asks again and sees the revocation', async () => {
      const { authenticator, clock } = withIntrospection(30);
      active.add('opaque-1');
      introspected.length = 0;
      const headers = { authorization: 'Bearer opaque-1' };
      await expect(authenticator.authenticate(headers, ['bearer'])).resolves.toMatchObject({
        sub: 'alice',
        clientId: 'orders-spa',
        scopes: ['read:orders'],
      });
      active.delete('opaque-1');
      clock.nowMs += 29_000;
      expect(authenticator.cached(headers, ['bearer'])).toMatchObject({ sub: 'alice' });
      // The answer was cached a few real milliseconds after the test clock started.
      clock.nowMs += 1_500;
      expect(authenticator.cached(headers, ['bearer'])).toBeUndefined();
      await expect(authenticator.authenticate(headers, ['bearer'])).rejects.toMatchObject({ status: 401, reason: 'inactive_token' });
      expect(introspected).toEqual(['opaque-1', 'opaque-1']);
    });

    it('never reuses an answer with AUTH_INTROSPECTION_CACHE_S=0', async () => {
      const { authenticator } = withIntrospection(0);
      active.add('opaque-2');
      const headers = { authorization: 'Bearer opaque-2' };
      await authenticator.authenticate(headers, ['bearer']);
      expect(authenticator.cached(headers, ['bearer'])).toBeUndefined();
    });

    it('still verifies JWTs locally, side by side, without asking the endpoint', async () => {
      const { authenticator } = withIntrospection(30);
      introspected.length = 0;
      await expect(authenticator.authenticate({ authorization: `Bearer ${await issuer.mint()}` }, ['bearer'])).resolves.toMatchObject({
        sub: 'user-123',
      });
      expect(introspected).toEqual([]);
    });

    it('refuses a token that is not a JWT as malformed when introspection is off', async () => {
      const { authenticator } = setUp();
      await expect(authenticator.authenticate({ authorization: 'Bearer opaque-1' }, ['bearer'])).rejects.toMatchObject({
        status: 401,
        reason: 'malformed',
      });
    });
  });
});
