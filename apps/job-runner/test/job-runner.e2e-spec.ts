import { type BearerTokenSource, ClientCredentialsTokenClient } from '@platform/auth';
// Cross-app tests: the job runner against the real auth-server, orders-api and payments-api, each
// started in-process through its test entry point.
import { startAuthServer, type RunningAuthServer } from '@platform/auth-server/testing';
import { startOrdersApi, type RunningOrdersApi } from '@platform/orders-api/testing';
import { startPaymentsApi, type RunningPaymentsApi } from '@platform/payments-api/testing';
import { generateKeyPair, SignJWT } from 'jose';
import { signInWithPassword } from '../src/demo/sign-in-with-password';
import { type JobRunnerConfig, readJobRunnerConfig } from '../src/job-runner.config';
import { JobRunner, type JobRunnerDependencies } from '../src/job-runner';

const SPA_REDIRECT = 'http://localhost:5173/callback';

let authServer: RunningAuthServer;
let ordersApi: RunningOrdersApi;
let paymentsApi: RunningPaymentsApi;
let aliceToken: string;
let reportingToken: string;

interface Order {
  id: string;
  status: string;
  total: string;
}

/** Collects the job runner's stdout: JSON lines and the summary text. */
class CapturedOutput {
  readonly chunks: string[] = [];
  write(chunk: string): void {
    this.chunks.push(chunk);
  }
  events(name: string): Record<string, unknown>[] {
    return this.chunks
      .filter((chunk) => chunk.startsWith('{'))
      .map((chunk) => JSON.parse(chunk) as Record<string, unknown>)
      .filter((line) => line['event'] === name);
  }
  get text(): string {
    return this.chunks.join('');
  }
}

function config(env: Record<string, string> = {}): JobRunnerConfig {
  return readJobRunnerConfig({
    AUTH_ISSUER: authServer.url,
    ORDERS_API_URL: ordersApi.url,
    PAYMENTS_API_URL: paymentsApi.url,
    LOG_LEVEL: 'info',
    ...env,
  });
}

function runner(env: Record<string, string> = {}, dependencies: JobRunnerDependencies = {}) {
  const output = new CapturedOutput();
  return { runner: new JobRunner(config(env), { sink: output, ...dependencies }), output };
}

async function placeOrder(unitPrice: string): Promise<Order> {
  const response = await ordersApi.request('/orders', {
    method: 'POST',
    token: aliceToken,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ items: [{ sku: 'JOB-1', quantity: 2, unitPrice }] }),
  });
  if (response.status !== 201) throw new Error(`${response.status} ${await response.text()}`);
  return (await response.json()) as Order;
}

async function orderStatus(id: string): Promise<string> {
  const response = await ordersApi.request(`/orders/${id}`, { token: aliceToken });
  return ((await response.json()) as Order).status;
}

async function paymentsFor(orderId: string): Promise<{ id: string; amount: string }[]> {
  const response = await paymentsApi.request(`/payments?orderId=${orderId}`, { token: reportingToken });
  expect(response.status).toBe(200);
  return ((await response.json()) as { payments: { id: string; amount: string }[] }).payments;
}

/** A token client whose token requests are counted (and optionally rewritten), over real HTTP. */
function countingTokenClient(rewrite?: (body: Record<string, unknown>, count: number) => Record<string, unknown>) {
  const counts = { tokenRequests: 0 };
  const client = new ClientCredentialsTokenClient({
    issuer: authServer.url,
    clientId: 'job-runner',
    clientSecret: 'dev-only-job-runner-secret',
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!url.endsWith('/token')) return response;
      counts.tokenRequests += 1;
      if (!rewrite) return response;
      const body = rewrite((await response.json()) as Record<string, unknown>, counts.tokenRequests);
      return new Response(JSON.stringify(body), { status: response.status, headers: { 'content-type': 'application/json' } });
    },
  });
  return { client, counts };
}

