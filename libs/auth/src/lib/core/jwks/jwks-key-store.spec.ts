import { KeyObject, verify } from 'node:crypto';
import { TestIssuer } from '../../../testing/test-issuer';
import { AuthError } from '../auth-error';
import { JwksKeyStore, type JwksKeyStoreOptions } from './jwks-key-store';
import type { SigningKey } from './signing-key';

const MAX_AGE_MS = 600_000;
const REFETCH_MS = 30_000;

let issuer: TestIssuer;
let nowMs: number;

beforeEach(async () => {
  issuer = await TestIssuer.start({ keys: 2 });
  nowMs = 1_700_000_000_000;
});

afterEach(async () => {
  await issuer.stop();
});

function keyStore(options: Partial<JwksKeyStoreOptions> = {}): JwksKeyStore {
  return new JwksKeyStore({
    jwksUri: () => Promise.resolve(issuer.jwksUri),
    cacheMaxAgeMs: MAX_AGE_MS,
    refetchIntervalMs: REFETCH_MS,
    fetchTimeoutMs: 1000,
    now: () => nowMs,
    ...options,
  });
}

async function reasonFor(lookup: Promise<unknown>): Promise<string> {
  try {
    await lookup;
  } catch (error) {
    if (error instanceof AuthError) {
      expect(error).toMatchObject({ status: 401, code: 'invalid_token' });
      return error.reason;
    }
    throw error;
  }
  throw new Error('expected the key lookup to fail');
}

function verifies(token: string, signingKey: SigningKey): boolean {
  const signatureStart = token.lastIndexOf('.');
  return verify(
    'sha256',
    Buffer.from(token.slice(0, signatureStart)),
    signingKey.key,
    Buffer.from(token.slice(signatureStart + 1), 'base64url'),
  );
}

