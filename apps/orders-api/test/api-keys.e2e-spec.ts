import { randomUUID } from 'node:crypto';
import { generateApiKey } from '@platform/auth';
import { TestIssuer } from '@platform/auth/testing';
import { DataSource } from 'typeorm';
import { type RunningOrdersApi, startOrdersApi } from './support/start-orders-api';

interface CreatedKey {
  id: string;
  secret: string;
  clientId: string;
  scopes: string[];
  rateLimitPerMinute: number;
  createdAt: string;
  expiresAt: string | null;
}

interface KeyView {
  id: string;
  clientId: string;
  status: string;
  scopes: string[];
  rateLimitPerMinute: number;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  retiredUntil: string | null;
  revokedAt: string | null;
  usageCount: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The contract's "API keys" section and the admin rows of orders-api, over real HTTP. */
describe('orders-api API keys', () => {
  let issuer: TestIssuer;
  let api: RunningOrdersApi;
  let adminToken: string;

  // Fresh clients per test: the suite may share a PostgreSQL database with earlier runs.
  const newClient = () => `partner-${randomUUID().slice(0, 8)}`;
  const json = { 'content-type': 'application/json' };
  const withKey = (key: { id: string; secret: string }) => ({ headers: { 'x-api-key-id': key.id, 'x-api-key': key.secret } });

  function postKey(clientId: string, body: unknown, token = adminToken): Promise<Response> {
    return api.request(`/admin/clients/${clientId}/api-keys`, { method: 'POST', token, headers: json, body: JSON.stringify(body) });
  }

  async function createKey(clientId: string, body: Record<string, unknown> = {}): Promise<CreatedKey> {
    const response = await postKey(clientId, { scopes: ['read:orders'], rateLimitPerMinute: 600, ...body });
    expect(response.status).toBe(201);
    return (await response.json()) as CreatedKey;
  }

  async function listKeys(clientId: string): Promise<KeyView[]> {
    const response = await api.request(`/admin/clients/${clientId}/api-keys`, { token: adminToken });
    expect(response.status).toBe(200);
    return ((await response.json()) as { apiKeys: KeyView[] }).apiKeys;
  }

  const retire = (id: string, graceSeconds: unknown) =>
    api.request(`/admin/api-keys/${id}/retire`, {
      method: 'POST',
      token: adminToken,
      headers: json,
      body: JSON.stringify({ graceSeconds }),
    });
  const revoke = (id: string) => api.request(`/admin/api-keys/${id}`, { method: 'DELETE', token: adminToken });

  async function expectRefusedKey(response: Response, reason: 'invalid_api_key' | 'revoked_api_key' | 'missing_token'): Promise<void> {
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ reason });
  }

  beforeAll(async () => {
    issuer = await TestIssuer.start({ audience: 'orders-api' });
    api = await startOrdersApi({ AUTH_ISSUER: issuer.url, AUTH_JWKS_URI: issuer.jwksUri });
    adminToken = await issuer.mint({ claims: { sub: 'admin', client_id: 'admin-console', scope: 'admin:api-keys' } });
    process.stdout.write(`orders-api API-key e2e database: ${api.database}\n`);
  });

  afterAll(async () => {
    await api.close();
    await issuer.stop();
  });

