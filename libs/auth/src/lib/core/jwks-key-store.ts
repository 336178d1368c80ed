import { createPublicKey, type KeyObject } from 'node:crypto';
import { JwksClient, JwksError, type SigningKey } from 'jwks-rsa';
import { InvalidTokenError } from './auth-error';

export interface JwksKeyStoreOptions {
  /** Resolves the JWKS location (a fixed URI, or the issuer's discovery document). */
  jwksUri: () => Promise<string>;
  /** Keys older than this are refreshed in the background; they keep working meanwhile. */
  cacheMaxAgeMs: number;
  /** Unknown `kid`s trigger at most one fetch per this interval, so a flood of random kids cannot hammer the issuer. */
  refetchIntervalMs: number;
  /** Told about fetch failures; the store keeps serving the last keys it fetched. */
  onFetchError?: (error: unknown) => void;
  fetchTimeoutMs?: number;
  now?: () => number;
}

/**
 * The issuer's signing keys by `kid`, as parsed `KeyObject`s: jwks-rsa fetches and converts the
 * JWKS, and the keys are parsed once here rather than from PEM on every verification.
 *
 * - a known `kid` is answered from memory; after `cacheMaxAgeMs` the set is refreshed in the
 *   background and a `kid` that left the JWKS stops working;
 * - an unknown `kid` refetches at most once per `refetchIntervalMs`, shared by concurrent callers;
 * - while the issuer is unreachable the last keys fetched keep working.
 */
export class JwksKeyStore {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | undefined;
  private client: JwksClient | undefined;
  private readonly now: () => number;

  constructor(private readonly options: JwksKeyStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * @throws InvalidTokenError `unknown_kid` when no key has that id, `jwks_unavailable` when no keys could ever be fetched
   */
  async getKey(kid: string): Promise<KeyObject> {
    const known = this.keys.get(kid);
    if (known) {
      // The scheduled refresh follows cacheMaxAgeMs even when it is shorter than the unknown-kid
      // rate limit, so a short cache age really does pick up keys the issuer published ahead.
      const refreshEveryMs = Math.min(this.options.cacheMaxAgeMs, this.options.refetchIntervalMs);
      if (this.now() - this.fetchedAt >= this.options.cacheMaxAgeMs && this.mayFetch(refreshEveryMs)) {
        this.refresh().catch((error: unknown) => this.options.onFetchError?.(error));
      }
      return known;
    }
    if (this.inFlight) {
      await this.inFlight.catch(() => undefined);
    } else if (this.mayFetch()) {
      try {
        await this.refresh();
      } catch (error) {
        this.options.onFetchError?.(error);
      }
    }
    const key = this.keys.get(kid);
    if (key) {
      return key;
    }
    if (this.fetchedAt === Number.NEGATIVE_INFINITY) {
      throw new InvalidTokenError('jwks_unavailable', "the issuer's signing keys could not be fetched");
    }
    throw new InvalidTokenError('unknown_kid', "no signing key of the issuer matches the token's kid");
  }

  private mayFetch(intervalMs = this.options.refetchIntervalMs): boolean {
    return this.inFlight === undefined && this.now() - this.lastAttemptAt >= intervalMs;
  }

  private refresh(): Promise<void> {
    this.lastAttemptAt = this.now();
    this.inFlight = this.fetchKeys()
      .then((keys) => {
        this.keys = keys;
        this.fetchedAt = this.now();
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  private async fetchKeys(): Promise<Map<string, KeyObject>> {
    if (!this.client) {
      // jwks-rsa's own cache and rate limiter are off: this store does both, per key set rather than per kid.
      this.client = new JwksClient({
        jwksUri: await this.options.jwksUri(),
        cache: false,
        rateLimit: false,
        timeout: this.options.fetchTimeoutMs ?? 5000,
      });
    }
    let signingKeys: SigningKey[];
    try {
      signingKeys = await this.client.getSigningKeys();
    } catch (error) {
      // An issuer that answered with no usable key has withdrawn its keys (after a compromise, say):
      // that is its key set now, not an outage during which the old keys should keep working.
      if (error instanceof JwksError && !(error as { isEndpointUnavailable?: boolean }).isEndpointUnavailable) {
        return new Map();
      }
      throw error;
    }
    const keys = new Map<string, KeyObject>();
    for (const signingKey of signingKeys) {
      if (signingKey.kid) {
        keys.set(signingKey.kid, createPublicKey(signingKey.getPublicKey()));
      }
    }
    return keys;
  }
}
