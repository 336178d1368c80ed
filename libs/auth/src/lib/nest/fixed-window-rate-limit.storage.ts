import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  hits: number;
  endsAtMs: number;
  blockedUntilMs: number;
}

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * In-process counts for @nestjs/throttler, one fixed window per caller: O(1) per request. The
 * throttler's own in-memory storage keeps one expiry per hit, which costs time in proportion to
 * the budget (a partner allowed 100 000 requests a minute makes every request walk that list).
 * Fixed windows count the way the Redis storage does, so one replica and many behave alike.
 */
export class FixedWindowRateLimitStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    // Forget callers whose window and block have both ended, so idle keys do not accumulate.
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  increment(key: string, ttlMs: number, limit: number, blockDurationMs: number): Promise<ThrottlerStorageRecord> {
    return Promise.resolve(this.hit(key, ttlMs, limit, blockDurationMs));
  }

  /** `increment` without the promise, for the rate-limit guard's synchronous path. */
  hit(key: string, ttlMs: number, limit: number, blockDurationMs: number): ThrottlerStorageRecord {
    const now = this.now();
    let window = this.windows.get(key);
    if (window === undefined || (window.endsAtMs <= now && window.blockedUntilMs <= now)) {
      window = { hits: 0, endsAtMs: now + ttlMs, blockedUntilMs: 0 };
      this.windows.set(key, window);
    }
    if (window.blockedUntilMs <= now) {
      window.hits += 1;
      if (window.hits > limit) window.blockedUntilMs = now + blockDurationMs;
    }
    const blocked = window.blockedUntilMs > now;
    return {
      totalHits: window.hits,
      timeToExpire: Math.max(0, Math.ceil((window.endsAtMs - now) / 1000)),
      isBlocked: blocked,
      timeToBlockExpire: blocked ? Math.ceil((window.blockedUntilMs - now) / 1000) : 0,
    };
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) {
      if (window.endsAtMs <= now && window.blockedUntilMs <= now) this.windows.delete(key);
    }
  }
}
