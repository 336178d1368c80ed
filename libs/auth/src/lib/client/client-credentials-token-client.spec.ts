import { AuthConfigError } from '../core/auth-config-error';
import { ClientCredentialsTokenClient, type ClientCredentialsTokenClientOptions } from './client-credentials-token-client';
import { TokenRequestError } from './token-request-error';
import { closedPortUrl, json, LoopbackTokenServer } from './test/loopback-servers';

const ORDERS = { resource: 'urn:orders-api' };
const PAYMENTS = { audience: 'payments-api' };
const START = Date.parse('2030-01-01T00:00:00Z');

let server: LoopbackTokenServer;
let nowMs: number;
const clock = { now: () => nowMs };

function client(options: Partial<ClientCredentialsTokenClientOptions> = {}): ClientCredentialsTokenClient {
  return new ClientCredentialsTokenClient({
    issuer: server.issuer,
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    clock,
    ...options,
  });
}

async function rejection(promise: Promise<unknown>): Promise<TokenRequestError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TokenRequestError)) {
    throw new Error(`expected a TokenRequestError, got ${String(error)}`);
  }
  return error;
}

beforeEach(async () => {
  server = await LoopbackTokenServer.start();
  nowMs = START;
});

afterEach(async () => {
  await server.stop();
});

describe('caching and single flight', () => {
  it('sends one token request for 20 concurrent callers, reuses the token until refreshSkewSeconds before expiry, then asks again', async () => {
    server.delayMs = 50;
    const tokens = client();

    const concurrent = await Promise.all(Array.from({ length: 20 }, () => tokens.getToken(ORDERS)));
    expect(new Set(concurrent.map((token) => token.accessToken)).size).toBe(1);
    expect(server.tokenRequests).toHaveLength(1);
    expect(server.discoveryRequests).toHaveLength(1);
    expect(concurrent[0].expiresAt).toBe(START / 1000 + 600);

    nowMs = START + (600 - 30 - 1) * 1000;
    await Promise.all([tokens.getToken(ORDERS), tokens.getToken(ORDERS)]);
    expect(server.tokenRequests).toHaveLength(1);

    nowMs = START + (600 - 30) * 1000;
    const renewed = await tokens.getToken(ORDERS);
    expect(server.tokenRequests).toHaveLength(2);
    expect(renewed.accessToken).not.toBe(concurrent[0].accessToken);
    expect(server.discoveryRequests).toHaveLength(1);
  });

  it('honours a custom refreshSkewSeconds', async () => {
    const tokens = client({ refreshSkewSeconds: 120 });
    await tokens.getToken(ORDERS);
    nowMs = START + 480 * 1000;
    await tokens.getToken(ORDERS);
    expect(server.tokenRequests).toHaveLength(2);
  });

  it('gets and caches a separate token for each API', async () => {
    const tokens = client();
    const [orders, payments, both] = await Promise.all([
      tokens.getToken(ORDERS),
      tokens.getToken(PAYMENTS),
      tokens.getToken({ resource: 'urn:payments-api', audience: 'payments-api' }),
    ]);
    await Promise.all([tokens.getToken(ORDERS), tokens.getToken(PAYMENTS)]);

    expect(server.tokenRequests).toHaveLength(3);
    expect(new Set([orders.accessToken, payments.accessToken, both.accessToken]).size).toBe(3);
    expect(server.tokenRequests.map((_, n) => server.tokenParams(n))).toEqual(
      expect.arrayContaining([
        { grant_type: 'client_credentials', resource: 'urn:orders-api' },
        { grant_type: 'client_credentials', audience: 'payments-api' },
        { grant_type: 'client_credentials', resource: 'urn:payments-api', audience: 'payments-api' },
      ]),
    );
  });

  it("falls back to the JWT's exp when the response has no expires_in", async () => {
    server.tokenFields = { expires_in: undefined };
    const tokens = client({ clock: Date });
    const token = await tokens.getToken(ORDERS);
    expect(token.expiresAt).toBeGreaterThan(Date.now() / 1000 + 590);
    await tokens.getToken(ORDERS);
    expect(server.tokenRequests).toHaveLength(1);
  });

  it('does not cache a token whose lifetime it cannot know (no expires_in, not a JWT)', async () => {
    server.tokenFields = { expires_in: undefined, access_token: 'opaque-token' };
    const tokens = client();
    const token = await tokens.getToken(ORDERS);
    expect(token).toEqual({ accessToken: 'opaque-token', scope: ['read:orders:any', 'write:orders:status'] });
    await tokens.getToken(ORDERS);
    expect(server.tokenRequests).toHaveLength(2);
  });

  it('returns the granted scopes as a list', async () => {
    await expect(client().getToken(ORDERS)).resolves.toMatchObject({ scope: ['read:orders:any', 'write:orders:status'] });
  });
});

