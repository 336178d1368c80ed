import { ApiKeyUsage } from './api-key-usage';

describe('ApiKeyUsage', () => {
  it('counts requests per key with the last use, and starts again after each drain', () => {
    let now = 1_000;
    const usage = new ApiKeyUsage(() => now);
    usage.record('key_a');
    now = 2_000;
    usage.record('key_a');
    usage.record('key_b');
    expect(usage.drain()).toEqual([
      { keyId: 'key_a', count: 2, lastUsedAt: new Date(2_000) },
      { keyId: 'key_b', count: 1, lastUsedAt: new Date(2_000) },
    ]);
    expect(usage.drain()).toEqual([]);
  });
});
