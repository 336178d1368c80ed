import { API_CATALOG, type PlatformApi, scopesOf } from '@platform/api-catalog';

/** An API (resource server) tokens can be issued for, its scopes as the list oidc-provider reads. */
export interface ApiResource extends Pick<PlatformApi, 'identifier' | 'audience'> {
  readonly scopes: readonly string[];
  /**
   * The client the API itself authenticates as to introspect its opaque tokens; default: the
   * client whose `client_id` is the API's audience (`orders-api`).
   */
  readonly resourceServerClientId?: string;
}

/** The APIs of this platform, from the one catalog the APIs check their scopes against. */
export const PLATFORM_APIS: readonly ApiResource[] = API_CATALOG.map((api) => ({
  identifier: api.identifier,
  audience: api.audience,
  scopes: scopesOf(api),
}));

/** The client id of `api`'s resource server (see {@link ApiResource.resourceServerClientId}). */
export function resourceServerClientIdOf(api: ApiResource): string {
  return api.resourceServerClientId ?? api.audience;
}

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
