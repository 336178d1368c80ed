import { randomUUID } from 'node:crypto';
import type { OpenAPIObject } from '@nestjs/swagger';
import { TestIssuer, openApiAccessMismatches, responseSchemaMismatches, undocumentedSuccessResponses } from '@platform/auth/testing';
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

  it('documents a success response for every operation: a schema for each body, none for a 204', () => {
    expect(undocumentedSuccessResponses(document)).toEqual([]);
    const success = (method: 'get' | 'post' | 'patch' | 'delete', path: string, status: string) =>
      (document.paths[path]?.[method]?.responses[status] as { content?: Record<string, { schema?: unknown }> } | undefined)?.content;
    expect(success('post', '/orders', '201')?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/OrderView' });
    expect(success('get', '/me', '200')?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/MeView' });
    expect(success('delete', '/admin/api-keys/{id}', '204')).toBeUndefined();
    // 3.1: a nullable field is a type that admits null, not 3.0's `nullable: true`.
    expect(document.components?.schemas?.['OrderPageView']).toMatchObject({
      required: ['orders', 'nextCursor'],
      properties: { nextCursor: { type: ['string', 'null'] } },
    });
  });

  it('answers what it documents: real bodies of the order, /me and admin routes validate against their schemas', async () => {
    const owner = `owner-${randomUUID()}`;
    const customer = (scopes: readonly string[]) =>
      issuer.mint({ claims: { sub: owner, client_id: 'orders-spa', scope: scopes.join(' ') } });
    const mismatches: string[] = [];
    const check = async (method: 'get' | 'post' | 'patch' | 'delete', path: string, response: Response, status: number) => {
      expect(response.status).toBe(status);
      mismatches.push(...(await responseSchemaMismatches(document, method, path, response)));
    };
    const json = { 'content-type': 'application/json' };
    const placeOrder = async () => {
      const response = await api.request('/orders', {
        method: 'POST',
        token: await customer(['write:orders']),
        headers: json,
        body: JSON.stringify({ items: [{ sku: 'ABC-1', quantity: 2, unitPrice: '9.99' }] }),
      });
      const { id } = (await response.clone().json()) as { id: string };
      await check('post', '/orders', response, 201);
      return id;
    };
    const first = await placeOrder();
    await placeOrder();

    const reader = await customer(['read:orders:own']);
    const page = await api.request('/orders?limit=1', { token: reader });
    const { nextCursor } = (await page.clone().json()) as { nextCursor: string | null };
    expect(nextCursor).toEqual(expect.any(String));
    await check('get', '/orders', page, 200);
    const lastPage = await api.request(`/orders?limit=1&cursor=${encodeURIComponent(nextCursor ?? '')}`, { token: reader });
    expect(((await lastPage.clone().json()) as { nextCursor: unknown }).nextCursor).toBeNull();
    await check('get', '/orders', lastPage, 200);
    await check('get', '/orders/{id}', await api.request(`/orders/${first}`, { token: reader }), 200);
    const paid = await api.request(`/orders/${first}`, {
      method: 'PATCH',
      token: await bearer(['write:orders:status']),
      headers: json,
      body: JSON.stringify({ status: 'paid', paymentId: `pay_${randomUUID()}` }),
    });
    await check('patch', '/orders/{id}', paid, 200);

    const key = await apiKey(['read:orders']);
    const keyHeaders = { 'x-api-key-id': key.id, 'x-api-key': key.secret };
    await check('get', '/partner/orders/{id}', await api.request(`/partner/orders/${first}`, { headers: keyHeaders }), 200);
    await check('get', '/me', await api.request('/me', { headers: keyHeaders }), 200);
    await check('get', '/me', await api.request('/me', { token: reader }), 200);
    // An at+jwt token that names no client (minted without the default client_id): clientId is null.
    const clientless = await api.request('/me', { token: await issuer.mint({ claims: { sub: owner, client_id: undefined } }) });
    expect(((await clientless.clone().json()) as { clientId: unknown }).clientId).toBeNull();
    await check('get', '/me', clientless, 200);

    const admin = await bearer(['admin:api-keys']);
    const clientId = `partner-${randomUUID()}`;
    const created = await api.request(`/admin/clients/${clientId}/api-keys`, {
      method: 'POST',
      token: admin,
      headers: json,
      body: JSON.stringify({ scopes: ['read:orders'], rateLimitPerMinute: 60, expiresInDays: 30 }),
    });
    const { id: keyId } = (await created.clone().json()) as { id: string };
    await check('post', '/admin/clients/{clientId}/api-keys', created, 201);
    const retired = await api.request(`/admin/api-keys/${keyId}/retire`, {
      method: 'POST',
      token: admin,
      headers: json,
      body: JSON.stringify({ graceSeconds: 60 }),
    });
    await check('post', '/admin/api-keys/{id}/retire', retired, 200);
    await check(
      'get',
      '/admin/clients/{clientId}/api-keys',
      await api.request(`/admin/clients/${clientId}/api-keys`, { token: admin }),
      200,
    );
    await check('delete', '/admin/api-keys/{id}', await api.request(`/admin/api-keys/${keyId}`, { method: 'DELETE', token: admin }), 204);

    await check('get', '/health/live', await api.request('/health/live'), 200);
    await check('get', '/health/ready', await api.request('/health/ready'), 200);
    await check('get', '/metrics', await api.request('/metrics'), 200);
    expect(mismatches).toEqual([]);
  });

  it('finds a body that leaves the documented shape: a missing field, a wrong type, an undocumented field', async () => {
    const order = { id: randomUUID(), ownerId: 'u', items: [], total: '0.00', status: 'pending', createdAt: new Date().toISOString() };
    const answer = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    expect(await responseSchemaMismatches(document, 'get', '/orders/{id}', answer(order))).toEqual([]);
    expect(await responseSchemaMismatches(document, 'get', '/orders/{id}', answer({ ...order, createdAt: undefined }))).toEqual([
      "GET /orders/{id} 200: the body must have required property 'createdAt'",
    ]);
    expect(await responseSchemaMismatches(document, 'get', '/orders/{id}', answer({ ...order, status: 'shipped' }))).toEqual([
      'GET /orders/{id} 200: /status must be equal to one of the allowed values',
    ]);
    expect(await responseSchemaMismatches(document, 'get', '/admin/clients/{clientId}/api-keys', answer({ apiKeys: [] }))).toEqual([]);
    expect(
      await responseSchemaMismatches(document, 'get', '/orders', answer({ orders: [{ ...order, paymentId: 'pay_1' }], nextCursor: 7 })),
    ).toEqual([
      'GET /orders 200: /orders/0 must NOT have unevaluated properties (paymentId)',
      'GET /orders 200: /nextCursor must be string,null',
    ]);
    // OpenAPI 3.0's nullable is no JSON Schema 2020-12 keyword: the strict compile refuses it.
    const withNullable = structuredClone(document);
    const page = withNullable.components?.schemas?.['OrderPageView'] as { properties: Record<string, object> };
    page.properties['nextCursor'] = { type: 'string', nullable: true };
    expect(undocumentedSuccessResponses(withNullable)).toEqual([expect.stringContaining('unknown keyword: "nullable"')]);
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
