import { randomUUID } from 'node:crypto';
import { TestIssuer } from '@platform/auth/testing';
import { type RunningOrdersApi, startOrdersApi } from './support/start-orders-api';

const LOCAL_APP = 'http://localhost:5173';
const DEPLOYED_APP = 'https://orders.example.test';
const OTHER_SITE = 'https://evil.example';

/** Every `access-control-*` header of a response. */
function corsHeaders(response: Response): Record<string, string> {
  return Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));
}

function list(header: string | null): string[] {
  return (header ?? '').split(',').map((item) => item.trim().toLowerCase());
}

describe('orders-api CORS (WEB_ORIGINS)', () => {
  let issuer: TestIssuer;
  let api: RunningOrdersApi;

  const preflight = (path: string, origin: string, method = 'POST') =>
    api.request(path, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' },
    });

  beforeAll(async () => {
    issuer = await TestIssuer.start({ audience: 'orders-api' });
    api = await startOrdersApi({ AUTH_ISSUER: issuer.url, AUTH_JWKS_URI: issuer.jwksUri, WEB_ORIGINS: `${LOCAL_APP},${DEPLOYED_APP}` });
  });

  afterAll(async () => {
    await api.close();
    await issuer.stop();
  });

  it.each([LOCAL_APP, DEPLOYED_APP])(
    'answers a preflight from %s with 204, its own origin and the API methods and headers',
    async (origin) => {
      const response = await preflight('/orders', origin);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(list(response.headers.get('vary'))).toContain('origin');
      expect(response.headers.get('access-control-allow-methods')).toBe('DELETE, GET, PATCH, POST');
      expect(list(response.headers.get('access-control-allow-headers'))).toEqual([
        'authorization',
        'content-type',
        'idempotency-key',
        'x-request-id',
      ]);
      expect(response.headers.get('access-control-max-age')).toBe('600');
      // Tokens travel in Authorization, never in cookies: no credentialed CORS.
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    },
  );

  it('answers the preflight of a protected route: the authentication guard never sees it (it has no Authorization)', async () => {
    const response = await preflight(`/orders/${randomUUID()}`, LOCAL_APP, 'PATCH');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(LOCAL_APP);
    expect(response.headers.get('www-authenticate')).toBeNull();
  });

  it('does not allow browsers to send API keys (they belong on partner servers)', async () => {
    const response = await preflight('/partner/orders/x', LOCAL_APP, 'GET');
    expect(list(response.headers.get('access-control-allow-headers'))).not.toContain('x-api-key');
    expect(list(response.headers.get('access-control-allow-headers'))).not.toContain('x-api-key-id');
  });

  it('lets the web app read an answer and its rate-limit headers', async () => {
    const token = await issuer.mint({ claims: { sub: `alice-${randomUUID()}`, scope: 'read:orders' } });
    const response = await api.request('/orders', { token, headers: { origin: DEPLOYED_APP } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(DEPLOYED_APP);
    expect(list(response.headers.get('access-control-expose-headers'))).toEqual([
      'www-authenticate',
      'x-request-id',
      'retry-after',
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
    ]);
  });

  it('lets the web app read a refusal and its WWW-Authenticate challenge', async () => {
    const response = await api.request('/orders', { headers: { origin: LOCAL_APP } });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(LOCAL_APP);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="orders-api"');
    expect(list(response.headers.get('access-control-expose-headers'))).toContain('www-authenticate');
  });

  it('gives another origin no CORS header at all, and its preflight is a 404, not an error', async () => {
    const refused = await preflight('/orders', OTHER_SITE);
    expect(refused.status).toBe(404);
    expect(corsHeaders(refused)).toEqual({});
    const answer = await api.request('/orders', { headers: { origin: OTHER_SITE } });
    expect(answer.status).toBe(401);
    expect(corsHeaders(answer)).toEqual({});
  });

  it('matches origins exactly: another port, scheme or a subdomain is another origin', async () => {
    for (const origin of ['http://localhost:5174', 'https://localhost:5173', 'https://www.orders.example.test', 'null']) {
      expect(corsHeaders(await preflight('/orders', origin))).toEqual({});
    }
  });

  it('sends no CORS header to a caller that sends no Origin (a server, curl)', async () => {
    expect(corsHeaders(await api.request('/health/live'))).toEqual({});
  });
});
