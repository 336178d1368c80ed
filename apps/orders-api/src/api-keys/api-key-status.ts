/** A key's state as admins see it; only `active` and `retiring` keys are accepted. */
export type ApiKeyStatus = 'active' | 'retiring' | 'retired' | 'revoked' | 'expired';

export interface ApiKeyLifetime {
  readonly expiresAt: Date | null;
  readonly retiredUntil: Date | null;
  readonly revokedAt: Date | null;
}

/**
 * The state of a key at `now`, in the order the verifier refuses keys: a revocation wins, then
 * the end of a grace period, then expiry. A retired key in its grace period is `retiring`.
 */
export function apiKeyStatus(key: ApiKeyLifetime, now: Date): ApiKeyStatus {
  const at = now.getTime();
  if (key.revokedAt !== null && key.revokedAt.getTime() <= at) return 'revoked';
  if (key.retiredUntil !== null && key.retiredUntil.getTime() <= at) return 'retired';
  if (key.expiresAt !== null && key.expiresAt.getTime() <= at) return 'expired';
  return key.retiredUntil === null ? 'active' : 'retiring';
}

/** Whether the key is accepted at `now`: what counts against a client's limit of working keys. */
export function isWorkingApiKey(key: ApiKeyLifetime, now: Date): boolean {
  const status = apiKeyStatus(key, now);
  return status === 'active' || status === 'retiring';
}
