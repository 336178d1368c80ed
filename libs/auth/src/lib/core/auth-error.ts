import type { AuthFailureReason } from './auth-failure-reason';

/** RFC 6750 section 3.1 error codes. */
export type BearerErrorCode = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/** The JSON body of an authentication or authorization failure. */
export interface AuthErrorBody {
  error?: BearerErrorCode | 'invalid_api_key' | 'rate_limited' | 'forbidden' | 'temporarily_unavailable';
  error_description: string;
  reason: AuthFailureReason;
  scope?: string;
}

/**
 * Base of every authentication/authorization failure: carries the HTTP status, the RFC 6750
 * code, the failure reason (metric label) and renders the `WWW-Authenticate` challenge.
 *
 * @example
 * throw new InvalidTokenError('expired', 'the token expired');
 */
export abstract class AuthError extends Error {
  abstract readonly status: 400 | 401 | 403 | 429 | 503;
  abstract readonly code: BearerErrorCode | undefined;
  /** The trusted issuer of the refused token, once its `iss` was checked: the `issuer` label of the failure metric. */
  issuer: string | undefined = undefined;

  protected constructor(
    readonly reason: AuthFailureReason,
    readonly description: string,
  ) {
    // A refusal is an answer to the client, not a bug: nobody reads its stack, and capturing one
    // was the largest cost of refusing a flood of forged tokens.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(description);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = new.target.name;
  }

  /** The `WWW-Authenticate` header value for this failure (none for a 429). */
  wwwAuthenticate(realm: string): string | undefined {
    const params = [`realm="${quotable(realm)}"`];
    if (this.code) {
      params.push(`error="${this.code}"`, `error_description="${quotable(this.description)}"`);
    }
    params.push(...this.extraChallengeParams());
    return `Bearer ${params.join(', ')}`;
  }

  toResponseBody(): AuthErrorBody {
    return {
      ...(this.code ? { error: this.code } : {}),
      error_description: this.description,
      reason: this.reason,
    };
  }

  protected extraChallengeParams(): string[] {
    return [];
  }
}

/** No credentials, or credentials of another scheme: 401 with a bare challenge (RFC 6750 3.1). */
export class MissingCredentialsError extends AuthError {
  readonly status = 401;
  readonly code = undefined;

  constructor(description = 'this resource requires a bearer token in the Authorization header') {
    super('missing_token', description);
  }
}

/** A malformed Authorization header: 400 `invalid_request`. */
export class InvalidRequestError extends AuthError {
  readonly status = 400;
  readonly code = 'invalid_request';

  constructor(description: string) {
    super('malformed', description);
  }
}

/** The token was presented but cannot be accepted: 401 `invalid_token`. */
export class InvalidTokenError extends AuthError {
  readonly status = 401;
  readonly code = 'invalid_token';

  constructor(reason: AuthFailureReason, description: string) {
    super(reason, description);
  }
}

/** A valid principal without the scopes a route needs: 403 `insufficient_scope`. */
export class InsufficientScopeError extends AuthError {
  readonly status = 403;
  readonly code = 'insufficient_scope';

  constructor(
    readonly requiredScopes: readonly string[],
    description: string,
  ) {
    super('insufficient_scope', description);
  }

  override toResponseBody(): AuthErrorBody {
    return { ...super.toResponseBody(), scope: this.requiredScopes.join(' ') };
  }

  protected override extraChallengeParams(): string[] {
    return [`scope="${quotable(this.requiredScopes.join(' '))}"`];
  }
}

/**
 * A valid credential that is not a machine's where only machines may call (client-credentials
 * tokens): 403 with a bare `Bearer` challenge and `error: "forbidden"` in the body.
 */
export class NotClientCredentialsError extends AuthError {
  readonly status = 403;
  readonly code = undefined;

  constructor(description: string) {
    super('not_client_credentials', description);
  }

  override toResponseBody(): AuthErrorBody {
    return { error: 'forbidden', error_description: this.description, reason: this.reason };
  }
}

/** An API key that cannot be accepted: 401. The key id is public and logged; the secret never is. */
export class InvalidApiKeyError extends AuthError {
  readonly status = 401;
  readonly code = undefined;

  constructor(
    reason: 'invalid_api_key' | 'revoked_api_key',
    description: string,
    /** The id the caller sent (public), when it was well-formed. */
    readonly keyId: string | undefined,
  ) {
    super(reason, description);
  }

  override wwwAuthenticate(realm: string): string {
    return `ApiKey realm="${quotable(realm)}"`;
  }

  override toResponseBody(): AuthErrorBody {
    return { error: 'invalid_api_key', error_description: this.description, reason: this.reason };
  }
}

/** Over the caller's request budget: 429 with `Retry-After` (set by the rate-limit guard). */
export class RateLimitedError extends AuthError {
  readonly status = 429;
  readonly code = undefined;

  constructor(readonly retryAfterS: number) {
    super('rate_limited', `too many requests: try again in ${retryAfterS} s`);
  }

  override wwwAuthenticate(): undefined {
    return undefined;
  }

  override toResponseBody(): AuthErrorBody {
    return { error: 'rate_limited', error_description: this.description, reason: this.reason };
  }
}

/**
 * A dependency needed to judge the credential failed (the issuer's JWKS, the introspection
 * endpoint): 503 with `Retry-After`, no challenge. Neither accepted nor refused: a 401 would tell
 * the client its valid token is bad.
 */
export class DependencyUnavailableError extends AuthError {
  readonly status = 503;
  readonly code = undefined;

  constructor(
    reason: 'jwks_unavailable' | 'introspection_unavailable',
    description: string,
    readonly retryAfterS: number,
  ) {
    super(reason, description);
  }

  override wwwAuthenticate(): undefined {
    return undefined;
  }

  override toResponseBody(): AuthErrorBody {
    return { error: 'temporarily_unavailable', error_description: this.description, reason: this.reason };
  }
}

// RFC 6750 allows %x20-21 / %x23-5B / %x5D-7E inside quoted values: no quote, no backslash, ASCII only.
function quotable(value: string): string {
  return value.replace(/[^\x20-\x7e]|["\\]/g, "'");
}
