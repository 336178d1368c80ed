import { DependencyUnavailableError } from '../auth-error';

export interface TokenIntrospectorOptions {
  /** The authorization server's RFC 7662 introspection endpoint. */
  readonly url: string;
  /** This resource server's own client at the authorization server (`client_secret_basic`). */
  readonly clientId: string;
  readonly clientSecret: string;
  /** Bound of one introspection request, connection to last byte; default 5 s. */
  readonly timeoutMs?: number;
  /** Told why the endpoint could not answer (never with the token or the secret). */
  readonly onError?: (message: string) => void;
}

/** An introspection answer is a small JSON object; anything larger is not one. */
const MAX_RESPONSE_BYTES = 64 * 1024;
/** How long a client is told to wait when the endpoint fails and says nothing itself. */
const DEFAULT_RETRY_AFTER_S = 5;

/**
 * Asks the authorization server about an opaque token (RFC 7662): a form POST with
 * `client_secret_basic`, one request at a time per token (concurrent callers share it). An
 * endpoint that is unreachable, slower than the timeout, or answers anything but a 200 JSON
 * object is a 503 for the caller, never an accepted token and never a 401.
 *
 * Caching the answer is the caller's concern (`Authenticator` keeps active results for
 * `AUTH_INTROSPECTION_CACHE_S`, never past `exp`).
 *
 * @example
 * const introspector = new TokenIntrospector({ url, clientId: 'orders-api', clientSecret });
 * const response = await introspector.introspect(token); // { active: true, sub, aud, scope, exp, ... }
 */
export class TokenIntrospector {
  private readonly inFlight = new Map<string, Promise<Readonly<Record<string, unknown>>>>();
  private readonly authorization: string;

  constructor(private readonly options: TokenIntrospectorOptions) {
    // RFC 6749 section 2.3.1: id and secret are form-urlencoded before they are joined and base64-encoded.
    const credentials = `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`;
    this.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }

  /**
   * The introspection response, a JSON object with at least a boolean `active`.
   *
   * @throws DependencyUnavailableError `introspection_unavailable`
   */
  introspect(token: string): Promise<Readonly<Record<string, unknown>>> {
    let pending = this.inFlight.get(token);
    if (pending === undefined) {
      pending = this.request(token).finally(() => this.inFlight.delete(token));
      this.inFlight.set(token, pending);
    }
    return pending;
  }

  private async request(token: string): Promise<Readonly<Record<string, unknown>>> {
    let response: Response;
    let text: string;
    const signal = AbortSignal.timeout(this.options.timeoutMs ?? 5000);
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          authorization: this.authorization,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
        redirect: 'error',
        signal,
      });
      text = await response.text();
    } catch {
      throw this.unavailable(signal.aborted ? 'did not answer in time' : 'could not be reached', DEFAULT_RETRY_AFTER_S);
    }
    if (response.status !== 200) {
      throw this.unavailable(`answered ${response.status}`, retryAfterOf(response));
    }
    const body = text.length > MAX_RESPONSE_BYTES ? undefined : parseObject(text);
    if (body === undefined || typeof body['active'] !== 'boolean') {
      throw this.unavailable('answered something that is not an introspection response', DEFAULT_RETRY_AFTER_S);
    }
    return body;
  }

  private unavailable(what: string, retryAfterS: number): DependencyUnavailableError {
    this.options.onError?.(`the introspection endpoint ${this.options.url} ${what}`);
    return new DependencyUnavailableError('introspection_unavailable', 'the token could not be checked now: try again later', retryAfterS);
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The endpoint's own `Retry-After` in seconds, when it sent a sane one. */
function retryAfterOf(response: Response): number {
  const value = Number(response.headers.get('retry-after'));
  return Number.isInteger(value) && value >= 1 && value <= 3600 ? value : DEFAULT_RETRY_AFTER_S;
}
