import { randomUUID } from 'node:crypto';
import type { OpenAPIObject } from '@nestjs/swagger';
import { TestIssuer, openApiAccessMismatches } from '@platform/auth/testing';
import { type RunningOrdersApi, startOrdersApi } from './support/start-orders-api';

describe('orders-api OpenAPI document and Swagger UI', () => {
  let issuer: TestIssuer;
  let api: RunningOrdersApi;
  let document: OpenAPIObject;

  /** A client-credentials token: it passes every check but scopes. */
  const bearer = (scopes: readonly string[]) => issuer.mint({ claims: { sub: 'probe', client_id: 'probe', scope: scopes.join(' ') } });

  async function apiKey(scopes: readonly string[]): Promise<{ id: string; secret: string }> {
    const response = await api.request(`/admin/clients/probe-${randomUUID()}/api-keys`, {
      method: 'POST',
      token: await bearer(['admin:api-keys']),
      headers: { 'content-type': 'application/json' },
      // A key has at least one scope: a requirement of none (GET /me) is met by any key.
      body: JSON.stringify({ scopes: scopes.length > 0 ? scopes : ['read:orders'], rateLimitPerMinute: 600 }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; secret: string };
  }

  beforeAll(async () => {
    issuer = await TestIssuer.start({ audience: 'orders-api' });
    api = await startOrdersApi({ AUTH_ISSUER: issuer.url, AUTH_JWKS_URI: issuer.jwksUri });
    const response = await api.request('/openapi.json');
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenAPIObject;
  });

  afterAll(async () => {
    await api.close();
    await issuer.stop();
  });

  it('serves OpenAPI 3.1 without credentials, with no 3.0-only nullable left', async () => {
    expect(document.openapi).toBe('3.1.0');
    expect(JSON.stringify(document)).not.toContain('"nullable"');
    expect(await (await api.request('/openapi.json')).json()).toEqual(document);
  });

  it('documents exactly the access every route enforces (every route walked, both directions, probed over HTTP)', async () => {
    expect(await openApiAccessMismatches(api.app, api.url, document, { bearer, apiKey })).toEqual([]);
  });

  it('lists the contract routes with their scopes: public none, bearer and oauth2, both API-key headers together', () => {
    const security = (method: 'get' | 'post' | 'patch', path: string) => document.paths[path]?.[method]?.security;
    expect(security('get', '/health/live')).toEqual([]);
    expect(security('post', '/orders')).toEqual([{ bearer: ['write:orders'] }, { oauth2: ['write:orders'] }]);
    expect(security('get', '/orders')).toEqual(
      ['read:orders', 'read:orders:own', 'read:orders:any'].flatMap((scope) => [{ bearer: [scope] }, { oauth2: [scope] }]),
    );
    expect(security('get', '/partner/orders/{id}')).toEqual([{ apiKeyId: ['read:orders'], apiKey: ['read:orders'] }]);
    expect(security('get', '/me')).toEqual([{ bearer: [] }, { oauth2: [] }, { apiKeyId: [], apiKey: [] }]);
  });

  it('declares bearer, oauth2 (authorization code with PKCE, client credentials at the issuer) and the two API-key headers', () => {
    const schemes = document.components?.securitySchemes ?? {};
    expect(schemes['bearer']).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(schemes['oauth2']).toMatchObject({
      type: 'oauth2',
      flows: {
        authorizationCode: { authorizationUrl: `${issuer.url}/auth`, tokenUrl: `${issuer.url}/token` },
        clientCredentials: { tokenUrl: `${issuer.url}/token` },
      },
    });
    expect(
      Object.keys((schemes['oauth2'] as { flows: { clientCredentials: { scopes: object } } }).flows.clientCredentials.scopes).sort(),
    ).toEqual(['admin:api-keys', 'read:orders', 'read:orders:any', 'read:orders:own', 'write:orders', 'write:orders:status']);
    expect(schemes['apiKeyId']).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-api-key-id' }));
    expect(schemes['apiKey']).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-api-key' }));
  });

  it('documents refusals with the error body, and the request bodies from the DTOs', () => {
    const create = document.paths['/orders']?.post;
    expect(Object.keys(create?.responses ?? {})).toEqual(expect.arrayContaining(['201', '401', '403', '429', '503']));
    expect(document.components?.schemas?.['AuthError']).toMatchObject({ required: ['error_description', 'reason'] });
    expect(document.components?.schemas?.['CreateOrderDto']).toMatchObject({ required: ['items'] });
  });

  it('serves Swagger UI at /docs, signing in with PKCE as api-docs for urn:orders-api', async () => {
    const page = await api.request('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    const init = await (await api.request('/docs/swagger-ui-init.js')).text();
    expect(init).toContain('"clientId": "api-docs"');
    expect(init).toContain('"usePkceWithAuthorizationCodeGrant": true');
    expect(init).toContain('"resource": "urn:orders-api"');
    expect((await api.request('/docs/oauth2-redirect.html')).status).toBe(200);
  });
});
