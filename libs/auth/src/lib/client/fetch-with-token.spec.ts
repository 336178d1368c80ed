import { Readable } from 'node:stream';
import { ClientCredentialsTokenClient } from './client-credentials-token-client';
import { fetchWithToken } from './fetch-with-token';
import { json, LoopbackApiServer, LoopbackTokenServer } from './test/loopback-servers';

const ORDERS = { resource: 'urn:orders-api' };

const invalidToken = json(
  401,
  { error: 'invalid_token', reason: 'expired' },
  {
    'www-authenticate': 'Bearer realm="orders-api", error="invalid_token", error_description="the token expired"',
  },
);
const insufficientScope = json(
  403,
  { error: 'insufficient_scope' },
  {
    'www-authenticate': 'Bearer realm="orders-api", error="insufficient_scope", scope="write:orders:status"',
  },
);

let tokenServer: LoopbackTokenServer;
let api: LoopbackApiServer;
let tokens: ClientCredentialsTokenClient;

beforeEach(async () => {
  [tokenServer, api] = await Promise.all([LoopbackTokenServer.start(), LoopbackApiServer.start()]);
  tokens = new ClientCredentialsTokenClient({
    issuer: tokenServer.issuer,
    clientId: tokenServer.clientId,
    clientSecret: tokenServer.clientSecret,
  });
});

afterEach(async () => {
  await Promise.all([tokenServer.stop(), api.stop()]);
});

describe('fetchWithToken', () => {
  it("sends the API's token as a Bearer header, keeping the caller's method, headers and body", async () => {
    const { response, retried, challenge } = await fetchWithToken(tokens, ORDERS, `${api.baseUrl}/orders/1`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' },
      body: '{"status":"paid"}',
    });

    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ ok: true });
    expect(retried).toBe(false);
    expect(challenge).toBeUndefined();
    const { accessToken } = await tokens.getToken(ORDERS);
    expect(api.requests).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        path: '/orders/1',
        body: '{"status":"paid"}',
        headers: expect.objectContaining({ authorization: `Bearer ${accessToken}`, 'x-request-id': 'r-1' }),
      }),
    ]);
  });

  it('answers a 401 invalid_token by dropping the token and retrying once with a new one', async () => {
    api.answers = [invalidToken, json(201, { id: 'p-1' })];

    const { response, retried, challenge, retriedAfter } = await fetchWithToken(tokens, ORDERS, `${api.baseUrl}/payments`, {
      method: 'POST',
      body: '{"orderId":"1"}',
    });

    expect(response.status).toBe(201);
    expect(retried).toBe(true);
    expect(challenge).toBeUndefined();
    expect(retriedAfter?.challenge.params).toMatchObject({ realm: 'orders-api', error: 'invalid_token' });
    expect(tokenServer.tokenRequests).toHaveLength(2);
    expect(api.requests.map((request) => [request.method, request.body])).toEqual([
      ['POST', '{"orderId":"1"}'],
      ['POST', '{"orderId":"1"}'],
    ]);
    const [first, second] = api.bearerTokens;
    expect(second).not.toBe(first);
    expect(second).toBe((await tokens.getToken(ORDERS)).accessToken);
    expect(retriedAfter?.accessToken).toBe(first);
    expect(JSON.parse(retriedAfter?.body ?? '')).toEqual({ error: 'invalid_token', reason: 'expired' });
  });

  it('returns a second 401 as it is: exactly two API calls and two token requests, no loop', async () => {
    api.answers = [invalidToken];

    const { response, retried, challenge } = await fetchWithToken(tokens, ORDERS, `${api.baseUrl}/orders`);

    expect(response.status).toBe(401);
    expect(retried).toBe(true);
    expect(challenge?.params).toMatchObject({ error: 'invalid_token', error_description: 'the token expired' });
    await expect(response.json()).resolves.toMatchObject({ reason: 'expired' });
    expect(api.requests).toHaveLength(2);
    expect(tokenServer.tokenRequests).toHaveLength(2);
  });

  it('returns a 403 insufficient_scope without a retry or a new token', async () => {
    api.answers = [insufficientScope];

    const result = await fetchWithToken(tokens, ORDERS, `${api.baseUrl}/orders/1`);
    const { response, retried, challenge } = result;

    expect(response.status).toBe(403);
    expect(retried).toBe(false);
    expect(result).not.toHaveProperty('retriedAfter');
    expect(challenge).toEqual({
      scheme: 'Bearer',
      params: { realm: 'orders-api', error: 'insufficient_scope', scope: 'write:orders:status' },
    });
    expect(api.requests).toHaveLength(1);
    expect(tokenServer.tokenRequests).toHaveLength(1);
  });

  it('does not retry a 401 that is not invalid_token (a bare challenge)', async () => {
    api.answers = [{ status: 401, headers: { 'www-authenticate': 'Bearer realm="orders-api"' } }];
    const { response, retried } = await fetchWithToken(tokens, ORDERS, `${api.baseUrl}/orders`);
    expect([response.status, retried, api.requests.length]).toEqual([401, false, 1]);
  });

  it('does not retry when the body was a stream it cannot send again', async () => {
    api.answers = [invalidToken, json(200, {})];
    const body = Readable.toWeb(Readable.from(['{"a":1}'])) as ReadableStream;
    const { response, retried } = await fetchWithToken(tokens, ORDERS, `${api.baseUrl}/orders`, {
      method: 'POST',
      body,
      duplex: 'half',
    });
    expect([response.status, retried, api.requests.length]).toEqual([401, false, 1]);
  });

  it('throws the TokenRequestError and does not call the API when no token can be had', async () => {
    tokenServer.clientSecret = 'rotated';
    await expect(fetchWithToken(tokens, ORDERS, `${api.baseUrl}/orders`)).rejects.toMatchObject({
      name: 'TokenRequestError',
      code: 'invalid_client',
    });
    expect(api.requests).toHaveLength(0);
  });

  it('overrides an Authorization header the caller set', async () => {
    await fetchWithToken(tokens, ORDERS, `${api.baseUrl}/orders`, { headers: { authorization: 'Basic abc' } });
    expect(api.requests[0].headers.authorization).toMatch(/^Bearer /);
  });
});
