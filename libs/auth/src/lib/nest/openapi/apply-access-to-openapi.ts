import type { INestApplicationContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type {
  OpenAPIObject,
  OperationObject,
  PathItemObject,
  ResponsesObject,
  SchemaObject,
  SecurityRequirementObject,
  SecuritySchemeObject,
} from '@nestjs/swagger';
import type { AuthErrorBody } from '../../core/auth-error';
import { AUTH_FAILURE_REASONS } from '../../core/auth-failure-reason';
import type { AuthMethod } from '../../core/principal';
import { appRoutes } from '../app-routes';
import { readRouteAccess, type RouteAccess } from '../route-access';

/** The names of the security schemes in the document: what each operation's `security` refers to. */
export const OPENAPI_SECURITY_SCHEMES = {
  bearer: 'bearer',
  oauth2: 'oauth2',
  apiKeyId: 'apiKeyId',
  apiKey: 'apiKey',
} as const;

/** The authorization server's endpoints, for the `oauth2` scheme's flows. */
export interface OAuthEndpoints {
  readonly authorizationUrl: string;
  readonly tokenUrl: string;
}

const ERROR_SCHEMA = 'AuthError';
const ERROR_CODES = [
  'invalid_request',
  'invalid_token',
  'insufficient_scope',
  'invalid_api_key',
  'rate_limited',
  'forbidden',
  'temporarily_unavailable',
] as const satisfies readonly NonNullable<AuthErrorBody['error']>[];

/**
 * The OpenAPI document with the access each operation has, derived from the same `@Public()`,
 * `@Scopes()`, `@AnyScope()`, `@Authenticated()` and `@AuthMethods()` metadata the guards
 * enforce (`readRouteAccess`), so the document cannot drift from what is enforced:
 *
 * - a public operation has `security: []`;
 * - a bearer operation has `bearer` and `oauth2` with its scopes: one requirement for `@Scopes()`
 *   (every scope), one per scope for `@AnyScope()` (any of them);
 * - an API-key operation has `apiKeyId` and `apiKey` together (both headers) with the key's scopes;
 * - a protected operation answers 401, 429 and 503 (403 too when it needs a scope) with the
 *   error body `{ error, error_description, reason, scope? }`.
 *
 * The security schemes are added with them: `bearer` (JWT), `oauth2` (authorization code with
 * PKCE, and client credentials, at `endpoints`), and the two API-key headers when a route accepts keys.
 *
 * @throws Error naming a route that has no operation in `document` (a document built from another app)
 *
 * @example
 * const document = applyAccessToOpenApi(SwaggerModule.createDocument(app, config), app, {
 *   authorizationUrl: 'http://localhost:3000/auth',
 *   tokenUrl: 'http://localhost:3000/token',
 * });
 */
export function applyAccessToOpenApi(document: OpenAPIObject, app: INestApplicationContext, endpoints: OAuthEndpoints): OpenAPIObject {
  const reflector = app.get(Reflector);
  const paths: Record<string, PathItemObject> = structuredClone(document.paths);
  const scopeUsers = new Map<string, string[]>();
  const methodsUsed = new Set<AuthMethod>();
  for (const route of appRoutes(app)) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const key = route.method.toLowerCase() as keyof PathItemObject;
    const operation = paths[path]?.[key] as OperationObject | undefined;
    if (operation === undefined) {
      throw new Error(`the OpenAPI document has no operation for ${route.method} ${path}`);
    }
    const access = readRouteAccess(reflector, route.handler, route.controller);
    operation.security = securityOf(access);
    operation.responses = { ...errorResponses(access), ...operation.responses };
    if (access.isPublic) continue;
    access.methods.forEach((method) => methodsUsed.add(method));
    // The oauth2 flows list the scopes tokens are asked for; an API key's scopes are the key's own.
    if (!access.methods.includes('bearer')) continue;
    for (const scope of access.requirement?.scopes ?? []) {
      scopeUsers.set(scope, [...(scopeUsers.get(scope) ?? []), `${route.method} ${path}`]);
    }
  }
  const scopes = Object.fromEntries([...scopeUsers].map(([scope, users]) => [scope, `needed by ${users.join(', ')}`]));
  return {
    ...document,
    paths,
    components: {
      ...document.components,
      schemas: { ...document.components?.schemas, [ERROR_SCHEMA]: errorSchema() },
      securitySchemes: { ...document.components?.securitySchemes, ...securitySchemes(endpoints, scopes, methodsUsed) },
    },
  };
}

