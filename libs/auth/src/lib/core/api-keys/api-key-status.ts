/** A key's state at an instant; only `active` and `retiring` keys are accepted. */
export type ApiKeyStatus = 'active' | 'retiring' | 'retired' | 'revoked' | 'expired';

/** The ends a key's life can have: each `null` until it happens or is scheduled. */
export interface ApiKeyLifetime {
  readonly expiresAt: Date | null;
  /** Set by a retirement: the key keeps working until this instant (its grace period), then is refused. */
  readonly retiredUntil: Date | null;
  /** Set by a revocation: refused from then on. */
  readonly revokedAt: Date | null;
}

/**
 * The state of a key at `now`, in the one order keys are refused in (the verifier's answer and
 * the admin view agree): a revocation wins, then the end of a grace period, then expiry. A retired
 * key in its grace period is `retiring`.
 *
 * @example
 * apiKeyStatus({ expiresAt: null, retiredUntil: new Date(Date.now() + 60_000), revokedAt: null }, new Date()); // 'retiring'
 */
export function apiKeyStatus(key: ApiKeyLifetime, now: Date): ApiKeyStatus {
  const at = now.getTime();
  if (key.revokedAt !== null && key.revokedAt.getTime() <= at) return 'revoked';
  if (key.retiredUntil !== null && key.retiredUntil.getTime() <= at) return 'retired';
  if (key.expiresAt !== null && key.expiresAt.getTime() <= at) return 'expired';
  return key.retiredUntil === null ? 'active' : 'retiring';
}

/**
 * Whether the key is accepted at `now`: what counts against a client's limit of working keys.
 *
 * @example
 * isWorkingApiKey({ expiresAt: null, retiredUntil: null, revokedAt: new Date(0) }, new Date()); // false
 */
export function isWorkingApiKey(key: ApiKeyLifetime, now: Date): boolean {
  const status = apiKeyStatus(key, now);
  return status === 'active' || status === 'retiring';
}
