import type { OpenAPIObject } from '@nestjs/swagger';
import { TestIssuer, openApiAccessMismatches } from '@platform/auth/testing';
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

  it('serves Swagger UI at /docs, signing in for urn:payments-api', async () => {
    const page = await api.request('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await (await api.request('/docs/swagger-ui-init.js')).text()).toContain('"resource": "urn:payments-api"');
  });
});