describe('JwksKeyStore', () => {
  it('returns a public KeyObject that verifies tokens of that kid, with the algorithms it may verify', async () => {
    const [kid] = issuer.kids;
    const signingKey = await keyStore().getKey(kid);
    expect(signingKey.key).toBeInstanceOf(KeyObject);
    expect(signingKey.key).toMatchObject({ type: 'public', asymmetricKeyType: 'rsa' });
    expect(signingKey.algorithms).toEqual(['RS256']);
    expect(verifies(await issuer.mint({ kid }), signingKey)).toBe(true);
  });

  it('answers a known kid synchronously with knownKey, and an unknown one with undefined', async () => {
    const store = keyStore();
    expect(store.knownKey(issuer.kids[0])).toBeUndefined();
    const signingKey = await store.getKey(issuer.kids[0]);
    expect(store.knownKey(issuer.kids[0])).toBe(signingKey);
    expect(store.knownKey('random')).toBeUndefined();
    expect(issuer.jwksRequests).toBe(1);
  });

  it('fetches the JWKS once and serves known kids from memory', async () => {
    const store = keyStore();
    for (let i = 0; i < 20; i += 1) {
      await store.getKey(issuer.kids[i % 2]);
      nowMs += 1000;
    }
    expect(issuer.jwksRequests).toBe(1);
  });

  it('refetches for an unknown kid, then not again for another unknown kid within the refetch interval', async () => {
    const store = keyStore();
    await store.getKey(issuer.kids[0]);
    nowMs += REFETCH_MS;
    expect(await reasonFor(store.getKey('random-1'))).toBe('unknown_kid');
    expect(issuer.jwksRequests).toBe(2);
    nowMs += REFETCH_MS - 1;
    expect(await reasonFor(store.getKey('random-2'))).toBe('unknown_kid');
    expect(issuer.jwksRequests).toBe(2);
  });

  it('may refetch for an unknown kid once the refetch interval has passed', async () => {
    const store = keyStore();
    expect(await reasonFor(store.getKey('random-1'))).toBe('unknown_kid');
    nowMs += REFETCH_MS;
    expect(await reasonFor(store.getKey('random-2'))).toBe('unknown_kid');
    expect(issuer.jwksRequests).toBe(2);
  });

  it('shares one fetch among concurrent lookups of unknown kids', async () => {
    const store = keyStore();
    const reasons = await Promise.all(Array.from({ length: 10 }, (_, i) => reasonFor(store.getKey(`random-${i}`))));
    expect(reasons).toEqual(Array(10).fill('unknown_kid'));
    expect(issuer.jwksRequests).toBe(1);
  });

  it('finds a key the issuer published after the first fetch (key rotation)', async () => {
    const store = keyStore();
    await store.getKey(issuer.kids[0]);
    const rotated = await issuer.addKey();
    nowMs += REFETCH_MS;
    const key = await store.getKey(rotated);
    expect(verifies(await issuer.mint({ kid: rotated }), key)).toBe(true);
    expect(issuer.jwksRequests).toBe(2);
  });

  it('refreshes in the background after cacheMaxAgeMs, after which an unpublished kid stops working', async () => {
    const store = keyStore();
    const [kept, retired] = issuer.kids;
    await store.getKey(retired);
    issuer.unpublish(retired);
    nowMs += MAX_AGE_MS - 1;
    await store.getKey(retired);
    expect(issuer.jwksRequests).toBe(1);

    nowMs += 1;
    // Stale keys are served at once while the refresh runs.
    await expect(store.getKey(kept)).resolves.toMatchObject({ key: expect.any(KeyObject) });
    // An unknown kid waits for the fetch in flight: a way to wait for the refresh to land.
    expect(await reasonFor(store.getKey('random'))).toBe('unknown_kid');
    expect(issuer.jwksRequests).toBe(2);
    expect(await reasonFor(store.getKey(retired))).toBe('unknown_kid');
  });

  it('refreshes at cacheMaxAgeMs even when that is shorter than the unknown-kid refetch interval', async () => {
    const store = keyStore({ cacheMaxAgeMs: 1000 });
    const [kid] = issuer.kids;
    await store.getKey(kid);
    const published = await issuer.addKey();
    nowMs += 1000;
    await store.getKey(kid);
    // The refresh is in flight; the new kid waits for it rather than fetching again.
    await expect(store.getKey(published)).resolves.toMatchObject({ key: expect.any(KeyObject) });
    expect(issuer.jwksRequests).toBe(2);
  });

  it('keeps serving the last keys while the issuer is unreachable, and reports the failed refresh', async () => {
    const fetchErrors: unknown[] = [];
    let refreshFailed: () => void = () => undefined;
    const failed = new Promise<void>((resolve) => (refreshFailed = resolve));
    const store = keyStore({
      onFetchError: (error) => {
        fetchErrors.push(error);
        refreshFailed();
      },
    });
    const [kid] = issuer.kids;
    const key = await store.getKey(kid);
    issuer.unreachable = true;
    nowMs += MAX_AGE_MS;

    await expect(store.getKey(kid)).resolves.toBe(key);
    await failed;
    expect(fetchErrors).toHaveLength(1);
    await expect(store.getKey(kid)).resolves.toBe(key);
    nowMs += REFETCH_MS;
    expect(await reasonFor(store.getKey('random'))).toBe('unknown_kid');
    expect(fetchErrors).toHaveLength(2);
  });

  it('drops every key when the issuer answers with an empty key set (keys withdrawn, not an outage)', async () => {
    const fetchErrors: unknown[] = [];
    const store = keyStore({ onFetchError: (error) => fetchErrors.push(error) });
    const [first, second] = issuer.kids;
    await store.getKey(first);
    issuer.unpublish(first);
    issuer.unpublish(second);
    nowMs += REFETCH_MS;
    expect(await reasonFor(store.getKey('random'))).toBe('unknown_kid');
    expect(issuer.jwksRequests).toBe(2);
    expect(await reasonFor(store.getKey(first))).toBe('unknown_kid');
    expect(fetchErrors).toHaveLength(0);
  });

  it('fails with a 503 jwks_unavailable, retry after the refetch interval, while no keys could ever be fetched', async () => {
    const fetchErrors: unknown[] = [];
    issuer.unreachable = true;
    const store = keyStore({ onFetchError: (error) => fetchErrors.push(error) });
    await expect(store.getKey(issuer.kids[0])).rejects.toMatchObject({ status: 503, reason: 'jwks_unavailable', retryAfterS: 30 });
    expect(fetchErrors).toHaveLength(1);
    nowMs += 20_500;
    await expect(store.getKey(issuer.kids[0])).rejects.toMatchObject({ status: 503, reason: 'jwks_unavailable', retryAfterS: 10 });
    expect(fetchErrors).toHaveLength(1);

    issuer.unreachable = false;
    nowMs += REFETCH_MS - 20_500;
    await expect(store.getKey(issuer.kids[0])).resolves.toMatchObject({ key: expect.any(KeyObject) });
  });
});
