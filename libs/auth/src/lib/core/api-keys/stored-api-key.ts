import type { ApiKeyLifetime } from './api-key-status';

/**
 * An API key as its owner stores it. The secret itself is never stored: only
 * `hashApiKeySecret(secret, pepper)`.
 */
export interface StoredApiKey extends ApiKeyLifetime {
  /** The public id, `key_...`, sent in `x-api-key-id`. */
  readonly id: string;
  /** The client that owns the key: the principal's `sub` and `clientId`. */
  readonly clientId: string;
  /** HMAC-SHA256 of the secret under the server's pepper (`hashApiKeySecret`). */
  readonly secretHash: string;
  readonly scopes: readonly string[];
  /** The key's own budget, counted across all routes. */
  readonly rateLimitPerMinute: number;
}

/**
 * Where libs/auth finds keys by id: the app implements it on its database. Called on a cache
 * miss only; the verified result is cached in-process until the key is invalidated.
 */
export interface ApiKeyLookup {
  findById(id: string): Promise<StoredApiKey | undefined>;
}
