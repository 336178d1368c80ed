import { AuthConfigError } from '../core/auth-config-error';
import { type ApiTarget, apiCacheKey, assertApiTarget } from './api-target';
import { discoverTokenEndpoint } from './discover-token-endpoint';
import { type ClientCredentialsToken, requestClientCredentialsToken } from './request-client-credentials-token';

/** Time source; `Date` is one. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export interface ClientCredentialsTokenClientOptions {
  /** The authorization server's issuer identifier, an absolute URL (`AUTH_ISSUER`). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /**
   * Default: the `token_endpoint` of `${issuer}/.well-known/openid-configuration`, fetched once.
   * Set it when the issuer's public URL is not reachable from here (inside a container network).
   */
  tokenEndpoint?: string;
  /** A cached token is replaced this long before it expires, so it never expires in flight. Default 30. */
  refreshSkewSeconds?: number;
  /** Timeout of each discovery or token request. Default 10000. */
  requestTimeoutMs?: number;
  /** Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Default `Date`. */
  clock?: Clock;
}

interface CacheEntry {
  token?: ClientCredentialsToken;
  /** The request in progress: concurrent callers wait for it instead of sending their own. */
  inFlight?: Promise<ClientCredentialsToken>;
}

/**
 * Gets client-credentials access tokens for the APIs a service calls (RFC 6749 section 4.4),
 * authenticating with `client_secret_basic` and naming each API by `resource` (RFC 8707) and/or
 * `audience`, never with a `scope`: the token carries what the client is granted.
 *
 * - each API's token is cached until `refreshSkewSeconds` before it expires;
 * - concurrent callers for one API share one request; a failure is not cached;
 * - failures are `TokenRequestError`s with a stable `code`.
 *
 * @example
 * const tokens = new ClientCredentialsTokenClient({ issuer: 'http://localhost:3000', clientId: 'job-runner', clientSecret });
 * const { accessToken } = await tokens.getToken({ resource: 'urn:orders-api' });
 */
export class ClientCredentialsTokenClient {
  private readonly entries = new Map<string, CacheEntry>();
  private tokenEndpoint: Promise<string> | undefined;
  private readonly fetch: typeof globalThis.fetch;
  private readonly clock: Clock;
  private readonly refreshSkewSeconds: number;
  private readonly requestTimeoutMs: number;

  /** @throws AuthConfigError naming each bad option */
  constructor(private readonly options: ClientCredentialsTokenClientOptions) {
    this.refreshSkewSeconds = options.refreshSkewSeconds ?? 30;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.clock = options.clock ?? Date;
    const problems = [
      !URL.canParse(options.issuer) && `issuer must be an absolute URL, got "${options.issuer}"`,
      options.tokenEndpoint !== undefined &&
        !URL.canParse(options.tokenEndpoint) &&
        `tokenEndpoint must be an absolute URL, got "${options.tokenEndpoint}"`,
      !options.clientId && 'clientId must not be empty',
      // Never echo the secret, not even a wrong one.
      !options.clientSecret && 'clientSecret must not be empty',
      !(this.refreshSkewSeconds >= 0) && `refreshSkewSeconds must be a number >= 0, got ${this.refreshSkewSeconds}`,
      !(this.requestTimeoutMs > 0) && `requestTimeoutMs must be a number > 0, got ${this.requestTimeoutMs}`,
    ].filter((problem): problem is string => typeof problem === 'string');
    if (problems.length > 0) {
      throw new AuthConfigError(problems);
    }
  }

  /**
   * An access token for `api`: the cached one while it is fresh, else a new one.
   *
   * @throws TokenRequestError when discovery or the token request fails (nothing is cached then)
   *
   * @example
   * const { accessToken, expiresAt, scope } = await tokens.getToken({ audience: 'payments-api' });
   */
  getToken(api: ApiTarget): Promise<ClientCredentialsToken> {
    const key = apiCacheKey(api);
    const entry = this.entries.get(key) ?? {};
    this.entries.set(key, entry);
    if (entry.token && this.isFresh(entry.token)) {
      return Promise.resolve(entry.token);
    }
    // Set before the first await, so every caller arriving meanwhile finds it.
    entry.inFlight ??= this.requestToken(api).then(
      (token) => {
        entry.inFlight = undefined;
        entry.token = token;
        return token;
      },
      (error: unknown) => {
        entry.inFlight = undefined;
        throw error;
      },
    );
    return entry.inFlight;
  }

  /**
   * Drops `api`'s cached token if it is still `accessToken` (an API refused it). A token fetched
   * meanwhile by another caller is kept: it is already the fresh one.
   *
   * @example
   * if (challenge?.params.error === 'invalid_token') tokens.invalidate(api, accessToken);
   */
  invalidate(api: ApiTarget, accessToken: string): void {
    const entry = this.entries.get(apiCacheKey(api));
    if (entry?.token?.accessToken === accessToken) {
      entry.token = undefined;
    }
  }

  private isFresh(token: ClientCredentialsToken): boolean {
    // A token without a known expiry is not reused: there is no telling when it stops working.
    return token.expiresAt !== undefined && this.clock.now() / 1000 < token.expiresAt - this.refreshSkewSeconds;
  }

  private async requestToken(api: ApiTarget): Promise<ClientCredentialsToken> {
    assertApiTarget(api);
    return requestClientCredentialsToken({
      tokenEndpoint: await this.resolveTokenEndpoint(),
      clientId: this.options.clientId,
      clientSecret: this.options.clientSecret,
      api,
      fetch: this.fetch,
      timeoutMs: this.requestTimeoutMs,
      now: () => this.clock.now(),
    });
  }

  private resolveTokenEndpoint(): Promise<string> {
    if (this.options.tokenEndpoint !== undefined) {
      return Promise.resolve(this.options.tokenEndpoint);
    }
    // Discovered once and shared by every API; a failed discovery is forgotten so the next call retries.
    this.tokenEndpoint ??= discoverTokenEndpoint(this.options.issuer, { fetch: this.fetch, timeoutMs: this.requestTimeoutMs }).catch(
      (error: unknown) => {
        this.tokenEndpoint = undefined;
        throw error;
      },
    );
    return this.tokenEndpoint;
  }
}
