import type { Principal } from './principal';
import { VerifiedTokenCache } from './verified-token-cache';

const NOW_MS = 1_700_000_000_000;
const NOW_S = NOW_MS / 1000;

function principal(sub: string): Principal {
  return { sub, clientId: 'test-client', scopes: [], authMethod: 'bearer', isClientCredentials: false, claims: {} };
}

describe('VerifiedTokenCache', () => {
  let nowMs: number;
  const clock = () => nowMs;

  beforeEach(() => {
    nowMs = NOW_MS;
  });

  it('returns the principal of a token it has seen', () => {
    const cache = new VerifiedTokenCache(10, 600_000, clock);
    cache.set('token-a', principal('a'), NOW_S + 300);
    expect(cache.get('token-a')).toEqual(principal('a'));
    expect(cache.get('token-b')).toBeUndefined();
  });

  it('forgets a token at its exp', () => {
    const cache = new VerifiedTokenCache(10, 600_000, clock);
    cache.set('token-a', principal('a'), NOW_S + 300);
    nowMs = NOW_MS + 299_999;
    expect(cache.get('token-a')).toBeDefined();
    nowMs = NOW_MS + 300_000;
    expect(cache.get('token-a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('forgets a token after maxAgeMs even when its exp is later', () => {
    const cache = new VerifiedTokenCache(10, 60_000, clock);
    cache.set('token-a', principal('a'), NOW_S + 3600);
    nowMs = NOW_MS + 59_999;
    expect(cache.get('token-a')).toBeDefined();
    nowMs = NOW_MS + 60_000;
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('does not serve a token whose exp has already passed', () => {
    const cache = new VerifiedTokenCache(10, 600_000, clock);
    cache.set('token-a', principal('a'), NOW_S - 1);
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('evicts the oldest entry when full', () => {
    const cache = new VerifiedTokenCache(2, 600_000, clock);
    cache.set('token-a', principal('a'), NOW_S + 300);
    cache.set('token-b', principal('b'), NOW_S + 300);
    cache.set('token-c', principal('c'), NOW_S + 300);
    expect(cache.size).toBe(2);
    expect(cache.get('token-a')).toBeUndefined();
    expect(cache.get('token-b')?.sub).toBe('b');
    expect(cache.get('token-c')?.sub).toBe('c');
  });

  it('evicts the oldest sixteenth at once when a large cache is full, and never more than it holds', () => {
    const cache = new VerifiedTokenCache(64, 600_000, clock);
    for (let i = 0; i < 64; i += 1) cache.set(`token-${i}`, principal(String(i)), NOW_S + 300);
    cache.set('token-64', principal('64'), NOW_S + 300);
    expect(cache.size).toBe(61);
    expect(cache.get('token-3')).toBeUndefined();
    expect(cache.get('token-4')?.sub).toBe('4');
    expect(cache.get('token-64')?.sub).toBe('64');
  });
});