describe('the token request', () => {
  it('authenticates with client_secret_basic, form-urlencoding id and secret before base64, and sends no scope', async () => {
    server.clientId = 'job runner:1';
    server.clientSecret = "s3cr:t%+ /é!'()~*";
    await client().getToken({ resource: 'urn:orders-api', audience: 'orders-api' });

    const [request] = server.tokenRequests;
    expect(request.method).toBe('POST');
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from('job+runner%3A1:s3cr%3At%25%2B+%2F%C3%A9%21%27%28%29%7E*').toString('base64')}`,
    );
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(server.tokenParams()).toEqual({ grant_type: 'client_credentials', resource: 'urn:orders-api', audience: 'orders-api' });
    expect(request.body).not.toContain('scope');
    expect(request.body).not.toContain('client_secret');
  });

  it('rejects a call that names no API before sending anything', async () => {
    await expect(client().getToken({} as never)).rejects.toThrow(TypeError);
    expect(server.tokenRequests).toHaveLength(0);
  });
});

describe('token endpoint failures', () => {
  it('reports a 401 invalid_client as code invalid_client, never naming the secret, and caches nothing', async () => {
    const tokens = client({ clientSecret: 'wrong-secret' });

    const error = await rejection(tokens.getToken(ORDERS));
    expect(error).toMatchObject({
      code: 'invalid_client',
      status: 401,
      oauthError: 'invalid_client',
      errorDescription: 'client authentication failed',
      api: ORDERS,
    });
    expect(error.message).toBe(
      'token request for resource urn:orders-api failed with invalid_client (HTTP 401): client authentication failed',
    );
    expect(error.message).not.toContain('wrong-secret');

    await expect(tokens.getToken(ORDERS)).rejects.toMatchObject({ code: 'invalid_client' });
    expect(server.tokenRequests).toHaveLength(2);
  });

  it('shares one failure among concurrent callers, and the next call tries again', async () => {
    let fail = true;
    server.delayMs = 20;
    server.tokenAnswer = () =>
      json(
        fail ? 503 : 200,
        fail ? { error: 'temporarily_unavailable' } : { access_token: 'opaque', token_type: 'Bearer', expires_in: 60 },
      );
    const tokens = client();

    const results = await Promise.allSettled(Array.from({ length: 5 }, () => tokens.getToken(ORDERS)));
    expect(results.map((result) => result.status)).toEqual(Array(5).fill('rejected'));
    expect(server.tokenRequests).toHaveLength(1);

    fail = false;
    await expect(tokens.getToken(ORDERS)).resolves.toMatchObject({ accessToken: 'opaque' });
    expect(server.tokenRequests).toHaveLength(2);
  });

  it.each([
    ['invalid_scope', 400, 'invalid_scope'],
    ['invalid_target', 400, 'invalid_target'],
    ['unauthorized_client', 400, 'unauthorized_client'],
    ['server_error', 500, 'server_error'],
    ['slow_down', 400, 'oauth_error'],
  ])('reports an OAuth error %s (HTTP %i) as code %s, keeping the error string', async (oauthError, status, code) => {
    server.tokenAnswer = () => json(status, { error: oauthError, error_description: 'refused' });
    await expect(client().getToken(ORDERS)).rejects.toMatchObject({ code, status, oauthError, errorDescription: 'refused' });
  });

  it('reports a refused connection as network_error', async () => {
    const error = await rejection(client({ tokenEndpoint: `${await closedPortUrl()}/token` }).getToken(ORDERS));
    expect(error.code).toBe('network_error');
    expect(error.status).toBeUndefined();
    expect(error.errorDescription).toContain('ECONNREFUSED');
  });

  it('reports no answer within requestTimeoutMs as network_error', async () => {
    server.delayMs = 500;
    const error = await rejection(client({ tokenEndpoint: server.tokenEndpoint, requestTimeoutMs: 50 }).getToken(ORDERS));
    expect(error).toMatchObject({ code: 'network_error', errorDescription: 'no answer within 50 ms' });
  });

  it('reports a 200 that is not JSON as invalid_response, and a 5xx page as server_error', async () => {
    server.tokenAnswer = () => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>login</html>' });
    await expect(client().getToken(ORDERS)).rejects.toMatchObject({ code: 'invalid_response', status: 200 });

    server.tokenAnswer = () => ({ status: 502, body: 'Bad Gateway' });
    await expect(client().getToken(ORDERS)).rejects.toMatchObject({ code: 'server_error', status: 502, oauthError: undefined });
  });

  it.each([
    ['no access_token', { access_token: undefined }],
    ['an access_token a header cannot carry', { access_token: 'two words' }],
    ['a DPoP-bound token', { token_type: 'DPoP' }],
  ])('reports a token response with %s as invalid_response', async (_, fields) => {
    server.tokenFields = fields;
    await expect(client().getToken(ORDERS)).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('does not follow a redirect with the credentials', async () => {
    server.tokenAnswer = () => ({ status: 307, headers: { location: 'http://127.0.0.1:9/steal' } });
    await expect(client().getToken(ORDERS)).rejects.toMatchObject({ code: 'invalid_response', status: 307 });
  });

  it('redacts the secret when the endpoint echoes it in error_description', async () => {
    server.tokenAnswer = () => json(401, { error: 'invalid_client', error_description: `secret ${server.clientSecret} is wrong` });
    const error = await rejection(client().getToken(ORDERS));
    expect(error.errorDescription).toBe('secret [redacted] is wrong');
    expect(error.message).not.toContain(server.clientSecret);
  });
});

describe('invalidate', () => {
  it('drops the cached token so the next call gets a new one', async () => {
    const tokens = client();
    const first = await tokens.getToken(ORDERS);
    tokens.invalidate(ORDERS, first.accessToken);
    const second = await tokens.getToken(ORDERS);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(server.tokenRequests).toHaveLength(2);
  });

  it('keeps a token fetched meanwhile: only the token named is dropped', async () => {
    const tokens = client();
    const stale = await tokens.getToken(ORDERS);
    tokens.invalidate(ORDERS, stale.accessToken);
    const fresh = await tokens.getToken(ORDERS);

    tokens.invalidate(ORDERS, stale.accessToken); // a late caller reporting the old token
    await expect(tokens.getToken(ORDERS)).resolves.toBe(fresh);
    expect(server.tokenRequests).toHaveLength(2);
  });

  it("leaves other APIs' tokens alone", async () => {
    const tokens = client();
    const orders = await tokens.getToken(ORDERS);
    await tokens.getToken(PAYMENTS);
    tokens.invalidate(PAYMENTS, orders.accessToken);
    await tokens.getToken(PAYMENTS);
    expect(server.tokenRequests).toHaveLength(2);
  });
});

describe('discovery', () => {
  it('reads the token endpoint from discovery once, for every API', async () => {
    const tokens = client();
    await Promise.all([tokens.getToken(ORDERS), tokens.getToken(PAYMENTS)]);
    expect(server.discoveryRequests).toHaveLength(1);
    expect(server.tokenRequests).toHaveLength(2);
  });

  it('refuses a discovery document that names another issuer, and sends no secret', async () => {
    server.discoveryIssuer = 'https://evil.example';
    const error = await rejection(client().getToken(ORDERS));
    expect(error).toMatchObject({ code: 'discovery_failed', api: undefined });
    expect(error.errorDescription).toContain('names issuer "https://evil.example"');
    expect(server.tokenRequests).toHaveLength(0);
  });

  it('tries discovery again after a failure', async () => {
    server.discoveryIssuer = `${server.issuer}/`;
    const tokens = client();
    await expect(tokens.getToken(ORDERS)).rejects.toMatchObject({ code: 'discovery_failed' });
    server.discoveryIssuer = undefined;
    await expect(tokens.getToken(ORDERS)).resolves.toBeDefined();
    expect(server.discoveryRequests).toHaveLength(2);
  });

  it('skips discovery when tokenEndpoint is configured', async () => {
    await client({ issuer: 'https://issuer.invalid', tokenEndpoint: server.tokenEndpoint }).getToken(ORDERS);
    expect(server.discoveryRequests).toHaveLength(0);
    expect(server.tokenRequests).toHaveLength(1);
  });
});

describe('configuration', () => {
  it('names each bad option, without echoing the secret', () => {
    let error: unknown;
    try {
      new ClientCredentialsTokenClient({
        issuer: 'auth.example',
        clientId: '',
        clientSecret: '',
        tokenEndpoint: '/token',
        refreshSkewSeconds: -1,
        requestTimeoutMs: 0,
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AuthConfigError);
    expect((error as AuthConfigError).problems).toEqual([
      'issuer must be an absolute URL, got "auth.example"',
      'tokenEndpoint must be an absolute URL, got "/token"',
      'clientId must not be empty',
      'clientSecret must not be empty',
      'refreshSkewSeconds must be a number >= 0, got -1',
      'requestTimeoutMs must be a number > 0, got 0',
    ]);
  });
});
