import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject, OperationObject, SecurityRequirementObject } from '@nestjs/swagger';
import { appRoutes } from '../lib/nest/app-routes';
import { OPENAPI_SECURITY_SCHEMES as SCHEMES } from '../lib/nest/openapi/apply-access-to-openapi';

/** Credentials the probe calls the API with. */
export interface AccessProbeCredentials {
  /** A bearer token with exactly `scopes` that passes the API's other checks (a machine token, for payments). */
  bearer(scopes: readonly string[]): Promise<string>;
  /** An API key with exactly `scopes` (with none: any key); absent for an API without keys. */
  apiKey?(scopes: readonly string[]): Promise<{ id: string; secret: string }>;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Where the OpenAPI document and the guards disagree, as readable lines (none: they agree).
 * Both directions: every route of the app has an operation and every operation is a route
 * Fastify serves; then each operation is called over HTTP as its `security` says: without
 * credentials (401, or not refused when public), with each documented requirement's scopes
 * exactly (not refused), with a token that meets none of its requirements (403), and with the
 * kind of credential it does not list (401). Path parameters are random ids and bodies `{}`, so
 * an accepted call ends in a 400 or 404 after the guards, never in a change.
 *
 * @example
 * expect(await openApiAccessMismatches(api.app, api.url, document, { bearer: (scopes) => mintToken(scopes) })).toEqual([]);
 */
export async function openApiAccessMismatches(
  app: INestApplication,
  baseUrl: string,
  document: OpenAPIObject,
  credentials: AccessProbeCredentials,
): Promise<string[]> {
  const mismatches: string[] = [];
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => (item[method] ? [{ method: method.toUpperCase(), path, operation: item[method] }] : [])),
  );
  const documented = new Set(operations.map(({ method, path }) => `${method} ${path}`));
  const fastify = app.getHttpAdapter().getInstance() as { hasRoute(route: { method: string; url: string }): boolean };
  for (const route of appRoutes(app)) {
    const key = `${route.method} ${route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
    if (!documented.has(key)) mismatches.push(`${key}: a route with no operation in the document`);
  }
  const allScopes = [...new Set(operations.flatMap(({ operation }) => (operation.security ?? []).flatMap((r) => Object.values(r).flat())))];
  for (const { method, path, operation } of operations) {
    const label = `${method} ${path}`;
    if (!fastify.hasRoute({ method, url: path.replace(/\{([^}]+)\}/g, ':$1') })) mismatches.push(`${label}: documented but not served`);
    const call = (headers: Record<string, string>) => callOperation(baseUrl, method, path, headers);
    const refusedWith = (status: number, expected: string) => mismatches.push(`${label}: ${expected}, got ${status}`);
    const security = operation.security ?? [];
    const anonymous = (await call({})).status;
    if (security.length === 0) {
      if (anonymous === 401 || anonymous === 403) refusedWith(anonymous, 'public, yet refused without credentials');
      continue;
    }
    if (anonymous !== 401) refusedWith(anonymous, 'protected, yet not 401 without credentials');
    for (const requirement of security) {
      const status = (await call(await headersFor(requirement, credentials))).status;
      if (status === 401 || status === 403) refusedWith(status, `refused with the documented ${JSON.stringify(requirement)}`);
    }
    await probeMissingScopes(operation, allScopes, credentials, call, refusedWith);
    if (!security.some((requirement) => SCHEMES.bearer in requirement)) {
      const status = (await call({ authorization: `Bearer ${await credentials.bearer(allScopes)}` })).status;
      if (status !== 401) refusedWith(status, 'lists no bearer scheme, yet a bearer token with every scope was not 401');
    }
    if (credentials.apiKey && !security.some((requirement) => SCHEMES.apiKey in requirement)) {
      const key = await credentials.apiKey(['read:orders']);
      const status = (await call({ 'x-api-key-id': key.id, 'x-api-key': key.secret })).status;
      if (status !== 401) refusedWith(status, 'lists no apiKey scheme, yet an API key was not 401');
    }
  }
  return mismatches;
}

/** A bearer token that meets none of the operation's bearer requirements (it lacks one scope of each) must be a 403. */
async function probeMissingScopes(
  operation: OperationObject,
  allScopes: readonly string[],
  credentials: AccessProbeCredentials,
  call: (headers: Record<string, string>) => Promise<Response>,
  refusedWith: (status: number, expected: string) => void,
): Promise<void> {
  const bearerRequirements = (operation.security ?? []).filter((requirement) => SCHEMES.bearer in requirement);
  const needed = bearerRequirements.map((requirement) => requirement[SCHEMES.bearer] ?? []);
  if (needed.length === 0 || needed.some((scopes) => scopes.length === 0)) return;
  const withheld = new Set(needed.map((scopes) => scopes[0]));
  const status = (await call({ authorization: `Bearer ${await credentials.bearer(allScopes.filter((scope) => !withheld.has(scope)))}` }))
    .status;
  if (status !== 403) refusedWith(status, `a token without ${[...withheld].join(', ')} meets no documented requirement, yet was not 403`);
}

async function headersFor(requirement: SecurityRequirementObject, credentials: AccessProbeCredentials): Promise<Record<string, string>> {
  if (SCHEMES.bearer in requirement || SCHEMES.oauth2 in requirement) {
    const scopes = requirement[SCHEMES.bearer] ?? requirement[SCHEMES.oauth2] ?? [];
    return { authorization: `Bearer ${await credentials.bearer(scopes)}` };
  }
  if (!credentials.apiKey) throw new Error(`an apiKey requirement, but no API key credentials to probe it with`);
  const key = await credentials.apiKey(requirement[SCHEMES.apiKey] ?? []);
  return { 'x-api-key-id': key.id, 'x-api-key': key.secret };
}

function callOperation(baseUrl: string, method: string, path: string, headers: Record<string, string>): Promise<Response> {
  const url = `${baseUrl}${path.replace(/\{[^}]+\}/g, () => randomUUID())}`;
  const hasBody = method === 'POST' || method === 'PATCH' || method === 'PUT';
  return fetch(url, {
    method,
    headers: { ...headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    ...(hasBody ? { body: '{}' } : {}),
  });
}