  describe('creating and listing keys', () => {
    it('creates a key (201) with its secret, shown this once; the list shows neither the secret nor its hash', async () => {
      const clientId = newClient();
      const response = await postKey(clientId, { scopes: ['read:orders', 'write:orders'], rateLimitPerMinute: 600, expiresInDays: 30 });
      expect(response.status).toBe(201);
      const created = (await response.json()) as CreatedKey;
      expect(created).toEqual({
        id: expect.stringMatching(/^key_[0-9A-Za-z]{20}$/),
        secret: expect.stringMatching(/^apk_[0-9A-Za-z]{49}$/),
        clientId,
        scopes: ['read:orders', 'write:orders'],
        rateLimitPerMinute: 600,
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
      });
      const lifetimeMs = Date.parse(created.expiresAt ?? '') - Date.parse(created.createdAt);
      expect(lifetimeMs).toBe(30 * 24 * 60 * 60 * 1000);

      const listResponse = await api.request(`/admin/clients/${clientId}/api-keys`, { token: adminToken });
      const text = await listResponse.text();
      expect(JSON.parse(text)).toEqual({
        apiKeys: [
          {
            id: created.id,
            clientId,
            status: 'active',
            scopes: ['read:orders', 'write:orders'],
            rateLimitPerMinute: 600,
            createdAt: created.createdAt,
            lastUsedAt: null,
            expiresAt: created.expiresAt,
            retiredUntil: null,
            revokedAt: null,
            usageCount: 0,
          },
        ],
      });
      const [{ secret_hash: hash }] = await api.app
        .get(DataSource)
        .query<{ secret_hash: string }[]>('SELECT secret_hash FROM orders_api.api_keys WHERE id = $1', [created.id]);
      expect(hash).not.toContain(created.secret);
      expect(text).not.toContain(created.secret);
      expect(text).not.toContain(hash);
    });

    it('lists no keys for a client that has none', async () => {
      expect(await listKeys(newClient())).toEqual([]);
    });

    it.each([
      ['no scopes', { scopes: [], rateLimitPerMinute: 600 }, 'scopes'],
      ['21 scopes', { scopes: Array.from({ length: 21 }, () => 'read:orders'), rateLimitPerMinute: 600 }, 'scopes'],
      ['a scope orders-api does not know', { scopes: ['read:payments'], rateLimitPerMinute: 600 }, 'scopes'],
      ['the admin scope', { scopes: ['admin:api-keys'], rateLimitPerMinute: 600 }, 'scopes'],
      ['a repeated scope', { scopes: ['read:orders', 'read:orders'], rateLimitPerMinute: 600 }, 'scopes'],
      ['no rate limit', { scopes: ['read:orders'] }, 'rateLimitPerMinute'],
      ['a rate limit of 0', { scopes: ['read:orders'], rateLimitPerMinute: 0 }, 'rateLimitPerMinute'],
      ['a rate limit above 10000000', { scopes: ['read:orders'], rateLimitPerMinute: 10_000_001 }, 'rateLimitPerMinute'],
      ['a fractional rate limit', { scopes: ['read:orders'], rateLimitPerMinute: 1.5 }, 'rateLimitPerMinute'],
      ['an expiry of 0 days', { scopes: ['read:orders'], rateLimitPerMinute: 600, expiresInDays: 0 }, 'expiresInDays'],
      ['an expiry above 3650 days', { scopes: ['read:orders'], rateLimitPerMinute: 600, expiresInDays: 3651 }, 'expiresInDays'],
      ['an unknown field', { scopes: ['read:orders'], rateLimitPerMinute: 600, secret: 'mine' }, 'secret'],
    ])('refuses a body with %s: 400 naming the field', async (_name, body, field) => {
      const response = await postKey(newClient(), body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { fields: { field: string }[] }).fields.map((f) => f.field)).toContain(field);
    });

    it('accepts client ids of letters, digits, ".", "_" and "-", up to 64 characters', async () => {
      for (const clientId of ['acme.eu_1-test', 'a'.repeat(64)]) {
        expect((await api.request(`/admin/clients/${clientId}/api-keys`, { token: adminToken })).status).toBe(200);
      }
    });

    it.each(['a'.repeat(65), 'acme%20corp', 'acme:eu', '%C3%A9'])('refuses the client id "%s" with 400', async (clientId) => {
      const response = await api.request(`/admin/clients/${clientId}/api-keys`, { token: adminToken });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { fields: { field: string }[] }).fields.map((f) => f.field)).toContain('clientId');
    });
  });

  describe('using a key', () => {
    let clientId: string;
    let key: CreatedKey;

    beforeAll(async () => {
      clientId = newClient();
      key = await createKey(clientId, { scopes: ['read:orders', 'read:orders:any'] });
    });

    it('GET /me gives the key client as sub and clientId', async () => {
      const response = await api.request('/me', withKey(key));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ sub: clientId, clientId, scopes: ['read:orders', 'read:orders:any'], authMethod: 'api_key' });
    });

    it('refuses a request with only one of the two headers: 401', async () => {
      await expectRefusedKey(await api.request('/me', { headers: { 'x-api-key-id': key.id } }), 'invalid_api_key');
      await expectRefusedKey(await api.request('/me', { headers: { 'x-api-key': key.secret } }), 'invalid_api_key');
      await expectRefusedKey(
        await api.request(`/partner/orders/${randomUUID()}`, { headers: { 'x-api-key-id': key.id } }),
        'invalid_api_key',
      );
    });

    it.each(['api_key', 'apikey', 'x-api-key', 'key'])('refuses a key in the URL (?%s=) with 400, even with the headers', async (name) => {
      const response = await api.request(`/me?${name}=${key.secret}`, withKey(key));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
      const partner = await api.request(`/partner/orders/${randomUUID()}?${name}=${key.secret}`);
      expect(partner.status).toBe(400);
    });

    it('refuses an unknown id, a wrong secret and a truncated secret alike: 401 invalid_api_key', async () => {
      const other = generateApiKey();
      const unknown = await api.request('/me', withKey({ id: other.id, secret: key.secret }));
      await expectRefusedKey(unknown, 'invalid_api_key');
      expect(unknown.headers.get('www-authenticate')).toBe('ApiKey realm="orders-api"');
      await expectRefusedKey(await api.request('/me', withKey({ id: key.id, secret: other.secret })), 'invalid_api_key');
      await expectRefusedKey(await api.request('/me', withKey({ id: key.id, secret: key.secret.slice(0, -1) })), 'invalid_api_key');
    });

    it('counts usage in memory and shows the count and last use in the list after the next flush (5 s)', async () => {
      const fresh = await createKey(newClient());
      const before = Date.now();
      for (let i = 0; i < 3; i += 1) {
        expect((await api.request('/me', withKey(fresh))).status).toBe(200);
      }
      let view: KeyView | undefined;
      for (const started = Date.now(); Date.now() - started < 12_000 && (view?.usageCount ?? 0) < 3; await sleep(250)) {
        [view] = await listKeys(fresh.clientId);
      }
      expect(view?.usageCount).toBe(3);
      expect(Date.parse(view?.lastUsedAt ?? '')).toBeGreaterThanOrEqual(before);
      expect(Date.parse(view?.lastUsedAt ?? '')).toBeLessThanOrEqual(Date.now());
    });
  });

  describe('GET /partner/orders/:id', () => {
    let order: { id: string; status: string; total: string; createdAt: string };

    beforeAll(async () => {
      const response = await api.request('/orders', {
        method: 'POST',
        token: await issuer.mint({ claims: { sub: `shopper-${randomUUID()}`, scope: 'write:orders' } }),
        headers: json,
        body: JSON.stringify({ items: [{ sku: 'PARTNER-1', quantity: 2, unitPrice: '4.50' }] }),
      });
      expect(response.status).toBe(201);
      order = (await response.json()) as typeof order;
    });

    it('shows any order to a key with read:orders, without its owner or items', async () => {
      const key = await createKey(newClient());
      const response = await api.request(`/partner/orders/${order.id}`, withKey(key));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ id: order.id, status: 'pending', total: '9.00', createdAt: order.createdAt });
    });

    it('answers an unknown order with 404 and an id that is not a UUID with 400', async () => {
      const key = await createKey(newClient());
      expect((await api.request(`/partner/orders/${randomUUID()}`, withKey(key))).status).toBe(404);
      expect((await api.request('/partner/orders/not-a-uuid', withKey(key))).status).toBe(400);
    });

    it('needs the key scope read:orders: 403 insufficient_scope', async () => {
      const key = await createKey(newClient(), { scopes: ['write:orders', 'read:orders:own'] });
      const response = await api.request(`/partner/orders/${order.id}`, withKey(key));
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'insufficient_scope', scope: 'read:orders' });
    });

    it('accepts API keys only: a bearer token (even with read:orders:any) is 401', async () => {
      const token = await issuer.mint({ claims: { sub: 'ops', scope: 'read:orders read:orders:any' } });
      const response = await api.request(`/partner/orders/${order.id}`, { token });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ reason: 'missing_token' });
    });
  });

  describe('ending a key', () => {
    it('revokes a key (204): refused from then on with 401 revoked_api_key; revoking again is 204, an unknown key 404', async () => {
      const key = await createKey(newClient());
      expect((await api.request('/me', withKey(key))).status).toBe(200);
      expect((await revoke(key.id)).status).toBe(204);
      await expectRefusedKey(await api.request('/me', withKey(key)), 'revoked_api_key');
      expect((await revoke(key.id)).status).toBe(204);
      expect((await revoke(generateApiKey().id)).status).toBe(404);
      const [view] = await listKeys(key.clientId);
      expect(view).toMatchObject({ id: key.id, status: 'revoked', revokedAt: expect.any(String) });
    });

    it('refuses an expired key: 401 invalid_api_key', async () => {
      const key = await createKey(newClient(), { expiresInDays: 1 });
      // Moved before the key's first use, so no verification is cached yet.
      await api.app
        .get(DataSource)
        .query(`UPDATE orders_api.api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [key.id]);
      await expectRefusedKey(await api.request('/me', withKey(key)), 'invalid_api_key');
      expect(await listKeys(key.clientId)).toEqual([expect.objectContaining({ id: key.id, status: 'expired' })]);
    });

    it('retires a key with a grace period: accepted during it, refused after it', async () => {
      const key = await createKey(newClient());
      expect((await api.request('/me', withKey(key))).status).toBe(200);
      const response = await retire(key.id, 1);
      expect(response.status).toBe(200);
      const view = (await response.json()) as KeyView;
      expect(view).toMatchObject({ id: key.id, status: 'retiring', retiredUntil: expect.any(String) });
      expect(JSON.stringify(view)).not.toContain(key.secret);
      expect((await api.request('/me', withKey(key))).status).toBe(200);
      await sleep(1500);
      await expectRefusedKey(await api.request('/me', withKey(key)), 'revoked_api_key');
      expect(await listKeys(key.clientId)).toEqual([expect.objectContaining({ id: key.id, status: 'retired' })]);
    });

    it('never extends a grace period: retiring again keeps the earlier end', async () => {
      const key = await createKey(newClient());
      const first = (await (await retire(key.id, 60)).json()) as KeyView;
      const again = (await (await retire(key.id, 3600)).json()) as KeyView;
      expect(again.retiredUntil).toBe(first.retiredUntil);
      const shorter = (await (await retire(key.id, 0)).json()) as KeyView;
      expect(shorter.status).toBe('retired');
      await expectRefusedKey(await api.request('/me', withKey(key)), 'revoked_api_key');
    });

    it('refuses to retire a revoked key (409) or an unknown one (404), and a grace period out of range (400)', async () => {
      const key = await createKey(newClient());
      expect((await revoke(key.id)).status).toBe(204);
      expect((await retire(key.id, 10)).status).toBe(409);
      expect((await retire(generateApiKey().id, 10)).status).toBe(404);
      for (const graceSeconds of [-1, 30 * 24 * 3600 + 1, 1.5, '10']) {
        expect((await retire(key.id, graceSeconds)).status).toBe(400);
      }
    });

    it('counts the metric reasons invalid_api_key and revoked_api_key', async () => {
      const metrics = await (await api.request('/metrics')).text();
      expect(metrics).toMatch(/auth_failures_total\{reason="invalid_api_key",issuer="[^"]+"\} [1-9]/);
      expect(metrics).toMatch(/auth_failures_total\{reason="revoked_api_key",issuer="[^"]+"\} [1-9]/);
    });
  });

  describe('at most two working keys per client', () => {
    it('refuses a third key with 409 until one is revoked', async () => {
      const clientId = newClient();
      const first = await createKey(clientId);
      await createKey(clientId);
      const third = await postKey(clientId, { scopes: ['read:orders'], rateLimitPerMinute: 600 });
      expect(third.status).toBe(409);
      expect(await third.json()).toMatchObject({ statusCode: 409, message: expect.stringContaining('2 working API keys') });
      expect((await revoke(first.id)).status).toBe(204);
      await createKey(clientId);
      expect((await postKey(clientId, { scopes: ['read:orders'], rateLimitPerMinute: 600 })).status).toBe(409);
    });

    it('counts a retired key until its grace period ends', async () => {
      const clientId = newClient();
      const first = await createKey(clientId);
      await createKey(clientId);
      expect((await retire(first.id, 1)).status).toBe(200);
      expect((await postKey(clientId, { scopes: ['read:orders'], rateLimitPerMinute: 600 })).status).toBe(409);
      await sleep(1500);
      await createKey(clientId);
    });

    it('does not count expired keys', async () => {
      const clientId = newClient();
      const first = await createKey(clientId, { expiresInDays: 1 });
      await createKey(clientId);
      await api.app
        .get(DataSource)
        .query(`UPDATE orders_api.api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [first.id]);
      await createKey(clientId);
    });

    it('lets exactly two of several concurrent creates for one client succeed', async () => {
      const clientId = newClient();
      const statuses = await Promise.all(
        Array.from({ length: 5 }, () => postKey(clientId, { scopes: ['read:orders'], rateLimitPerMinute: 600 }).then((r) => r.status)),
      );
      expect(statuses.sort()).toEqual([201, 201, 409, 409, 409]);
      expect(await listKeys(clientId)).toHaveLength(2);
    });
  });

  describe('admin routes', () => {
    const routes = (clientId: string, keyId: string): [string, string, unknown][] => [
      ['POST', `/admin/clients/${clientId}/api-keys`, { scopes: ['read:orders'], rateLimitPerMinute: 600 }],
      ['GET', `/admin/clients/${clientId}/api-keys`, undefined],
      ['POST', `/admin/api-keys/${keyId}/retire`, { graceSeconds: 0 }],
      ['DELETE', `/admin/api-keys/${keyId}`, undefined],
    ];

    const jsonBody = (body: unknown): { headers: Record<string, string>; body?: string } =>
      body === undefined ? { headers: {} } : { headers: json, body: JSON.stringify(body) };

    it('need a bearer token with admin:api-keys: 403 insufficient_scope otherwise', async () => {
      const key = await createKey(newClient());
      const token = await issuer.mint({ claims: { sub: 'ops', scope: 'read:orders:any write:orders:status' } });
      for (const [method, path, body] of routes(key.clientId, key.id)) {
        const response = await api.request(path, { method, token, ...jsonBody(body) });
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
        expect(response.headers.get('www-authenticate')).toContain('scope="admin:api-keys"');
      }
      expect(await listKeys(key.clientId)).toEqual([expect.objectContaining({ status: 'active' })]);
    });

    it('refuse API keys: 401 (a key cannot manage keys)', async () => {
      const key = await createKey(newClient(), { scopes: ['read:orders', 'write:orders', 'read:orders:any'] });
      for (const [method, path, body] of routes(key.clientId, key.id)) {
        const { headers, ...rest } = jsonBody(body);
        const response = await api.request(path, { method, headers: { ...headers, ...withKey(key).headers }, ...rest });
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
      }
      expect(await listKeys(key.clientId)).toEqual([expect.objectContaining({ status: 'active' })]);
    });
  });
});
