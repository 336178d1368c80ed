import { randomUUID } from 'node:crypto';
import { TestIssuer, routesWithoutAccessDecision } from '@platform/auth/testing';
import { type RunningPaymentsApi, startPaymentsApi } from './support/start-payments-api';

interface Payment {
  id: string;
  orderId: string;
  amount: string;
  status: string;
  clientId: string;
  createdAt: string;
}

describe('payments-api routes', () => {
  let issuer: TestIssuer;
  let api: RunningPaymentsApi;
  // Fresh clients per run: the suite may share a PostgreSQL database with earlier runs.
  const payer = `payer-${randomUUID()}`;
  const otherPayer = `other-payer-${randomUUID()}`;

  /** A client-credentials token: the subject is the client itself. */
  const serviceToken = (scope: string, client = payer) => issuer.mint({ claims: { sub: client, client_id: client, scope } });
  /** A token issued to a user through a client (authorization code, device flow). */
  const userToken = (scope: string) => issuer.mint({ claims: { sub: `user-${randomUUID()}`, client_id: 'orders-spa', scope } });

  async function pay(body: unknown, options: { token?: string; idempotencyKey?: string } = {}): Promise<Response> {
    return api.request('/payments', {
      method: 'POST',
      token: options.token ?? (await serviceToken('process:payment')),
      headers: {
        'content-type': 'application/json',
        ...(options.idempotencyKey === undefined ? {} : { 'idempotency-key': options.idempotencyKey }),
      },
      body: JSON.stringify(body),
    });
  }

  async function failuresCounted(reason: string): Promise<number> {
    const metrics = await (await api.request('/metrics')).text();
    const lines = metrics.split('\n').filter((l) => l.startsWith(`auth_failures_total{reason="${reason}",`));
    if (lines.length === 0) throw new Error(`auth_failures_total{reason="${reason}"} is not exported`);
    return lines.reduce((sum, line) => sum + Number(line.split(' ')[1]), 0);
  }

  async function paymentsOf(orderId: string): Promise<Payment[]> {
    const response = await api.request(`/payments?orderId=${orderId}`, { token: await serviceToken('read:payments') });
    expect(response.status).toBe(200);
    return ((await response.json()) as { payments: Payment[] }).payments;
  }

  beforeAll(async () => {
    issuer = await TestIssuer.start({ audience: 'payments-api' });
    api = await startPaymentsApi({ AUTH_ISSUER: issuer.url, AUTH_JWKS_URI: issuer.jwksUri });
    process.stdout.write(`payments-api e2e database: ${api.database}\n`);
  });

  afterAll(async () => {
    await api.close();
    await issuer.stop();
  });

  it('gives every route an explicit access decision', () => {
    expect(routesWithoutAccessDecision(api.app)).toEqual([]);
  });

  describe('who may call', () => {
    it('answers a request without a token with 401 and a bare Bearer realm="payments-api" challenge', async () => {
      const response = await api.request('/payments', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ orderId: randomUUID(), amount: '1.00' }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="payments-api"');
      expect(await response.json()).toEqual({ error_description: expect.any(String), reason: 'missing_token' });
    });

    it('refuses a token whose aud is orders-api: 401 invalid_token, reason wrong_audience', async () => {
      const token = await issuer.mint({ claims: { sub: payer, client_id: payer, scope: 'process:payment', aud: 'orders-api' } });
      const response = await pay({ orderId: randomUUID(), amount: '1.00' }, { token });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(
        /^Bearer realm="payments-api", error="invalid_token", error_description="[^"]+"$/,
      );
      expect(await response.json()).toMatchObject({ error: 'invalid_token', reason: 'wrong_audience' });
    });

    it('POST /payments needs process:payment: 403 insufficient_scope naming it', async () => {
      const response = await pay({ orderId: randomUUID(), amount: '1.00' }, { token: await serviceToken('read:payments') });
      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toBe(
        'Bearer realm="payments-api", error="insufficient_scope", error_description="this request needs the scope process:payment", scope="process:payment"',
      );
      expect(await response.json()).toEqual({
        error: 'insufficient_scope',
        error_description: 'this request needs the scope process:payment',
        reason: 'insufficient_scope',
        scope: 'process:payment',
      });
    });

    it('GET /payments needs read:payments: 403 insufficient_scope naming it', async () => {
      const token = await serviceToken('process:payment');
      for (const path of [`/payments?orderId=${randomUUID()}`, `/payments/${randomUUID()}`]) {
        const response = await api.request(path, { token });
        expect(response.status).toBe(403);
        expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
        expect(response.headers.get('www-authenticate')).toContain('scope="read:payments"');
      }
    });

    it('refuses a user token with 403 not_client_credentials even with process:payment, counts it, and pays nothing', async () => {
      const before = await failuresCounted('not_client_credentials');
      const orderId = randomUUID();
      const response = await pay({ orderId, amount: '5.00' }, { token: await userToken('process:payment') });
      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="payments-api"');
      expect(await response.json()).toEqual({
        error: 'forbidden',
        error_description: expect.stringContaining('issued to a user'),
        reason: 'not_client_credentials',
      });
      expect(await paymentsOf(orderId)).toEqual([]);
      expect(await failuresCounted('not_client_credentials')).toBe(before + 1);
    });

    it('refuses a token that names no client with 403 not_client_credentials', async () => {
      const token = await issuer.mint({ claims: { sub: payer, client_id: undefined, scope: 'process:payment' } });
      const response = await pay({ orderId: randomUUID(), amount: '5.00' }, { token });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ reason: 'not_client_credentials' });
    });

    // The machine markers of the identity providers teams run: each pays, as its client.
    it.each([
      ['Auth0: sub is the client id + @clients', (client: string) => ({ sub: `${client}@clients`, azp: client, client_id: undefined })],
      ['Entra ID: idtyp app', (client: string) => ({ sub: randomUUID(), azp: client, client_id: undefined, idtyp: 'app' })],
      ['Entra ID: oid equals sub and no scp', (client: string) => ({ sub: 'oid-1', oid: 'oid-1', appid: client, client_id: undefined })],
      [
        'Keycloak: service-account- + the client id, with its client_id claim',
        (client: string) => ({
          sub: randomUUID(),
          azp: client,
          client_id: client,
          preferred_username: `service-account-${client.toUpperCase()}`,
        }),
      ],
    ])('accepts a machine token of %s', async (_idp, claims) => {
      const client = `machine-${randomUUID()}`;
      const token = await issuer.mint({ claims: { scope: 'process:payment', ...claims(client) } });
      const response = await pay({ orderId: randomUUID(), amount: '2.00' }, { token });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ clientId: client });
    });

    it.each([
      ['a user of Entra ID (oid equals sub, with scp)', { sub: 'oid-2', oid: 'oid-2', scp: 'process:payment', azp: 'spa' }],
      [
        'a Keycloak user named like a service account of another client',
        { sub: 'u', azp: 'spa', client_id: 'spa', preferred_username: 'service-account-job-runner' },
      ],
      ['an Auth0 user of a client', { sub: 'auth0|123', azp: 'spa' }],
    ])('refuses %s as not_client_credentials', async (_case, claims) => {
      const token = await issuer.mint({ claims: { scope: 'process:payment', client_id: undefined, ...claims } });
      const response = await pay({ orderId: randomUUID(), amount: '2.00' }, { token });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ reason: 'not_client_credentials' });
    });

    it('lets a user token read payments: only paying is machine-to-machine', async () => {
      const response = await api.request(`/payments?orderId=${randomUUID()}`, { token: await userToken('read:payments') });
      expect(response.status).toBe(200);
    });
  });

  describe('POST /payments', () => {
    it('pays an order: 201 with the payment, its amount written with two decimals', async () => {
      const orderId = randomUUID();
      const before = Date.now();
      const response = await pay({ orderId, amount: '12.5' });
      expect(response.status).toBe(201);
      expect(response.headers.get('content-type')).toContain('application/json');
      const payment = (await response.json()) as Payment;
      expect(payment).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        orderId,
        amount: '12.50',
        status: 'succeeded',
        clientId: payer,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      expect(Date.parse(payment.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    });

    it('answers a repeat for the same order with 200 and the existing payment, whatever the amount spelling', async () => {
      const orderId = randomUUID();
      const first = (await (await pay({ orderId, amount: '10' })).json()) as Payment;
      for (const amount of ['10', '10.0', '10.00']) {
        const repeat = await pay({ orderId, amount });
        expect(repeat.status).toBe(200);
        expect(await repeat.json()).toEqual(first);
      }
      expect(await paymentsOf(orderId)).toEqual([first]);
    });

    it('gives another client paying the same order the existing payment (200), not a second one', async () => {
      const orderId = randomUUID();
      const first = (await (await pay({ orderId, amount: '3.00' })).json()) as Payment;
      const other = await pay({ orderId, amount: '3.00' }, { token: await serviceToken('process:payment', otherPayer) });
      expect(other.status).toBe(200);
      expect(await other.json()).toEqual(first);
    });

    it('refuses a repeat with a different amount: 409, and the payment stays as it was', async () => {
      const orderId = randomUUID();
      const first = (await (await pay({ orderId, amount: '20.00' })).json()) as Payment;
      const response = await pay({ orderId, amount: '25.00' });
      expect(response.status).toBe(409);
      expect(await response.json()).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: `order ${orderId} is already paid (payment ${first.id} of 20.00); a second payment of 25.00 was refused`,
      });
      expect(await paymentsOf(orderId)).toEqual([first]);
    });

    it('creates exactly one payment when 10 requests for one order race: one 201, nine 200', async () => {
      const orderId = randomUUID();
      const token = await serviceToken('process:payment');
      const responses = await Promise.all(Array.from({ length: 10 }, () => pay({ orderId, amount: '99.99' }, { token })));
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as Payment).id)));
      expect(ids.size).toBe(1);
      const stored = await paymentsOf(orderId);
      expect(stored.map((p) => p.id)).toEqual([...ids]);
    });

    it.each([
      ['a negative amount', { orderId: randomUUID(), amount: '-1.00' }, 'amount'],
      ['a zero amount', { orderId: randomUUID(), amount: '0.00' }, 'amount'],
      ['three decimals', { orderId: randomUUID(), amount: '1.234' }, 'amount'],
      ['a JSON number instead of a string', { orderId: randomUUID(), amount: 12.5 }, 'amount'],
      ['letters', { orderId: randomUUID(), amount: 'abc' }, 'amount'],
      ['13 digits before the point', { orderId: randomUUID(), amount: '1000000000000' }, 'amount'],
      ['no amount', { orderId: randomUUID() }, 'amount'],
      ['no orderId', { amount: '1.00' }, 'orderId'],
      ['an orderId that is not a UUID', { orderId: 'order-1', amount: '1.00' }, 'orderId'],
      ['an unknown field', { orderId: randomUUID(), amount: '1.00', clientId: 'mallory' }, 'clientId'],
    ])('refuses a body with %s: 400 naming the field', async (_name, body, field) => {
      const response = await pay(body);
      expect(response.status).toBe(400);
      const payload = (await response.json()) as { statusCode: number; fields: { field: string }[] };
      expect(payload.statusCode).toBe(400);
      expect(payload.fields.map((f) => f.field)).toEqual([field]);
    });

    it('refuses a body that is not JSON with 400', async () => {
      const response = await api.request('/payments', {
        method: 'POST',
        token: await serviceToken('process:payment'),
        headers: { 'content-type': 'application/json' },
        body: '{"orderId": ',
      });
      expect(response.status).toBe(400);
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the same payment (200) for the same client and key', async () => {
      const key = randomUUID();
      const body = { orderId: randomUUID(), amount: '7.25' };
      const first = await pay(body, { idempotencyKey: key });
      expect(first.status).toBe(201);
      const payment = (await first.json()) as Payment;
      const again = await pay(body, { idempotencyKey: key });
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(payment);
    });

    it('refuses a key reused for another order or amount with 409, and pays nothing for it', async () => {
      const key = randomUUID();
      const orderId = randomUUID();
      expect((await pay({ orderId, amount: '7.25' }, { idempotencyKey: key })).status).toBe(201);

      const otherOrder = randomUUID();
      const forOtherOrder = await pay({ orderId: otherOrder, amount: '7.25' }, { idempotencyKey: key });
      expect(forOtherOrder.status).toBe(409);
      expect(await forOtherOrder.json()).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: `this Idempotency-Key was already used for a payment of 7.25 for order ${orderId}; use a new key for a different payment`,
      });
      expect(await paymentsOf(otherOrder)).toEqual([]);

      const forOtherAmount = await pay({ orderId, amount: '8.00' }, { idempotencyKey: key });
      expect(forOtherAmount.status).toBe(409);
      expect(((await forOtherAmount.json()) as { message: string }).message).toContain('this Idempotency-Key was already used');
    });

    it('keeps keys per client: another client may use the same key for its own payment', async () => {
      const key = randomUUID();
      expect((await pay({ orderId: randomUUID(), amount: '1.00' }, { idempotencyKey: key })).status).toBe(201);
      const other = await pay(
        { orderId: randomUUID(), amount: '2.00' },
        { idempotencyKey: key, token: await serviceToken('process:payment', otherPayer) },
      );
      expect(other.status).toBe(201);
      expect(((await other.json()) as Payment).clientId).toBe(otherPayer);
    });

    it('returns the existing payment (200) for a new key on an order already paid the same amount', async () => {
      const orderId = randomUUID();
      const first = (await (await pay({ orderId, amount: '4.00' }, { idempotencyKey: randomUUID() })).json()) as Payment;
      const second = await pay({ orderId, amount: '4.00' }, { idempotencyKey: randomUUID() });
      expect(second.status).toBe(200);
      expect(await second.json()).toEqual(first);
    });

    it.each([
      ['empty', ''],
      ['longer than 255 characters', 'k'.repeat(256)],
      ['not ASCII', 'caf\u00e9'],
    ])('refuses a key that is %s with 400, and pays nothing', async (_name, key) => {
      const orderId = randomUUID();
      const response = await pay({ orderId, amount: '1.00' }, { idempotencyKey: key });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Idempotency-Key must be one header of 1 to 255 printable ASCII characters',
      });
      expect(await paymentsOf(orderId)).toEqual([]);
    });
  });

  describe('GET /payments/:id and GET /payments?orderId=', () => {
    let payment: Payment;

    beforeAll(async () => {
      const response = await pay({ orderId: randomUUID(), amount: '42.00' });
      expect(response.status).toBe(201);
      payment = (await response.json()) as Payment;
    });

    it('GET /payments/:id returns the payment', async () => {
      const response = await api.request(`/payments/${payment.id}`, { token: await serviceToken('read:payments') });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(payment);
    });

    it('answers an unknown id with 404 and a non-UUID id with 400', async () => {
      const token = await serviceToken('read:payments');
      const unknownId = randomUUID();
      const unknown = await api.request(`/payments/${unknownId}`, { token });
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ statusCode: 404, error: 'Not Found', message: `payment ${unknownId} not found` });
      const notUuid = await api.request('/payments/not-a-uuid', { token });
      expect(notUuid.status).toBe(400);
      expect(await notUuid.json()).toMatchObject({ statusCode: 400 });
    });

    it('lists the payments of an order as { payments: [...] }, accepting an upper-case UUID', async () => {
      const token = await serviceToken('read:payments');
      const response = await api.request(`/payments?orderId=${payment.orderId.toUpperCase()}`, { token });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ payments: [payment] });
      expect(await paymentsOf(randomUUID())).toEqual([]);
    });

    it.each([
      ['no orderId', '', 'orderId'],
      ['an orderId that is not a UUID', '?orderId=42', 'orderId'],
      ['an unknown parameter', `?orderId=${randomUUID()}&limit=5`, 'limit'],
    ])('refuses a list with %s: 400 naming the parameter', async (_name, query, field) => {
      const response = await api.request(`/payments${query}`, { token: await serviceToken('read:payments') });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual([field]);
    });
  });

  describe('operations', () => {
    it('GET /health/live and /health/ready answer 200 without credentials', async () => {
      const live = await api.request('/health/live');
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ status: 'ok' });
      const ready = await api.request('/health/ready');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    });

    it('GET /metrics serves Prometheus text with auth_failures_total by reason', async () => {
      const response = await api.request('/metrics');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const metrics = await response.text();
      for (const reason of ['missing_token', 'wrong_audience', 'insufficient_scope', 'not_client_credentials']) {
        expect(metrics).toMatch(new RegExp(`auth_failures_total\\{reason="${reason}",issuer="[^"]+"\\} [1-9]`));
      }
    });

    it('answers an unknown route with a JSON 404', async () => {
      const response = await api.request('/nope');
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ statusCode: 404 });
    });
  });
});
