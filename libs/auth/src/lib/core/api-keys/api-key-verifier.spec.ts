import { InvalidApiKeyError } from '../auth-error';
import { generateApiKey } from './api-key-format';
import { hashApiKeySecret } from './api-key-hash';
import { type ApiKeyOutcome, ApiKeyVerifier } from './api-key-verifier';
import type { StoredApiKey } from './stored-api-key';

const PEPPER = 'a-server-side-pepper-of-32-chars!';
const NOW = Date.parse('2026-11-29T12:00:00Z');

function setUp(overrides: Partial<StoredApiKey> = {}) {
  const { id, secret } = generateApiKey();
  const record: StoredApiKey = {
    id,
    clientId: 'acme',
    secretHash: hashApiKeySecret(secret, PEPPER),
    scopes: ['read:orders'],
    rateLimitPerMinute: 600,
    expiresAt: null,
    retiredUntil: null,
    revokedAt: null,
    ...overrides,
  };
  const clock = { now: NOW };
  const lookups: string[] = [];
  const outcomes: [string | undefined, ApiKeyOutcome][] = [];
  const store = new Map([[id, record]]);
  const verifier = new ApiKeyVerifier({
    lookup: { findById: (keyId) => (lookups.push(keyId), Promise.resolve(store.get(keyId))) },
    pepper: PEPPER,
    now: () => clock.now,
    onOutcome: (keyId, outcome) => outcomes.push([keyId, outcome]),
  });
  return { id, secret, record, store, clock, lookups, outcomes, verifier };
}

async function refusal(promise: Promise<unknown>): Promise<InvalidApiKeyError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof InvalidApiKeyError)) throw new Error(`expected InvalidApiKeyError, got ${String(error)}`);
  return error;
}

describe('ApiKeyVerifier', () => {
  it('turns a valid pair into an api_key principal, then answers it from memory without a lookup', async () => {
    const { id, secret, verifier, lookups } = setUp();
    const principal = await verifier.verify(id, secret);
    expect(principal).toEqual({
      sub: 'acme',
      clientId: 'acme',
      scopes: ['read:orders'],
      authMethod: 'api_key',
      isClientCredentials: false,
      claims: {},
      apiKeyId: id,
      rateLimitPerMinute: 600,
    });
    expect(verifier.cached(id, secret)).toEqual(principal);
    await verifier.verify(id, secret);
    expect(lookups).toEqual([id]);
  });

  it('refuses a malformed secret before any lookup', async () => {
    const { id, secret, verifier, lookups } = setUp();
    const mistyped = `${secret.slice(0, -1)}${secret.endsWith('x') ? 'y' : 'x'}`;
    const error = await refusal(verifier.verify(id, mistyped));
    expect(error.reason).toBe('invalid_api_key');
    expect(lookups).toEqual([]);
  });

  it('gives an unknown id and a wrong secret the same answer', async () => {
    const { id, verifier } = setUp();
    const other = generateApiKey();
    const unknown = await refusal(verifier.verify(other.id, other.secret));
    const wrong = await refusal(verifier.verify(id, other.secret));
    expect([unknown.reason, unknown.description]).toEqual([wrong.reason, wrong.description]);
    expect(unknown.reason).toBe('invalid_api_key');
  });

  it.each([
    ['revoked', { revokedAt: new Date(NOW - 1) }, 'revoked_api_key'],
    ['retired past its grace period', { retiredUntil: new Date(NOW - 1) }, 'revoked_api_key'],
    ['expired', { expiresAt: new Date(NOW - 1) }, 'invalid_api_key'],
  ])('refuses a key that is %s', async (_case, overrides, reason) => {
    const { id, secret, verifier } = setUp(overrides);
    expect((await refusal(verifier.verify(id, secret))).reason).toBe(reason);
  });

  it('keeps a retired key working during its grace period, and refuses it from the end of it, even from memory', async () => {
    const { id, secret, verifier, clock } = setUp({ retiredUntil: new Date(NOW + 5_000) });
    await verifier.verify(id, secret);
    clock.now = NOW + 4_999;
    expect(verifier.cached(id, secret)).toBeDefined();
    clock.now = NOW + 5_000;
    expect(verifier.cached(id, secret)).toBeUndefined();
    expect((await refusal(verifier.verify(id, secret))).reason).toBe('revoked_api_key');
  });

  it('forgets a key at once when it is invalidated (a revocation), so the next request reads the store again', async () => {
    const { id, secret, verifier, store, record, lookups } = setUp();
    await verifier.verify(id, secret);
    store.set(id, { ...record, revokedAt: new Date(NOW) });
    verifier.invalidate(id);
    expect(verifier.cached(id, secret)).toBeUndefined();
    expect((await refusal(verifier.verify(id, secret))).reason).toBe('revoked_api_key');
    expect(lookups).toEqual([id, id]);
  });

  it('reports each outcome for the per-key metric, without labelling unknown ids', async () => {
    const { id, secret, verifier, outcomes } = setUp();
    const other = generateApiKey();
    await verifier.verify(id, secret);
    await refusal(verifier.verify(other.id, other.secret));
    await refusal(verifier.verify(id, other.secret));
    expect(outcomes).toEqual([
      [id, 'accepted'],
      [undefined, 'unknown'],
      [id, 'wrong_secret'],
    ]);
  });

  it('forgets every key at once after this replica may have missed revocations', async () => {
    const { id, secret, verifier, lookups } = setUp();
    await verifier.verify(id, secret);
    verifier.invalidateAll();
    expect(verifier.cached(id, secret)).toBeUndefined();
    await verifier.verify(id, secret);
    expect(lookups).toEqual([id, id]);
  });
});
