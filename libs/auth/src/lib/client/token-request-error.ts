import { type ApiTarget, describeApi } from './api-target';

/** The OAuth error codes of RFC 6749 section 5.2, and `invalid_target` (RFC 8707). */
const OAUTH_CODES = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'invalid_target',
  'server_error',
  'temporarily_unavailable',
] as const;

/**
 * Why a token could not be obtained. The OAuth codes of RFC 6749 section 5.2 (and
 * `invalid_target`, RFC 8707) come from the token endpoint; the others are found by the client:
 *
 * - `oauth_error`: the endpoint answered with an OAuth error outside this list (see `oauthError`);
 * - `invalid_response`: an answer that is not a usable token response (not JSON, no access_token, a redirect);
 * - `network_error`: no answer (connection refused, reset, or nothing within the timeout);
 * - `discovery_failed`: the issuer's discovery document is missing, invalid or names another issuer.
 */
export const TOKEN_REQUEST_ERROR_CODES = [...OAUTH_CODES, 'oauth_error', 'invalid_response', 'network_error', 'discovery_failed'] as const;

export type TokenRequestErrorCode = (typeof TOKEN_REQUEST_ERROR_CODES)[number];

/** The codes a token endpoint may send in its `error` field that are reported as themselves. */
export const OAUTH_TOKEN_ERROR_CODES: ReadonlySet<string> = new Set<TokenRequestErrorCode>(OAUTH_CODES);

export interface TokenRequestErrorDetails {
  /** The API the token was for; absent when discovery failed (it serves every API). */
  api?: ApiTarget;
  /** The HTTP status of the answer, when there was one. */
  status?: number;
  /** The `error` string of the token endpoint's JSON body, when there was one, as sent. */
  oauthError?: string;
  /** The endpoint's `error_description`, or what went wrong on this side. */
  errorDescription?: string;
  cause?: unknown;
}

/**
 * A token could not be obtained. Switch on `code`; the message never contains the client
 * secret or a token.
 *
 * @example
 * try {
 *   await tokens.getToken({ resource: 'urn:orders-api' });
 * } catch (error) {
 *   if (error instanceof TokenRequestError) log({ event: 'token_failure', code: error.code, status: error.status });
 * }
 */
export class TokenRequestError extends Error {
  readonly api: ApiTarget | undefined;
  readonly status: number | undefined;
  readonly oauthError: string | undefined;
  readonly errorDescription: string | undefined;

  constructor(
    readonly code: TokenRequestErrorCode,
    details: TokenRequestErrorDetails = {},
  ) {
    const what = details.api ? `token request for ${describeApi(details.api)}` : 'token endpoint discovery';
    const status = details.status === undefined ? '' : ` (HTTP ${details.status})`;
    const description = details.errorDescription ? `: ${details.errorDescription}` : '';
    super(`${what} failed with ${code}${status}${description}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'TokenRequestError';
    this.api = details.api;
    this.status = details.status;
    this.oauthError = details.oauthError;
    this.errorDescription = details.errorDescription;
  }
}
