/** How the caller authenticated. */
export type AuthMethod = 'bearer' | 'api_key';

/**
 * The one shape every authenticated caller takes, whatever the credential.
 * Controllers read this, never headers or raw claims, for access decisions.
 */
export interface Principal {
  /** The subject: a user id, or the client id for machine-to-machine callers. */
  readonly sub: string;
  /** The OAuth client (or API-key owner) that made the call; `null` when the token names none. */
  readonly clientId: string | null;
  readonly scopes: readonly string[];
  readonly authMethod: AuthMethod;
  /**
   * A bearer token a client obtained for itself (client credentials), by the machine-token
   * rules of `isMachineToken`; `false` for user tokens and for API keys.
   */
  readonly isClientCredentials: boolean;
  /** The verified token claims (empty for API keys). */
  readonly claims: Readonly<Record<string, unknown>>;
  /** For API keys: the key's id (public), which rate limits and usage are counted by. */
  readonly apiKeyId?: string;
  /** For API keys: the key's own budget per minute, across all routes. */
  readonly rateLimitPerMinute?: number;
}
