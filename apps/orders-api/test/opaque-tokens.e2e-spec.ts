import { setTimeout as sleep } from 'node:timers/promises';
import { TestIssuer } from '@platform/auth/testing';
import { type RunningAuthServer, revokeToken, signInUser, startAuthServer } from '@platform/auth-server/testing';
import { type RunningOrdersApi, startOrdersApi } from './support/start-orders-api';

const CACHE_S = 2;

// Opaque access tokens from the real auth-server (OPAQUE_TOKEN_APIS=orders-api), checked by
// RFC 7662 introspection, beside JWTs of a second trusted issuer on the same orders-api.
describe('orders-api with opaque tokens by introspection', () => {
  let authServer: RunningAuthServer;
  let jwtIssuer: TestIssuer;
  let api: RunningOrdersApi;

  beforeAll(async () => {
    authServer = await startAuthServer({ OPAQUE_TOKEN_APIS: 'orders-api' });
    jwtIssuer = await TestIssuer.start({ audience: 'orders-api' });
    api = await startOrdersApi({
      AUTH_ISSUER: `${authServer.url},${jwtIssuer.url}`,
      AUTH_INTROSPECTION_URL: authServer.introspectionUrl,
      AUTH_INTROSPECTION_CLIENT_ID: 'orders-api',
      AUTH_INTROSPECTION_CLIENT_SECRET: 'dev-only-orders-api-secret',
      AUTH_INTROSPECTION_CACHE_S: String(CACHE_S),
    });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await jwtIssuer?.stop();
    await authServer?.close();
  });

  async function expectInvalidToken(response: Response, reason: string): Promise<void> {
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="orders-api", error="invalid_token", error_description="/);
    expect(await response.json()).toMatchObject({ error: 'invalid_token', reason });
  }

  it("accepts a user's opaque token: /me, and an order owned by the user", async () => {
    const { accessToken } = await signInUser(authServer);
    expect(accessToken.split('.')).toHaveLength(1);
    const me = await api.request('/me', { token: accessToken });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      sub: 'alice',
      clientId: 'orders-spa',
      scopes: ['read:orders', 'write:orders'],
      authMethod: 'bearer',
    });
    const created = await api.request('/orders', {
      token: accessToken,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ sku: 'ABC-1', quantity: 1, unitPrice: '9.99' }] }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ ownerId: 'alice', total: '9.99' });
  });

  it("accepts a service's opaque client-credentials token, its sub the client (a machine's, by the sub = client_id rule)", async () => {
    const response = await fetch(`${authServer.url}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('job-runner:dev-only-job-runner-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource: 'urn:orders-api', scope: 'read:orders:any' }),
    });
    expect(response.status).toBe(200);
    const { access_token: accessToken } = (await response.json()) as { access_token: string };
    expect(accessToken.split('.')).toHaveLength(1);
    const me = await api.request('/me', { token: accessToken });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ sub: 'job-runner', clientId: 'job-runner', scopes: ['read:orders:any'], authMethod: 'bearer' });
  });

  it('accepts a JWT of the other trusted issuer side by side, verified locally', async () => {
    const me = await api.request('/me', { token: await jwtIssuer.mint({ claims: { scope: 'read:orders', client_id: 'web-app' } }) });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ sub: 'user-123', clientId: 'web-app', authMethod: 'bearer' });
  });

  it('refuses a revoked token (RFC 7009) once the cached answer expires, within AUTH_INTROSPECTION_CACHE_S', async () => {
    const { accessToken } = await signInUser(authServer);
    expect((await api.request('/me', { token: accessToken })).status).toBe(200);
    const revoked = await revokeToken(authServer, accessToken);
    expect(revoked.status).toBe(200);
    await sleep(CACHE_S * 1000 + 200);
    await expectInvalidToken(await api.request('/me', { token: accessToken }), 'inactive_token');
  });

  it('refuses an opaque token the auth-server never issued as inactive_token', async () => {
    await expectInvalidToken(await api.request('/me', { token: 'not-a-token-of-this-server' }), 'inactive_token');
  });

  it("refuses a user's opaque token without the route's scope: 403 insufficient_scope", async () => {
    const { accessToken } = await signInUser(authServer, { scope: 'openid read:orders' });
    const response = await api.request('/orders', {
      token: accessToken,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ sku: 'ABC-1', quantity: 1, unitPrice: '9.99' }] }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'insufficient_scope', reason: 'insufficient_scope' });
  });

  it('counts the refusals under the issuer label', async () => {
    const metrics = await (await api.request('/metrics')).text();
    expect(metrics).toMatch(/auth_failures_total\{reason="inactive_token",issuer="unlisted"\} [1-9]/);
    expect(metrics).toContain(`auth_failures_total{reason="insufficient_scope",issuer="${authServer.url}"} 1`);
  });
});

describe('orders-api whose introspection endpoint is down', () => {
  let issuer: TestIssuer;
  let api: RunningOrdersApi;

  beforeAll(async () => {
    issuer = await TestIssuer.start({ audience: 'orders-api' });
    api = await startOrdersApi({
      AUTH_ISSUER: issuer.url,
      AUTH_JWKS_URI: issuer.jwksUri,
      AUTH_INTROSPECTION_URL: 'http://127.0.0.1:1/token/introspection',
      AUTH_INTROSPECTION_CLIENT_ID: 'orders-api',
      AUTH_INTROSPECTION_CLIENT_SECRET: 'dev-only-orders-api-secret',
    });
  });

  afterAll(async () => {
    await api?.close();
    await issuer?.stop();
  });

  it('answers an opaque token 503 introspection_unavailable with Retry-After, never 401 or 500, while JWTs still work', async () => {
    const response = await api.request('/me', { token: 'opaque-token' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('www-authenticate')).toBeNull();
    expect(await response.json()).toEqual({
      error: 'temporarily_unavailable',
      error_description: 'the token could not be checked now: try again later',
      reason: 'introspection_unavailable',
    });
    expect((await api.request('/me', { token: await issuer.mint() })).status).toBe(200);
  });
});
