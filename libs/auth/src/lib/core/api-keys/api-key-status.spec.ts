import { type ApiKeyLifetime, apiKeyStatus, isWorkingApiKey } from './api-key-status';

describe('API key status', () => {
  const now = new Date('2026-11-28T12:00:00.000Z');
  const earlier = new Date('2026-11-28T11:59:59.000Z');
  const later = new Date('2026-11-28T12:00:01.000Z');
  const key = (lifetime: Partial<ApiKeyLifetime>): ApiKeyLifetime => ({
    expiresAt: null,
    retiredUntil: null,
    revokedAt: null,
    ...lifetime,
  });

  it.each<[string, Partial<ApiKeyLifetime>, string, boolean]>([
    ['a key with no end', {}, 'active', true],
    ['a key that expires later', { expiresAt: later }, 'active', true],
    ['a retired key in its grace period', { retiredUntil: later }, 'retiring', true],
    ['a retired key whose grace ended', { retiredUntil: earlier }, 'retired', false],
    ['a retired key whose grace ends exactly now', { retiredUntil: now }, 'retired', false],
    ['a key past its expiry', { expiresAt: earlier }, 'expired', false],
    ['a key expiring exactly now', { expiresAt: now }, 'expired', false],
    ['a retired key that expired during its grace period', { retiredUntil: later, expiresAt: earlier }, 'expired', false],
    ['a revoked key', { revokedAt: earlier }, 'revoked', false],
    [
      'a revoked key that was also retired and expired',
      { revokedAt: earlier, retiredUntil: earlier, expiresAt: earlier },
      'revoked',
      false,
    ],
    ['a retired key past grace that also expired', { retiredUntil: earlier, expiresAt: earlier }, 'retired', false],
  ])('reports %s as %s', (_name, lifetime, status, working) => {
    expect(apiKeyStatus(key(lifetime), now)).toBe(status);
    expect(isWorkingApiKey(key(lifetime), now)).toBe(working);
  });
});