function securityOf(access: RouteAccess): SecurityRequirementObject[] {
  if (access.isPublic) return [];
  const requirement = access.requirement;
  // A requirement object is an AND of schemes; the list is an OR of requirements.
  const alternatives = requirement?.mode === 'any' ? requirement.scopes.map((scope) => [scope]) : [[...(requirement?.scopes ?? [])]];
  return alternatives.flatMap((scopes) => access.methods.flatMap((method) => requirementsFor(method, scopes)));
}

function requirementsFor(method: AuthMethod, scopes: string[]): SecurityRequirementObject[] {
  const names = OPENAPI_SECURITY_SCHEMES;
  switch (method) {
    case 'bearer':
      // The same access token, pasted (bearer) or obtained in Swagger UI (oauth2).
      return [{ [names.bearer]: scopes }, { [names.oauth2]: scopes }];
    case 'api_key':
      return [{ [names.apiKeyId]: scopes, [names.apiKey]: scopes }];
  }
}

function errorResponses(access: RouteAccess): ResponsesObject {
  if (access.isPublic) return {};
  const body = { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA}` } } };
  const challenge = { 'WWW-Authenticate': { description: 'the RFC 6750 challenge', schema: { type: 'string' } } };
  const retryAfter = { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } };
  const needsScope = (access.requirement?.scopes.length ?? 0) > 0;
  return {
    401: { description: 'no credentials, or credentials that are not valid (see `reason`)', headers: challenge, content: body },
    ...(needsScope
      ? {
          403: {
            description: 'valid credentials without a scope (or kind of caller) this operation needs',
            headers: challenge,
            content: body,
          },
        }
      : {}),
    429: { description: "over the caller's budget for this minute", headers: retryAfter, content: body },
    503: { description: 'a dependency needed to check the credentials is down or slow', headers: retryAfter, content: body },
  };
}

function errorSchema(): SchemaObject {
  return {
    type: 'object',
    required: ['error_description', 'reason'],
    properties: {
      error: { type: 'string', enum: [...ERROR_CODES], description: 'the RFC 6750 code (absent when no credentials were sent)' },
      error_description: { type: 'string' },
      reason: { type: 'string', enum: [...AUTH_FAILURE_REASONS], description: 'why, as in the auth_failures_total metric' },
      scope: { type: 'string', description: 'insufficient_scope: the scopes this operation needs' },
    },
  };
}

function securitySchemes(
  endpoints: OAuthEndpoints,
  scopes: Record<string, string>,
  methods: ReadonlySet<AuthMethod>,
): Record<string, SecuritySchemeObject> {
  const names = OPENAPI_SECURITY_SCHEMES;
  return {
    [names.bearer]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'an access token issued for this API' },
    [names.oauth2]: {
      type: 'oauth2',
      description: 'a user signs in (authorization code with PKCE S256), or a service gets a token for itself (client credentials)',
      flows: {
        authorizationCode: { authorizationUrl: endpoints.authorizationUrl, tokenUrl: endpoints.tokenUrl, scopes },
        clientCredentials: { tokenUrl: endpoints.tokenUrl, scopes },
      },
    },
    ...(methods.has('api_key')
      ? {
          [names.apiKeyId]: {
            type: 'apiKey',
            in: 'header',
            name: 'x-api-key-id',
            description: "a partner's API key id (sent with x-api-key)",
          },
          [names.apiKey]: { type: 'apiKey', in: 'header', name: 'x-api-key', description: "the key's secret (sent with x-api-key-id)" },
        }
      : {}),
  };
}