beforeAll(async () => {
  authServer = await startAuthServer();
  ordersApi = await startOrdersApi({ AUTH_ISSUER: authServer.url });
  paymentsApi = await startPaymentsApi({ AUTH_ISSUER: authServer.url });

  // alice places orders through the orders web app (authorization code + PKCE, the real login page).
  aliceToken = await signInWithPassword({
    issuer: authServer.url,
    clientId: 'orders-spa',
    redirectUri: SPA_REDIRECT,
    scope: 'openid read:orders write:orders',
    resource: 'urn:orders-api',
    username: 'alice',
    password: 'alice-password',
  });

  const reporting = new ClientCredentialsTokenClient({
    issuer: authServer.url,
    clientId: 'reporting',
    clientSecret: 'dev-only-reporting-secret',
  });
  reportingToken = (await reporting.getToken({ resource: 'urn:payments-api' })).accessToken;
});

afterAll(async () => {
  await paymentsApi?.close();
  await ordersApi?.close();
  await authServer?.close();
});

describe('a correct job', () => {
  it('pays every pending order exactly once, however many passes run', async () => {
    const orders = [await placeOrder('1.25'), await placeOrder('10.00'), await placeOrder('0.99')];
    const { runner: job, output } = runner();

    const first = await job.runPass();
    expect(first.listed).toBe(true);
    expect(first.paid).toBeGreaterThanOrEqual(orders.length);
    await job.runPass();

    for (const order of orders) {
      expect(await orderStatus(order.id)).toBe('paid');
      expect(await paymentsFor(order.id)).toEqual([expect.objectContaining({ amount: order.total })]);
    }
    expect(output.events('auth_failure')).toEqual([]);
    expect(output.events('order_paid').map((line) => line['orderId'])).toEqual(expect.arrayContaining(orders.map((order) => order.id)));
  });

  it('repairs a pass that died between paying and marking: the order is marked, not paid twice', async () => {
    const order = await placeOrder('7.00');
    const jobRunnerTokens = new ClientCredentialsTokenClient({
      issuer: authServer.url,
      clientId: 'job-runner',
      clientSecret: 'dev-only-job-runner-secret',
    });
    const paid = await paymentsApi.request('/payments', {
      method: 'POST',
      token: (await jobRunnerTokens.getToken({ resource: 'urn:payments-api' })).accessToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderId: order.id, amount: order.total }),
    });
    expect(paid.status).toBe(201);

    const { runner: job, output } = runner();
    await job.runPass();

    expect(await orderStatus(order.id)).toBe('paid');
    expect(await paymentsFor(order.id)).toHaveLength(1);
    expect(output.events('order_paid')).toContainEqual(expect.objectContaining({ orderId: order.id, newPayment: false }));
  });

  it('asks for one token per API however many calls it makes, and none again while they are fresh', async () => {
    await placeOrder('2.00');
    await placeOrder('3.00');
    const { client, counts } = countingTokenClient();
    const { runner: job, output } = runner({}, { tokens: client });
    const result = await job.runPass();
    expect(result.paid).toBeGreaterThanOrEqual(2);
    expect(counts.tokenRequests).toBe(2);

    await placeOrder('4.00');
    await job.runPass();
    expect(counts.tokenRequests).toBe(2);
    expect(output.events('auth_failure')).toEqual([]);
  });

  it('fetches a new token once after a 401 invalid_token, logs that refusal, and carries on', async () => {
    const order = await placeOrder('5.00');
    // The first token is damaged on its way in (as if signed by a key the API no longer trusts).
    const { client, counts } = countingTokenClient((body, count) =>
      count === 1 ? { ...body, access_token: `${String(body['access_token']).slice(0, -4)}AAAA` } : body,
    );
    const { runner: job, output } = runner({}, { tokens: client });
    await job.runPass();

    expect(await orderStatus(order.id)).toBe('paid');
    expect(counts.tokenRequests).toBe(3);
    expect(output.events('auth_failure')).toEqual([
      expect.objectContaining({
        status: 401,
        api: 'orders-api',
        error: 'invalid_token',
        reason: 'bad_signature',
        retriedWithNewToken: true,
      }),
    ]);
  });
});

