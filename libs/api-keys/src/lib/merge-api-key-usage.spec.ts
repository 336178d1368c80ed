import { mergeApiKeyUsage } from './merge-api-key-usage';

describe('mergeApiKeyUsage', () => {
  const t1 = new Date('2026-11-28T12:00:00.000Z');
  const t2 = new Date('2026-11-28T12:00:05.000Z');

  it('adds the counts of one key and keeps its latest use', () => {
    expect(
      mergeApiKeyUsage(
        [{ keyId: 'key_a', count: 3, lastUsedAt: t2 }],
        [
          { keyId: 'key_a', count: 2, lastUsedAt: t1 },
          { keyId: 'key_b', count: 1, lastUsedAt: t1 },
        ],
      ),
    ).toEqual([
      { keyId: 'key_a', count: 5, lastUsedAt: t2 },
      { keyId: 'key_b', count: 1, lastUsedAt: t1 },
    ]);
  });

  it('is empty when nothing was used', () => {
    expect(mergeApiKeyUsage([], [])).toEqual([]);
  });
});
