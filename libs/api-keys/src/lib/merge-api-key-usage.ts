import type { ApiKeyUsageCount } from '@platform/auth';

/** One entry per key: counts added, the latest use kept (one UPDATE row per key id). */
export function mergeApiKeyUsage(...batches: readonly (readonly ApiKeyUsageCount[])[]): ApiKeyUsageCount[] {
  const merged = new Map<string, ApiKeyUsageCount>();
  for (const entry of batches.flat()) {
    const seen = merged.get(entry.keyId);
    merged.set(
      entry.keyId,
      seen === undefined
        ? entry
        : {
            keyId: entry.keyId,
            count: seen.count + entry.count,
            lastUsedAt: seen.lastUsedAt > entry.lastUsedAt ? seen.lastUsedAt : entry.lastUsedAt,
          },
    );
  }
  return [...merged.values()];
}
