import { randomUUID } from 'node:crypto';
import { TestIssuer, routesWithoutAccessDecision } from '@platform/auth/testing';
import { type RunningOrdersApi, startOrdersApi } from './support/start-orders-api';

interface Order {
  id: string;
  ownerId: string;
  items: { sku: string; quantity: number; unitPrice: string }[];
  total: string;
  status: string;
  createdAt: string;
}

describe('orders-api routes', () => {
  let issuer: TestIssuer;
  let api: RunningOrdersApi;
  // Fresh subjects per run: the suite may share a PostgreSQL database with earlier runs.
  const alice = `alice-${randomUUID()}`;
  const bob = `bob-${randomUUID()}`;

  const tokenFor = (sub: string, scope: string) => issuer.mint({ claims: { sub, scope } });

  async function placeOrder(sub: string, items: Order['items']): Promise<Order> {
    const response = await api.request('/orders', {
      method: 'POST',
      token: await tokenFor(sub, 'write:orders'),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as Order;
  }

  beforeAll(async () => {
    issuer = await TestIssuer.start({ audience: 'orders-api' });
    api = await startOrdersApi({ AUTH_ISSUER: issuer.url, AUTH_JWKS_URI: issuer.jwksUri });
    process.stdout.write(`orders-api e2e database: ${api.database}\n`);
  });

  afterAll(async () => {
    await api.close();
    await issuer.stop();
  });

  it('gives every route an explicit access decision', () => {
    expect(routesWithoutAccessDecision(api.app)).toEqual([]);
  });

  it('GET /me returns the principal of a bearer token', async () => {
    const response = await api.request('/me', {
      token: await issuer.mint({ claims: { sub: alice, client_id: 'orders-spa', scope: 'read:orders write:orders' } }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      sub: alice,
      clientId: 'orders-spa',
      scopes: ['read:orders', 'write:orders'],
      authMethod: 'bearer',
    });
  });

  describe('POST /orders', () => {
    it('creates an order owned by the token subject, with an exact total', async () => {
      const order = await placeOrder(alice, [
        { sku: 'ABC-1', quantity: 2, unitPrice: '9.99' },
        { sku: 'XYZ-9', quantity: 3, unitPrice: '0.1' },
      ]);
      expect(order).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ownerId: alice,
        items: [
          { sku: 'ABC-1', quantity: 2, unitPrice: '9.99' },
          { sku: 'XYZ-9', quantity: 3, unitPrice: '0.1' },
        ],
        total: '20.28',
        status: 'pending',
        createdAt: expect.any(String),
      });
    });

    it('needs write:orders: 403 insufficient_scope naming it', async () => {
      const response = await api.request('/orders', {
        method: 'POST',
        token: await tokenFor(alice, 'read:orders'),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ items: [{ sku: 'A', quantity: 1, unitPrice: '1.00' }] }),
      });
      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toBe(
        'Bearer realm="orders-api", error="insufficient_scope", error_description="this request needs the scope write:orders", scope="write:orders"',
      );
      expect(await response.json()).toEqual({
        error: 'insufficient_scope',
        error_description: 'this request needs the scope write:orders',
        reason: 'insufficient_scope',
        scope: 'write:orders',
      });
    });

    it.each([
      ['no items', {}, 'items'],
      ['an empty item list', { items: [] }, 'items'],
      ['a zero quantity', { items: [{ sku: 'A', quantity: 0, unitPrice: '1.00' }] }, 'items.0.quantity'],
      ['a float price', { items: [{ sku: 'A', quantity: 1, unitPrice: 9.99 }] }, 'items.0.unitPrice'],
      ['three decimals', { items: [{ sku: 'A', quantity: 1, unitPrice: '1.999' }] }, 'items.0.unitPrice'],
      ['an unknown field', { items: [{ sku: 'A', quantity: 1, unitPrice: '1' }], ownerId: 'mallory' }, 'ownerId'],
    ])('refuses a body with %s: 400 naming the field', async (_name, body, field) => {
      const response = await api.request('/orders', {
        method: 'POST',
        token: await tokenFor(alice, 'write:orders'),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      const payload = (await response.json()) as { fields: { field: string }[] };
      expect(payload.fields.map((f) => f.field)).toContain(field);
    });

    it('refuses a body that is not JSON with 400', async () => {
      const response = await api.request('/orders', {
        method: 'POST',
        token: await tokenFor(alice, 'write:orders'),
        headers: { 'content-type': 'application/json' },
        body: '{"items": [',
      });
      expect(response.status).toBe(400);
    });
  });

  describe('GET /orders and GET /orders/:id', () => {
    let aliceOrders: Order[];
    let bobOrder: Order;

    beforeAll(async () => {
      aliceOrders = [];
      for (let i = 0; i < 3; i += 1) {
        aliceOrders.push(await placeOrder(alice, [{ sku: `PAGE-${i}`, quantity: 1, unitPrice: '1.00' }]));
      }
      bobOrder = await placeOrder(bob, [{ sku: 'BOB-1', quantity: 1, unitPrice: '5.00' }]);
    });

    it.each(['read:orders', 'read:orders:own'])("with %s lists only the caller's own orders", async (scope) => {
      const response = await api.request('/orders?limit=100', { token: await tokenFor(bob, scope) });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ orders: [bobOrder], nextCursor: null });
    });

    it("with read:orders:any lists every owner's orders", async () => {
      const response = await api.request('/orders?limit=100', { token: await tokenFor('ops', 'read:orders:any') });
      const ids = ((await response.json()) as { orders: Order[] }).orders.map((o) => o.id);
      expect(ids).toEqual(expect.arrayContaining([bobOrder.id, ...aliceOrders.map((o) => o.id)]));
    });

    it('pages newest first with limit and nextCursor', async () => {
      const token = await tokenFor(alice, 'read:orders:own');
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
        const page = (await (await api.request(`/orders${query}`, { token })).json()) as { orders: Order[]; nextCursor: string | null };
        expect(page.orders.length).toBeLessThanOrEqual(2);
        seen.push(...page.orders.map((o) => o.id));
        cursor = page.nextCursor;
      } while (cursor);
      const newestFirst = [...aliceOrders].reverse().map((o) => o.id);
      expect(seen.filter((id) => newestFirst.includes(id))).toEqual(newestFirst);
      expect(new Set(seen).size).toBe(seen.length);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
    ])('refuses %s with 400', async (query, field) => {
      const response = await api.request(`/orders?${query}`, { token: await tokenFor(alice, 'read:orders') });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { fields: { field: string }[] }).fields.map((f) => f.field)).toContain(field);
    });

    it('refuses a cursor it did not issue with 400', async () => {
      const response = await api.request('/orders?cursor=bm90LWEtY3Vyc29y', { token: await tokenFor(alice, 'read:orders') });
      expect(response.status).toBe(400);
    });

    it("answers another owner's order with 404, not 403", async () => {
      const response = await api.request(`/orders/${bobOrder.id}`, { token: await tokenFor(alice, 'read:orders:own') });
      expect(response.status).toBe(404);
    });

    it('shows the owner their order, and any order to read:orders:any', async () => {
      const own = await api.request(`/orders/${bobOrder.id}`, { token: await tokenFor(bob, 'read:orders') });
      expect(await own.json()).toEqual(bobOrder);
      const any = await api.request(`/orders/${bobOrder.id}`, { token: await tokenFor('ops', 'read:orders:any') });
      expect(await any.json()).toEqual(bobOrder);
    });

    it('needs a read scope: 403 listing the alternatives', async () => {
      const response = await api.request('/orders', { token: await tokenFor(alice, 'write:orders') });
      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toContain('scope="read:orders read:orders:own read:orders:any"');
    });

    it('refuses an id that is not a UUID with 400, and an unknown one with 404', async () => {
      const token = await tokenFor('ops', 'read:orders:any');
      expect((await api.request('/orders/not-a-uuid', { token })).status).toBe(400);
      expect((await api.request(`/orders/${randomUUID()}`, { token })).status).toBe(404);
    });
  });

  describe('PATCH /orders/:id (pending → paid)', () => {
    const jobRunner = () =>
      issuer.mint({ claims: { sub: 'job-runner', client_id: 'job-runner', scope: 'read:orders:any write:orders:status' } });
    const markPaid = async (id: string, body: unknown, token?: string) =>
      api.request(`/orders/${id}`, {
        method: 'PATCH',
        token: token ?? (await jobRunner()),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    it('marks a pending order paid once; a second change is 409 and leaves it as it was', async () => {
      const order = await placeOrder(alice, [{ sku: 'PAY-1', quantity: 1, unitPrice: '3.50' }]);
      const paid = await markPaid(order.id, { status: 'paid', paymentId: 'pay-1' });
      expect(paid.status).toBe(200);
      expect(await paid.json()).toEqual({ ...order, status: 'paid' });

      const again = await markPaid(order.id, { status: 'paid', paymentId: 'pay-2' });
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({
        statusCode: 409,
        message: `order ${order.id} is paid: only a pending order can be marked paid`,
      });
    });

    it('lets exactly one of several concurrent changes win', async () => {
      const order = await placeOrder(alice, [{ sku: 'PAY-RACE', quantity: 1, unitPrice: '1.00' }]);
      const token = await jobRunner();
      const statuses = await Promise.all(
        Array.from({ length: 8 }, (_, i) => markPaid(order.id, { status: 'paid', paymentId: `race-${i}` }, token).then((r) => r.status)),
      );
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(7);
    });

    it('filters the list by status, so the job runner sees only pending orders', async () => {
      const pending = await placeOrder(bob, [{ sku: 'PAY-LIST', quantity: 1, unitPrice: '2.00' }]);
      const token = await tokenFor('ops', 'read:orders:any');
      const listed = async (status: string) =>
        ((await (await api.request(`/orders?status=${status}&limit=100`, { token })).json()) as { orders: Order[] }).orders;
      expect((await listed('pending')).map((o) => o.id)).toContain(pending.id);
      expect((await listed('pending')).every((o) => o.status === 'pending')).toBe(true);
      await markPaid(pending.id, { status: 'paid', paymentId: 'pay-list' });
      expect((await listed('pending')).map((o) => o.id)).not.toContain(pending.id);
      expect((await listed('paid')).map((o) => o.id)).toContain(pending.id);
      expect((await api.request('/orders?status=shipped', { token })).status).toBe(400);
    });

    it('needs write:orders:status: 403 insufficient_scope naming it', async () => {
      const order = await placeOrder(alice, [{ sku: 'PAY-SCOPE', quantity: 1, unitPrice: '1.00' }]);
      const response = await markPaid(order.id, { status: 'paid', paymentId: 'p' }, await tokenFor(alice, 'write:orders read:orders'));
      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
      expect(response.headers.get('www-authenticate')).toContain('scope="write:orders:status"');
    });

    it.each([
      ['another status', { status: 'pending', paymentId: 'p' }, 'status'],
      ['no paymentId', { status: 'paid' }, 'paymentId'],
      ['a paymentId that is not an identifier', { status: 'paid', paymentId: 'a b' }, 'paymentId'],
      ['an unknown field', { status: 'paid', paymentId: 'p', total: '0.00' }, 'total'],
    ])('refuses %s with 400', async (_case, body, field) => {
      const order = await placeOrder(alice, [{ sku: 'PAY-BAD', quantity: 1, unitPrice: '1.00' }]);
      const response = await markPaid(order.id, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { fields: { field: string }[] }).fields.map((f) => f.field)).toContain(field);
    });

    it('answers an unknown order with 404 and an id that is not a UUID with 400', async () => {
      expect((await markPaid(randomUUID(), { status: 'paid', paymentId: 'p' })).status).toBe(404);
      expect((await markPaid('not-a-uuid', { status: 'paid', paymentId: 'p' })).status).toBe(400);
    });
  });

  describe('operations', () => {
    it('GET /health/live and /health/ready answer 200 without credentials', async () => {
      expect((await api.request('/health/live')).status).toBe(200);
      const ready = await api.request('/health/ready');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    });

    it('GET /metrics serves Prometheus text with auth_failures_total', async () => {
      const response = await api.request('/metrics');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      expect(await response.text()).toMatch(/auth_failures_total\{reason="insufficient_scope",issuer="[^"]+"\} [1-9]/);
    });

    it('answers an unknown route with a JSON 404', async () => {
      const response = await api.request('/nope');
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ statusCode: 404 });
    });
  });
});
