export interface ApiKeyUsageCount {
  readonly keyId: string;
  readonly count: number;
  readonly lastUsedAt: Date;
}

/**
 * Accepted requests per key, counted in memory: the owner writes them to its database in
 * batches (`drain()`), never once per request.
 */
export class ApiKeyUsage {
  private counts = new Map<string, { count: number; lastUsedMs: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  record(keyId: string): void {
    const entry = this.counts.get(keyId);
    if (entry) {
      entry.count += 1;
      entry.lastUsedMs = this.now();
    } else {
      this.counts.set(keyId, { count: 1, lastUsedMs: this.now() });
    }
  }

  /** The counts since the last drain; counting starts again from zero. */
  drain(): ApiKeyUsageCount[] {
    const drained = this.counts;
    this.counts = new Map();
    return [...drained].map(([keyId, entry]) => ({ keyId, count: entry.count, lastUsedAt: new Date(entry.lastUsedMs) }));
  }
}
