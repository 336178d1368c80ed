import { FixedWindowRateLimitStorage } from './fixed-window-rate-limit.storage';

describe('FixedWindowRateLimitStorage', () => {
  let now = 0;
  let storage: FixedWindowRateLimitStorage;
  beforeEach(() => {
    now = 1_000_000;
    storage = new FixedWindowRateLimitStorage(() => now);
  });
  afterEach(() => storage.onApplicationShutdown());

  it('counts hits in a window and blocks the one over the limit, for the block duration', async () => {
    expect(await storage.increment('key:a', 60_000, 2, 60_000)).toEqual({
      totalHits: 1,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    await storage.increment('key:a', 60_000, 2, 60_000);
    now += 10_000;
    expect(await storage.increment('key:a', 60_000, 2, 60_000)).toMatchObject({
      totalHits: 3,
      isBlocked: true,
      timeToBlockExpire: 60,
    });
    now += 30_000;
    expect(await storage.increment('key:a', 60_000, 2, 60_000)).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    now += 30_000;
    expect(await storage.increment('key:a', 60_000, 2, 60_000)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('keeps callers apart', async () => {
    await storage.increment('key:a', 60_000, 1, 60_000);
    expect(await storage.increment('key:b', 60_000, 1, 60_000)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('starts a new window once the old one has ended', async () => {
    await storage.increment('key:a', 60_000, 5, 60_000);
    now += 60_000;
    expect(await storage.increment('key:a', 60_000, 5, 60_000)).toMatchObject({ totalHits: 1, timeToExpire: 60 });
  });
});