describe('the three deliberate mistakes, each logged and counted under its reason', () => {
  it('a token for the wrong audience: 401 wrong_audience from orders-api', async () => {
    const { runner: job, output } = runner({ ORDERS_API_RESOURCE: 'urn:payments-api' });
    const result = await job.runPass();
    expect(result).toMatchObject({ listed: false, paid: 0 });

    const lines = output.events('auth_failure');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatchObject({
        event: 'auth_failure',
        status: 401,
        api: 'orders-api',
        method: 'GET',
        path: '/orders?status=pending&limit=100',
        error: 'invalid_token',
        reason: 'wrong_audience',
        clientId: 'job-runner',
        token: expect.objectContaining({ aud: ['payments-api'] }),
        requestId: expect.any(String),
      });
    }
    expect(job.failures.entries()).toEqual([
      { event: 'auth_failure', api: 'orders-api', status: 401, reason: 'wrong_audience', count: lines.length },
    ]);
    // Never a token in the output, only its decoded claims.
    expect(output.text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it('a client without process:payment: 403 insufficient_scope from payments-api, naming the scope', async () => {
    const order = await placeOrder('6.00');
    const { runner: job, output } = runner({ CLIENT_ID: 'reporting', CLIENT_SECRET: 'dev-only-reporting-secret' });
    const result = await job.runPass();
    expect(result.paid).toBe(0);
    expect(await orderStatus(order.id)).toBe('pending');
    expect(await paymentsFor(order.id)).toEqual([]);

    expect(output.events('auth_failure')).toEqual([
      expect.objectContaining({
        status: 403,
        api: 'payments-api',
        method: 'POST',
        path: '/payments',
        error: 'insufficient_scope',
        reason: 'insufficient_scope',
        clientId: 'reporting',
        requiredScope: 'process:payment',
        token: expect.objectContaining({ aud: ['payments-api'], scope: ['read:payments'] }),
      }),
    ]);
    expect(job.failures.entries()).toEqual([
      { event: 'auth_failure', api: 'payments-api', status: 403, reason: 'insufficient_scope', count: 1 },
    ]);
  });

  it('a token signed by a retired key: 401 unknown_kid, retried once with a new token, then logged again', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const stale = await new SignJWT({ client_id: 'job-runner', scope: 'read:orders:any write:orders:status' })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'retired-2025-01' })
      .setIssuer(authServer.url)
      .setAudience('orders-api')
      .setSubject('job-runner')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    const staleTokens: BearerTokenSource = { getToken: () => Promise.resolve({ accessToken: stale }), invalidate: () => undefined };
    const { runner: job, output } = runner({}, { tokensFor: { 'orders-api': staleTokens } });
    await job.runPass();

    expect(output.events('auth_failure').map((line) => [line['status'], line['reason'], line['retriedWithNewToken']])).toEqual([
      [401, 'unknown_kid', true],
      [401, 'unknown_kid', false],
    ]);
    expect(job.failures.entries()).toEqual([{ event: 'auth_failure', api: 'orders-api', status: 401, reason: 'unknown_kid', count: 2 }]);
  });

  it('a wrong client secret: one token_failure line (invalid_client), and the pass reports it could not run', async () => {
    const { runner: job, output } = runner({ CLIENT_SECRET: 'not-the-secret' });
    const result = await job.runPass();
    expect(result.listed).toBe(false);
    expect(output.events('token_failure')).toEqual([
      expect.objectContaining({ event: 'token_failure', api: 'orders-api', status: 401, error: 'invalid_client', clientId: 'job-runner' }),
    ]);
    expect(output.text).not.toContain('not-the-secret');
  });

  it('prints a summary table counting failures by api, status and reason', async () => {
    const { runner: job, output } = runner({ CLIENT_ID: 'reporting', CLIENT_SECRET: 'dev-only-reporting-secret' });
    await placeOrder('8.00');
    await job.runPass();
    job.printSummary();
    expect(output.events('summary')).toEqual([
      expect.objectContaining({ passes: 1, failures: [expect.objectContaining({ api: 'payments-api', status: 403, count: 1 })] }),
    ]);
    expect(output.text).toMatch(/event\s+api\s+status\s+reason\s+count\nauth_failure\s+payments-api\s+403\s+insufficient_scope\s+1\n/);
  });

  it('counts the same failures for Prometheus when METRICS_PORT is set', async () => {
    const { runner: job } = runner({ CLIENT_ID: 'reporting', CLIENT_SECRET: 'dev-only-reporting-secret' });
    await placeOrder('9.00');
    await job.runPass();
    const server = await job.serveMetrics(0);
    try {
      const address = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${address.port}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(
        'job_runner_failures_total{event="auth_failure",api="payments-api",status="403",reason="insufficient_scope"} 1',
      );
    } finally {
      server.close();
    }
  });
});
