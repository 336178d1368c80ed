import { randomUUID } from 'node:crypto';
import { TestIssuer } from '@platform/auth/testing';
import { type RunningOrdersApi, startOrdersApi } from './support/start-orders-api';

// Bearer budgets are per caller: a machine token's client, or the user within its client.
describe('orders-api bearer rate limits', () => {
  const BUDGET = 3;
  let issuer: TestIssuer;
  let api: RunningOrdersApi;
  // Fresh names per run: with REDIS_URL set, counts live in a Redis other runs share.
  const spa = `spa-${randomUUID()}`;
  const service = `svc-${randomUUID()}`;

  const userToken = (sub: string, client = spa) => issuer.mint({ claims: { sub, client_id: client } });
  const machineToken = (client = service) => issuer.mint({ claims: { sub: client, client_id: client } });

  async function me(token: string): Promise<{ status: number; remaining: string | null }> {
    const response = await api.request('/me', { token });
    await response.arrayBuffer();
    return { status: response.status, remaining: response.headers.get('x-ratelimit-remaining') };
  }

  async function spend(token: () => Promise<string>, times: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < times; i += 1) statuses.push((await me(await token())).status);
    return statuses;
  }

  beforeAll(async () => {
    issuer = await TestIssuer.start({ audience: 'orders-api' });
    api = await startOrdersApi({ AUTH_ISSUER: issuer.url, AUTH_JWKS_URI: issuer.jwksUri, RATE_LIMIT_BEARER_PER_MINUTE: String(BUDGET) });
  });

  afterAll(async () => {
    await api?.close();
    await issuer?.stop();
  });

  it('gives two users of one browser app a budget each: one spending all of it leaves the other untouched', async () => {
    const alice = `alice-${randomUUID()}`;
    const bob = `bob-${randomUUID()}`;
    expect(await spend(() => userToken(alice), BUDGET + 1)).toEqual([200, 200, 200, 429]);
    expect(await spend(() => userToken(bob), BUDGET)).toEqual([200, 200, 200]);
  });

  it('counts every token of one user into that user budget, and none of another user', async () => {
    const carol = `carol-${randomUUID()}`;
    const dave = `dave-${randomUUID()}`;
    expect((await me(await userToken(carol))).remaining).toBe(String(BUDGET - 1));
    await spend(() => userToken(dave), BUDGET);
    // A new token for carol (a refresh, say) still spends carol's budget, which dave did not touch.
    expect((await me(await userToken(carol))).remaining).toBe(String(BUDGET - 2));
  });

  it('gives the same user name in two apps two budgets', async () => {
    const erin = `erin-${randomUUID()}`;
    expect(await spend(() => userToken(erin, spa), BUDGET + 1)).toEqual([200, 200, 200, 429]);
    expect((await me(await userToken(erin, `other-app-${randomUUID()}`))).status).toBe(200);
  });

  it('shares one budget between all the tokens of a machine client', async () => {
    expect(await spend(() => machineToken(), BUDGET + 1)).toEqual([200, 200, 200, 429]);
  });

  it("never lets a user whose sub is a client's name spend that client's budget", async () => {
    const client = `svc-${randomUUID()}`;
    // sub names the client, but the token was issued through another app: a user, not the machine.
    expect(await spend(() => userToken(client, spa), BUDGET + 1)).toEqual([200, 200, 200, 429]);
    expect(await spend(() => machineToken(client), BUDGET)).toEqual([200, 200, 200]);
  });
});
