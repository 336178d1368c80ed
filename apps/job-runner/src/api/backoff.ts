export interface BackoffPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 5_000 };

/**
 * The wait before retry number `retry` (1 for the first): "full jitter", a random time up to
 * base × 2^(retry-1), capped, so replicas retrying after one outage do not arrive in step.
 *
 * @example
 * backoffDelayMs(3, DEFAULT_BACKOFF, Math.random); // somewhere in [0, 1000)
 */
export function backoffDelayMs(retry: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}
