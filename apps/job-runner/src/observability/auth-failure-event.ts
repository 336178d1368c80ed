import { decodeJwtClaimsUnverified, type WwwAuthenticateChallenge } from '@platform/auth';

export interface RefusedCall {
  readonly api: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly challenge: WwwAuthenticateChallenge | undefined;
  /** The parsed JSON body, when the API sent one. */
  readonly body: unknown;
  readonly accessToken: string | undefined;
  readonly clientId: string;
  readonly requestId: string;
  /** Whether the call was sent again with a new token after this refusal (only after a 401 invalid_token, once). */
  readonly retried: boolean;
}

/**
 * The `auth_failure` log line for a 401 or 403 (the contract's fields first). `error` comes from
 * `WWW-Authenticate`, `reason` from the body (the label of the API's `auth_failures_total`); the
 * token is described by its decoded `aud`, `scope` and `exp`, never included.
 */
export function authFailureEvent(call: RefusedCall): Record<string, unknown> {
  const body = (typeof call.body === 'object' && call.body !== null ? call.body : {}) as Record<string, unknown>;
  const error = call.challenge?.params['error'] ?? stringOrNull(body['error']);
  const claims = call.accessToken === undefined ? null : decodeJwtClaimsUnverified(call.accessToken);
  return {
    event: 'auth_failure',
    status: call.status,
    api: call.api,
    method: call.method,
    path: call.path,
    error,
    reason: stringOrNull(body['reason']) ?? error ?? (call.status === 403 ? 'forbidden' : 'unauthorized'),
    clientId: call.clientId,
    errorDescription:
      call.challenge?.params['error_description'] ?? stringOrNull(body['error_description']) ?? stringOrNull(body['message']),
    requiredScope: call.challenge?.params['scope'] ?? null,
    token: claims && { aud: claims.aud ?? null, scope: claims.scope ?? null, exp: claims.exp ?? null },
    requestId: call.requestId,
    retriedWithNewToken: call.retried,
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
