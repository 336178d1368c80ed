import { backoffDelayMs } from './backoff';

const policy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 1_000 };

describe('backoffDelayMs', () => {
  it('doubles the ceiling with each retry, up to the maximum', () => {
    const almostOne = () => 0.999_999;
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelayMs(retry, policy, almostOne))).toEqual([249, 499, 999, 999, 999]);
  });

  it('draws the wait at random below the ceiling (full jitter), so replicas do not retry in step', () => {
    expect(backoffDelayMs(2, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(2, policy, () => 0.5)).toBe(250);
  });
});
