import { TestIssuer } from '@platform/auth/testing';
import { type RunningPaymentsApi, startPaymentsApi } from './support/start-payments-api';

const WEB_APP = 'http://localhost:5173';

describe('payments-api CORS (WEB_ORIGINS)', () => {
  let issuer: TestIssuer;
  let api: RunningPaymentsApi;

  beforeAll(async () => {
    issuer = await TestIssuer.start({ audience: 'payments-api' });
    // WEB_ORIGINS unset: the contract's default, the local web app.
    api = await startPaymentsApi({ AUTH_ISSUER: issuer.url, AUTH_JWKS_URI: issuer.jwksUri });
  });

  afterAll(async () => {
    await api.close();
    await issuer.stop();
  });

  it('answers the preflight of POST /payments with an Idempotency-Key, through the authentication guard', async () => {
    const response = await api.request('/payments', {
      method: 'OPTIONS',
      headers: {
        origin: WEB_APP,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,idempotency-key',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(WEB_APP);
    expect(response.headers.get('vary')).toMatch(/origin/i);
    // payments-api has GET and POST routes only.
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('exposes the challenge of a refusal to the web app, and nothing to another origin', async () => {
    const allowed = await api.request('/payments?orderId=x', { headers: { origin: WEB_APP } });
    expect(allowed.status).toBe(401);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(WEB_APP);
    expect(allowed.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');

    const other = await api.request('/payments?orderId=x', { headers: { origin: 'http://127.0.0.1:5173' } });
    expect([...other.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });
});
