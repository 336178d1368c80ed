import { type ApiResource, resourceServerClientIdOf } from './api-registry';

/** What the policy reads of the client calling the introspection endpoint. */
export interface IntrospectingClient {
  readonly clientId: string;
  readonly clientAuthMethod?: string | undefined;
}

/** What the policy reads of the token asked about (oidc-provider's token models). */
export interface IntrospectedToken {
  readonly kind: string;
  readonly clientId?: string | undefined;
  readonly aud?: string | readonly string[] | undefined;
}

/** Access tokens: a user's (`AccessToken`) and a client's own (`ClientCredentials`). */
const ACCESS_TOKEN_KINDS: ReadonlySet<string> = new Set(['AccessToken', 'ClientCredentials']);

/**
 * Whether `client` may learn that `token` is active (RFC 7662): every client may introspect the
 * tokens it was issued, and an API's resource-server client the access tokens whose audience is
 * that API. Anything else is answered `active: false`, which tells nothing about the token.
 *
 * @example
 * mayIntrospect(PLATFORM_APIS, { clientId: 'orders-api', clientAuthMethod: 'client_secret_basic' },
 *   { kind: 'AccessToken', clientId: 'orders-spa', aud: 'orders-api' }); // true
 */
export function mayIntrospect(apis: readonly ApiResource[], client: IntrospectingClient, token: IntrospectedToken): boolean {
  if (token.clientId === client.clientId) return true;
  // A public client proves no identity (anyone can send its client_id): it never reads others' tokens.
  if (client.clientAuthMethod === undefined || client.clientAuthMethod === 'none') return false;
  // Refresh tokens are for the client that renews with them, never for the API.
  if (!ACCESS_TOKEN_KINDS.has(token.kind)) return false;
  const audiences: readonly string[] = typeof token.aud === 'string' ? [token.aud] : (token.aud ?? []);
  return apis.some((api) => resourceServerClientIdOf(api) === client.clientId && audiences.includes(api.audience));
}
