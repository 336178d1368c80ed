import { TestIssuer } from '@platform/auth/testing';
import { type RunningOrdersApi, startOrdersApi } from './support/start-orders-api';

// Access tokens shaped as other identity providers issue them, and their ID tokens, over HTTP.
describe('orders-api with AUTH_ACCESS_TOKEN_TYP=at+jwt,jwt,none', () => {
  let issuer: TestIssuer;
  let api: RunningOrdersApi;

  beforeAll(async () => {
    issuer = await TestIssuer.start({ audience: 'orders-api' });
    api = await startOrdersApi({
      AUTH_ISSUER: issuer.url,
      AUTH_JWKS_URI: issuer.jwksUri,
      AUTH_ACCESS_TOKEN_TYP: 'at+jwt,jwt,none',
      AUTH_AUDIENCE_CLIENT_IDS: 'cognito-app',
    });
  });

  afterAll(async () => {
    await api?.close();
    await issuer?.stop();
  });

  async function me(header: Record<string, unknown>, claims: Record<string, unknown>): Promise<Response> {
    return api.request('/me', { token: await issuer.mint({ header, claims }) });
  }

  it.each([
    [
      'Keycloak',
      { typ: 'JWT' },
      { typ: 'Bearer', azp: 'web', client_id: undefined, scope: 'openid read:orders' },
      'web',
      ['openid', 'read:orders'],
    ],
    [
      'Okta',
      { typ: undefined },
      { cid: 'okta-app', client_id: undefined, scope: undefined, scp: ['read:orders'] },
      'okta-app',
      ['read:orders'],
    ],
    [
      'Entra ID',
      { typ: 'JWT' },
      { azp: 'entra-app', client_id: undefined, scope: undefined, scp: 'read:orders' },
      'entra-app',
      ['read:orders'],
    ],
    [
      'Cognito',
      { typ: undefined },
      { aud: undefined, token_use: 'access', client_id: 'cognito-app', scope: 'orders-api/read:orders' },
      'cognito-app',
      ['orders-api/read:orders'],
    ],
  ])('accepts an access token of %s, with its client and scopes', async (_idp, header, claims, clientId, scopes) => {
    const response = await me(header, claims);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ clientId, scopes, authMethod: 'bearer' });
  });

  it.each([
    ['Keycloak', { typ: 'JWT' }, { typ: 'ID', nonce: 'n', azp: 'web', at_hash: 'h' }],
    ['Okta, Entra ID or Auth0 (no client claim)', { typ: undefined }, { client_id: undefined, nonce: 'n' }],
    ['Cognito', { typ: undefined }, { token_use: 'id', client_id: 'cognito-app' }],
  ])('refuses an ID token of %s whose aud is this API: 401 wrong_token_type', async (_idp, header, claims) => {
    const response = await me(header, claims);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await response.json()).toMatchObject({ error: 'invalid_token', reason: 'wrong_token_type' });
  });

  it('enforces scope names exactly: a Cognito orders-api/read:orders does not read orders', async () => {
    const token = await issuer.mint({
      header: { typ: undefined },
      claims: { aud: undefined, token_use: 'access', client_id: 'cognito-app', scope: 'orders-api/read:orders' },
    });
    const response = await api.request('/orders', { token });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ reason: 'insufficient_scope' });
  });
});
