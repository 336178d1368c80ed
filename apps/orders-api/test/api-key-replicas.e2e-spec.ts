import { randomUUID } from 'node:crypto';
import { TestIssuer } from '@platform/auth/testing';
import { type RunningOrdersApi, startOrdersApi } from './support/start-orders-api';

// Two orders-api replicas sharing one PostgreSQL and one Redis, as in production. The embedded
// database belongs to one process, so this suite always uses a real PostgreSQL: DATABASE_URL, or
// the local one CI starts. Redis: REDIS_URL, or the local one.
const DATABASE_URL = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
const PEPPER = 'replica-suite-pepper-0123456789abcdef';

let issuer: TestIssuer;
let replicaA: RunningOrdersApi;
let replicaB: RunningOrdersApi;
let adminToken: string;
const logged: string[] = [];
const originalWrites = { stdout: process.stdout.write.bind(process.stdout), stderr: process.stderr.write.bind(process.stderr) };

interface CreatedKey {
  id: string;
  secret: string;
}

async function createKey(clientId: string, rateLimitPerMinute: number, scopes = ['read:orders']): Promise<CreatedKey> {
  const response = await replicaA.request(`/admin/clients/${clientId}/api-keys`, {
    method: 'POST',
    token: adminToken,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scopes, rateLimitPerMinute }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as CreatedKey;
}

const withKey = (key: CreatedKey, secret = key.secret) => ({ headers: { 'x-api-key-id': key.id, 'x-api-key': secret } });
/** The secret with its last character changed: well-formed in shape, wrong in value. */
const wrongSecret = (key: CreatedKey) => `${key.secret.slice(0, -1)}${key.secret.endsWith('0') ? '1' : '0'}`;

beforeAll(async () => {
  // Capture everything the apps log, to prove no secret is ever in it.
  const capture =
    (original: (chunk: string | Uint8Array, ...rest: never[]) => boolean) =>
    (chunk: string | Uint8Array, ...rest: never[]): boolean => {
      logged.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return original(chunk, ...rest);
    };
  process.stdout.write = capture(originalWrites.stdout);
  process.stderr.write = capture(originalWrites.stderr);

  issuer = await TestIssuer.start({ audience: 'orders-api' });
  const env = {
    AUTH_ISSUER: issuer.url,
    AUTH_JWKS_URI: issuer.jwksUri,
    DATABASE_URL,
    REDIS_URL,
    API_KEY_PEPPER: PEPPER,
    LOG_LEVEL: 'info',
  };
  replicaA = await startOrdersApi(env);
  replicaB = await startOrdersApi(env);
  adminToken = await issuer.mint({ claims: { sub: 'admin-cli', client_id: 'admin-cli', scope: 'admin:api-keys' } });
});

afterAll(async () => {
  process.stdout.write = originalWrites.stdout;
  process.stderr.write = originalWrites.stderr;
  await replicaB?.close();
  await replicaA?.close();
  await issuer?.stop();
});

describe('API keys across two replicas sharing PostgreSQL and Redis', () => {
  it('reports Redis in /health/ready', async () => {
    const ready = await replicaB.request('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ info: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('rotates without downtime: current and next both work, the retired one through its grace period, then only next', async () => {
    const clientId = `partner-${randomUUID().slice(0, 8)}`;
    const create = () =>
      replicaA.request(`/admin/clients/${clientId}/api-keys`, {
        method: 'POST',
        token: adminToken,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scopes: ['read:orders'], rateLimitPerMinute: 1000 }),
      });
    const current = await createKey(clientId, 1000);
    const next = await createKey(clientId, 1000);
    expect((await replicaA.request('/me', withKey(current))).status).toBe(200);
    expect((await replicaB.request('/me', withKey(next))).status).toBe(200);
    expect((await create()).status).toBe(409);

    const retired = await replicaA.request(`/admin/api-keys/${current.id}/retire`, {
      method: 'POST',
      token: adminToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ graceSeconds: 2 }),
    });
    expect(retired.status).toBe(200);
    expect(await retired.json()).toMatchObject({ id: current.id, status: 'retiring' });
    expect((await replicaB.request('/me', withKey(current))).status).toBe(200);
    expect((await replicaA.request('/me', withKey(next))).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 2_200));
    const refused = await replicaB.request('/me', withKey(current));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'invalid_api_key', reason: 'revoked_api_key' });
    expect((await replicaB.request('/me', withKey(next))).status).toBe(200);
    const list = (await (await replicaA.request(`/admin/clients/${clientId}/api-keys`, { token: adminToken })).json()) as {
      apiKeys: { id: string; status: string }[];
    };
    expect(Object.fromEntries(list.apiKeys.map((key) => [key.id, key.status]))).toEqual({ [current.id]: 'retired', [next.id]: 'active' });
    // The retired key no longer counts: the next rotation can start.
    expect((await create()).status).toBe(201);
  });

  it('refuses a revoked key on the other replica within 1 s, although it had the key cached', async () => {
    const key = await createKey(`partner-${randomUUID().slice(0, 8)}`, 1000);
    expect((await replicaA.request('/me', withKey(key))).status).toBe(200);
    expect((await replicaB.request('/me', withKey(key))).status).toBe(200);

    expect((await replicaA.request(`/admin/api-keys/${key.id}`, { method: 'DELETE', token: adminToken })).status).toBe(204);
    const revokedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < 2_000) {
      status = (await replicaB.request('/me', withKey(key))).status;
    }
    const propagationMs = Date.now() - revokedAt;
    originalWrites.stdout(`revocation reached the other replica in ${propagationMs} ms\n`);
    expect(status).toBe(401);
    expect(propagationMs).toBeLessThan(1_000);
    expect((await replicaA.request('/me', withKey(key))).status).toBe(401);
  });

  it('enforces one per-key budget across both replicas (within 5%), with 429, Retry-After and rate-limit headers', async () => {
    const key = await createKey(`partner-${randomUUID().slice(0, 8)}`, 100);
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let round = 0; round < 15; round += 1) {
      // Ten requests at once, split between the replicas.
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? replicaA : replicaB).request('/me', withKey(key))),
      );
      for (const answer of answers) {
        statuses.push(answer.status);
        if (answer.status === 429) refused = answer;
        else await answer.arrayBuffer();
      }
    }
    const accepted = statuses.filter((status) => status === 200).length;
    expect(Math.abs(accepted - 100)).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
    expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused?.json()).toMatchObject({ error: 'rate_limited', reason: 'rate_limited' });

    const metrics = await (await replicaA.request('/metrics')).text();
    expect(metrics).toMatch(/auth_failures_total\{reason="rate_limited",issuer="[^"]+"\} [1-9]/);
  });

  it('counts one budget across all routes, sends the limit headers, and spends none on failed authentications', async () => {
    const key = await createKey(`partner-${randomUUID().slice(0, 8)}`, 4);
    for (let i = 0; i < 6; i += 1) {
      expect((await replicaA.request('/me', withKey(key, wrongSecret(key)))).status).toBe(401);
    }
    const first = await replicaA.request('/me', withKey(key));
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('4');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('3');
    expect((await replicaB.request(`/partner/orders/${randomUUID()}`, withKey(key))).status).toBe(404);
    expect((await replicaA.request('/me', withKey(key))).status).toBe(200);
    expect((await replicaB.request('/me', withKey(key))).status).toBe(200);
    expect((await replicaA.request(`/partner/orders/${randomUUID()}`, withKey(key))).status).toBe(429);
  });

  it('refuses a key in the URL with 400 before reading it, and never logs it', async () => {
    const key = await createKey(`partner-${randomUUID().slice(0, 8)}`, 100);
    for (const name of ['api_key', 'apikey', 'x-api-key', 'key', 'API_KEY']) {
      const response = await replicaA.request(`/me?${name}=${key.secret}`, withKey(key));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    }
  });

  it('never writes a secret or the pepper to the logs', async () => {
    const key = await createKey(`partner-${randomUUID().slice(0, 8)}`, 100);
    await replicaA.request('/me', withKey(key));
    await replicaB.request('/me', withKey(key, wrongSecret(key)));
    await replicaA.request(`/me?api_key=${key.secret}`);
    await replicaA.request(`/admin/api-keys/${key.id}/retire`, {
      method: 'POST',
      token: adminToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ graceSeconds: 0 }),
    });
    await replicaB.request('/me', withKey(key));
    const everything = logged.join('');
    expect(everything).toContain(key.id);
    expect(everything).not.toContain(key.secret);
    expect(everything).not.toContain(key.secret.slice(4, 30));
    expect(everything).not.toContain(PEPPER);
  });
});

describe('when Redis does not answer', () => {
  it('still starts, reports 503 on /health/ready, and answers a rate-limited request with 503, not 500', async () => {
    const isolated = await startOrdersApi({
      AUTH_ISSUER: issuer.url,
      AUTH_JWKS_URI: issuer.jwksUri,
      DATABASE_URL,
      REDIS_URL: 'redis://127.0.0.1:1',
      API_KEY_PEPPER: PEPPER,
    });
    try {
      expect((await isolated.request('/health/live')).status).toBe(200);
      const ready = await isolated.request('/health/ready');
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ error: { redis: { status: 'down' } } });
      const token = await issuer.mint({ claims: { sub: 'alice', scope: 'read:orders' } });
      expect((await isolated.request('/me', { token })).status).toBe(503);
    } finally {
      await isolated.close();
    }
  });
});
