/**
 * Why a request failed authentication or authorization: the `reason` in error bodies,
 * log lines and the `auth_failures_total{reason}` metric. A closed list, so operators can
 * alert on each value and callers can `switch` over it.
 */
export const AUTH_FAILURE_REASONS = [
  'missing_token',
  'malformed',
  'alg_not_allowed',
  'unknown_kid',
  'jwks_unavailable',
  'bad_signature',
  'wrong_issuer',
  'wrong_audience',
  'expired',
  'not_yet_valid',
  'wrong_token_type',
  'insufficient_scope',
  'invalid_api_key',
  'revoked_api_key',
  'rate_limited',
  'not_client_credentials',
  'inactive_token',
  'introspection_unavailable',
] as const;

export type AuthFailureReason = (typeof AUTH_FAILURE_REASONS)[number];
