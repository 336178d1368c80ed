import { randomUUID } from 'node:crypto';
import type { OpenAPIObject } from '@nestjs/swagger';
import { TestIssuer, openApiAccessMismatches, responseSchemaMismatches, undocumentedSuccessResponses } from '@platform/auth/testing';
import { type RunningPaymentsApi, startPaymentsApi } from './support/start-payments-api';

describe('payments-api OpenAPI document and Swagger UI', () => {
  let issuer: TestIssuer;
  let api: RunningPaymentsApi;
  let document: OpenAPIObject;

  beforeAll(async () => {
    issuer = await TestIssuer.start({ audience: 'payments-api' });
    api = await startPaymentsApi({ AUTH_ISSUER: issuer.url, AUTH_JWKS_URI: issuer.jwksUri });
    document = (await (await api.request('/openapi.json')).json()) as OpenAPIObject;
  });

  afterAll(async () => {
    await api.close();
    await issuer.stop();
  });

  it('documents exactly the access every route enforces, as OpenAPI 3.1 with no API-key scheme (it takes none)', async () => {
    expect(document.openapi).toBe('3.1.0');
    // Client-credentials tokens: POST /payments takes nothing else.
    const bearer = (scopes: readonly string[]) => issuer.mint({ claims: { sub: 'probe', client_id: 'probe', scope: scopes.join(' ') } });
    expect(await openApiAccessMismatches(api.app, api.url, document, { bearer })).toEqual([]);
    expect(document.paths['/payments']?.post?.security).toEqual([{ bearer: ['process:payment'] }, { oauth2: ['process:payment'] }]);
    expect(Object.keys(document.components?.securitySchemes ?? {})).toEqual(['bearer', 'oauth2']);
  });

  it('documents a success response for every operation, and answers what it documents: 201 and 200 payments, the list', async () => {
    expect(undocumentedSuccessResponses(document)).toEqual([]);
    const client = `payer-${randomUUID()}`;
    const token = (scope: string) => issuer.mint({ claims: { sub: client, client_id: client, scope } });
    const mismatches: string[] = [];
    const check = async (method: 'get' | 'post', path: string, response: Response, status: number) => {
      expect(response.status).toBe(status);
      mismatches.push(...(await responseSchemaMismatches(document, method, path, response)));
    };
    const orderId = randomUUID();
    const pay = async () =>
      api.request('/payments', {
        method: 'POST',
        token: await token('process:payment'),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ orderId, amount: '12.5' }),
      });
    const created = await pay();
    const { id } = (await created.clone().json()) as { id: string };
    await check('post', '/payments', created, 201);
    // A repeat for the same order is the existing payment, documented as the 200.
    await check('post', '/payments', await pay(), 200);
    const reader = await token('read:payments');
    await check('get', '/payments/{id}', await api.request(`/payments/${id}`, { token: reader }), 200);
    await check('get', '/payments', await api.request(`/payments?orderId=${orderId}`, { token: reader }), 200);
    await check('get', '/health/live', await api.request('/health/live'), 200);
    await check('get', '/metrics', await api.request('/metrics'), 200);
    expect(mismatches).toEqual([]);
  });

  it('serves Swagger UI at /docs, signing in for urn:payments-api', async () => {
    const page = await api.request('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await (await api.request('/docs/swagger-ui-init.js')).text()).toContain('"resource": "urn:payments-api"');
  });
});
