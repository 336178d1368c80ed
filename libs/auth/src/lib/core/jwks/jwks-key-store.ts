import { DependencyUnavailableError, InvalidTokenError } from '../auth-error';
import { importSigningKeys, type SigningKey } from './signing-key';

export interface JwksKeyStoreOptions {
  /** Resolves the JWKS location (a fixed URI, or the issuer's discovery document). */
  jwksUri: () => Promise<string>;
  /** Keys older than this are refreshed in the background; they keep working meanwhile. */
  cacheMaxAgeMs: number;
  /** Unknown `kid`s trigger at most one fetch per this interval, so a flood of random kids cannot hammer the issuer. */
  refetchIntervalMs: number;
  /** Told about fetch failures; the store keeps serving the last keys it fetched. */
  onFetchError?: (error: unknown) => void;
  /** Bound of one JWKS request, connection to last byte; default 5 s. */
  fetchTimeoutMs?: number;
  now?: () => number;
}

/** A JWKS larger than this is not a key set: refused like an unreachable issuer. */
const MAX_JWKS_BYTES = 1024 * 1024;

/**
 * The issuer's signing keys by `kid`, parsed once into `KeyObject`s when the JWKS is fetched.
 *
 * - a known `kid` is answered from memory (`knownKey`, synchronous); after `cacheMaxAgeMs` the
 *   set is refreshed in the background and a `kid` that left the JWKS stops working;
 * - an unknown `kid` refetches at most once per `refetchIntervalMs`, shared by concurrent callers;
 * - while the issuer is unreachable (network error, timeout, non-2xx, not a JWKS) the last keys
 *   fetched keep working; a JWKS with no usable signing key means the keys were withdrawn.
 *
 * jwks-rsa did the fetching here before: with its cache and rate limiter off (this store does
 * both, per key set rather than per kid) it was left converting JWKs to PEM, which node:crypto
 * does itself (`createPublicKey({ format: 'jwk' })`).
 */
export class JwksKeyStore {
  private keys = new Map<string, SigningKey>();
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | undefined;
  private resolvedUri: string | undefined;
  private readonly now: () => number;

  constructor(private readonly options: JwksKeyStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * The key of a `kid` fetched before, without waiting; `undefined` when it is unknown. Starts the
   * background refresh when the keys are older than `cacheMaxAgeMs`.
   */
  knownKey(kid: string): SigningKey | undefined {
    const known = this.keys.get(kid);
    if (known !== undefined && this.now() - this.fetchedAt >= this.options.cacheMaxAgeMs) {
      // The scheduled refresh follows cacheMaxAgeMs even when it is shorter than the unknown-kid
      // rate limit, so a short cache age really does pick up keys the issuer published ahead.
      if (this.mayFetch(Math.min(this.options.cacheMaxAgeMs, this.options.refetchIntervalMs))) {
        this.refresh().catch((error: unknown) => this.options.onFetchError?.(error));
      }
    }
    return known;
  }

  /**
   * The key of a `kid`, fetching the JWKS for an unknown one (within the refetch rate limit).
   *
   * @throws InvalidTokenError `unknown_kid` when no key has that id
   * @throws DependencyUnavailableError `jwks_unavailable` while no keys could ever be fetched
   */
  async getKey(kid: string): Promise<SigningKey> {
    const known = this.knownKey(kid);
    if (known) {
      return known;
    }
    if (this.inFlight) {
      await this.inFlight.catch(() => undefined);
    } else if (this.mayFetch(this.options.refetchIntervalMs)) {
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
      const retryAfterMs = this.lastAttemptAt + this.options.refetchIntervalMs - this.now();
      throw new DependencyUnavailableError(
        'jwks_unavailable',
        "the issuer's signing keys could not be fetched",
        Math.max(1, Math.ceil(retryAfterMs / 1000)),
      );
    }
    throw new InvalidTokenError('unknown_kid', "no signing key of the issuer matches the token's kid");
  }

  private mayFetch(intervalMs: number): boolean {
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

  private async fetchKeys(): Promise<Map<string, SigningKey>> {
    this.resolvedUri ??= await this.options.jwksUri();
    const response = await fetch(this.resolvedUri, {
      headers: { accept: 'application/jwk-set+json, application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(this.options.fetchTimeoutMs ?? 5000),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`the JWKS at ${this.resolvedUri} answered ${response.status}`);
    }
    const text = await response.text();
    if (text.length > MAX_JWKS_BYTES) {
      throw new Error(`the JWKS at ${this.resolvedUri} is larger than ${MAX_JWKS_BYTES} bytes`);
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw new Error(`the JWKS at ${this.resolvedUri} is not JSON`);
    }
    const keys = (document as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys)) {
      throw new Error(`the document at ${this.resolvedUri} is not a JWKS (no "keys" array)`);
    }
    // A key set without a usable key is the issuer's answer (keys withdrawn after a compromise,
    // say), not an outage during which the old keys should keep working.
    return new Map(importSigningKeys({ keys }).map((key) => [key.kid, key]));
  }
}
