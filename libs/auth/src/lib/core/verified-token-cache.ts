import type { Principal } from './principal';

interface Entry {
  readonly principal: Principal;
  readonly validUntilMs: number;
}

/**
 * Remembers the principal of a verified token until its `exp` (or `maxAgeMs`, if sooner), so a
 * token presented again costs a map lookup instead of a signature verification. Keyed by the
 * exact credential string (the guard uses the whole `Authorization` header value): the same bytes
 * verify the same way. Bounded: the oldest entries go first.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly maxAgeMs = 600_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): Principal | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) {
      return undefined;
    }
    if (entry.validUntilMs <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.principal;
  }

  /** `expiresAtS` is the token's `exp`, in seconds since the epoch. */
  set(token: string, principal: Principal, expiresAtS: number): void {
    if (this.entries.size >= this.maxEntries) {
      // The oldest sixteenth goes at once: a Map deleted from the front one entry at a time makes
      // every later keys().next() skip the deleted slots (measured here: 4.4 µs a set, 0.2 µs so).
      let evict = Math.max(1, Math.floor(this.maxEntries / 16));
      for (const oldest of this.entries.keys()) {
        this.entries.delete(oldest);
        if (--evict === 0) break;
      }
    }
    this.entries.set(token, { principal, validUntilMs: Math.min(expiresAtS * 1000, this.now() + this.maxAgeMs) });
  }

  delete(token: string): void {
    this.entries.delete(token);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
