/** An API (resource server) tokens can be issued for. */
export interface ApiResource {
  /** The RFC 8707 resource indicator clients send as `resource=`. */
  readonly identifier: string;
  /** The `aud` of its access tokens, also accepted as `audience=` (as Auth0-style clients send). */
  readonly audience: string;
  readonly scopes: readonly string[];
}

/** The APIs of this platform (the interface contract's defaults). */
export const PLATFORM_APIS: readonly ApiResource[] = [
  {
    identifier: 'urn:orders-api',
    audience: 'orders-api',
    scopes: ['read:orders', 'read:orders:own', 'read:orders:any', 'write:orders', 'write:orders:status', 'admin:api-keys'],
  },
  { identifier: 'urn:payments-api', audience: 'payments-api', scopes: ['process:payment', 'read:payments'] },
];

/** Why a token request's target cannot be served; `code` is the OAuth error to answer with. */
export class TargetError extends Error {
  constructor(
    readonly code: 'invalid_target' | 'invalid_scope',
    message: string,
  ) {
    super(message);
    this.name = 'TargetError';
  }
}

/**
 * Which API a request names, by `resource` (RFC 8707) or `audience`. A request names at most
 * one API; `resource` and `audience` that name different APIs, or an API that does not exist,
 * are `invalid_target`.
 *
 * @example
 * resolveRequestedApi(PLATFORM_APIS, { audience: 'orders-api' }); // the orders-api entry
 */
export function resolveRequestedApi(
  apis: readonly ApiResource[],
  request: { resource?: string | readonly string[] | undefined; audience?: string | readonly string[] | undefined },
): ApiResource | undefined {
  const resources = toList(request.resource);
  const audiences = toList(request.audience);
  if (resources.length > 1 || audiences.length > 1) {
    throw new TargetError('invalid_target', 'a token request names at most one API');
  }
  const [resource] = resources;
  const [audience] = audiences;
  const byResource = resource === undefined ? undefined : apis.find((api) => api.identifier === resource);
  if (resource !== undefined && !byResource) {
    throw new TargetError('invalid_target', `unknown resource: ${resource}`);
  }
  const byAudience = audience === undefined ? undefined : apis.find((api) => api.audience === audience);
  if (audience !== undefined && !byAudience) {
    throw new TargetError('invalid_target', `unknown audience: ${audience}`);
  }
  if (byResource && byAudience && byResource !== byAudience) {
    throw new TargetError('invalid_target', 'resource and audience name different APIs');
  }
  return byResource ?? byAudience;
}

/**
 * The scopes of `api` a client may have (its registered `scope` metadata). A client with none
 * of them may not have tokens for that API at all: `invalid_scope`.
 */
export function clientScopesForApi(api: ApiResource, clientScope: string | undefined): string[] {
  const allowed = new Set((clientScope ?? '').split(' ').filter(Boolean));
  const scopes = api.scopes.filter((scope) => allowed.has(scope));
  if (scopes.length === 0) {
    throw new TargetError('invalid_scope', `this client may not have tokens for ${api.audience}`);
  }
  return scopes;
}

function toList(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined || value === '') return [];
  return typeof value === 'string' ? [value] : value;
}
