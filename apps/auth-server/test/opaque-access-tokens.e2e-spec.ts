import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { developmentClients } from '../src/clients/development-clients';
import { startAuthServer, type RunningAuthServer } from './support/start-auth-server';
import { introspectToken, ORDERS_API_RESOURCE_SERVER, revokeToken, signInUser, type TestClient } from './support/tokens';

const JOB_RUNNER: TestClient = { clientId: 'job-runner', clientSecret: 'dev-only-job-runner-secret' };
const REPORTING: TestClient = { clientId: 'reporting', clientSecret: 'dev-only-reporting-secret' };
const PAYMENTS_API_RESOURCE_SERVER: TestClient = { clientId: 'payments-api', clientSecret: 'dev-only-payments-api-secret' };

/** A token request at the token endpoint, answered as sent (status and JSON body). */
async function tokenRequest(server: RunningAuthServer, client: TestClient, form: Record<string, string>) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const body = new URLSearchParams(form);
  if (client.clientSecret === undefined) body.set('client_id', client.clientId);
  else headers['authorization'] = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
  const response = await fetch(`${server.url}/token`, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function clientCredentialsToken(server: RunningAuthServer, client: TestClient, resource?: string): Promise<string> {
  const { status, body } = await tokenRequest(server, client, { grant_type: 'client_credentials', ...(resource ? { resource } : {}) });
  expect(status).toBe(200);
  return body['access_token'] as string;
}

/** A compact JWS has three dot-separated segments; an opaque token is one base64url string. */
function expectOpaque(token: string): void {
  expect(token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
}

describe('OPAQUE_TOKEN_APIS=orders-api', () => {
  let server: RunningAuthServer;

  beforeAll(async () => {
    server = await startAuthServer({ OPAQUE_TOKEN_APIS: 'orders-api' });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('issues a user an opaque orders-api token that the orders-api resource server introspects with iss, aud, scope, client_id, sub and exp', async () => {
    const tokens = await signInUser(server);
    expectOpaque(tokens.accessToken);
    // The token response describes the access token: only the API's scopes.
    expect(tokens.scope).toBe('read:orders write:orders');

    const { status, body } = await introspectToken(server, tokens.accessToken, ORDERS_API_RESOURCE_SERVER);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      active: true,
      iss: server.url,
      aud: 'orders-api',
      token_type: 'Bearer',
      client_id: 'orders-spa',
      sub: 'alice',
      scope: 'read:orders write:orders',
    });
    expect((body['exp'] as number) - (body['iat'] as number)).toBe(600);
    expect(body['exp'] as number).toBeGreaterThan(Date.now() / 1000);
  });

  it('answers active:false to any other client introspecting the user token', async () => {
    const tokens = await signInUser(server);
    expect(await introspectToken(server, tokens.accessToken, REPORTING)).toEqual({ status: 200, body: { active: false } });
    expect(await introspectToken(server, tokens.accessToken, JOB_RUNNER)).toEqual({ status: 200, body: { active: false } });
  });

  it('answers active:false to the resource server for a refresh token, which is for the app alone', async () => {
    const tokens = await signInUser(server);
    const refreshToken = tokens.refreshToken as string;
    expect(await introspectToken(server, refreshToken, ORDERS_API_RESOURCE_SERVER)).toEqual({ status: 200, body: { active: false } });
    // The token is live: its own client still sees it.
    expect((await introspectToken(server, refreshToken, { clientId: 'orders-spa' })).body).toMatchObject({ active: true });
  });

  it('answers active:false to the resource server for an opaque token that names no API', async () => {
    const token = await clientCredentialsToken(server, JOB_RUNNER);
    expectOpaque(token);
    expect(await introspectToken(server, token, ORDERS_API_RESOURCE_SERVER)).toEqual({ status: 200, body: { active: false } });
    expect((await introspectToken(server, token, JOB_RUNNER)).body).toMatchObject({ active: true });
  });

  it('never introspects a JWT (a payments-api token, an ID token): unsupported_token_type', async () => {
    const payments = await clientCredentialsToken(server, JOB_RUNNER, 'urn:payments-api');
    expect(decodeProtectedHeader(payments)).toMatchObject({ typ: 'at+jwt' });
    const { idToken } = await signInUser(server);
    for (const jwt of [payments, idToken as string]) {
      const { status, body } = await introspectToken(server, jwt, ORDERS_API_RESOURCE_SERVER);
      expect(status).toBe(400);
      expect(body).toMatchObject({ error: 'unsupported_token_type' });
      expect(body['active']).toBeUndefined();
    }
  });

  it("ends the token when the user's app revokes it (RFC 7009), and with it the grant's refresh token", async () => {
    const tokens = await signInUser(server);
    expect((await introspectToken(server, tokens.accessToken)).body).toMatchObject({ active: true });

    // Only the client a token was issued to may end it; RFC 7009 answers 200 either way.
    expect((await revokeToken(server, tokens.accessToken, ORDERS_API_RESOURCE_SERVER)).status).toBe(200);
    expect((await introspectToken(server, tokens.accessToken)).body).toMatchObject({ active: true });

    const revoked = await revokeToken(server, tokens.accessToken, { clientId: 'orders-spa' });
    expect(revoked.status).toBe(200);
    expect(await introspectToken(server, tokens.accessToken)).toEqual({ status: 200, body: { active: false } });
    const refresh = await tokenRequest(
      server,
      { clientId: 'orders-spa' },
      { grant_type: 'refresh_token', refresh_token: tokens.refreshToken as string },
    );
    expect(refresh).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('renews an opaque orders-api token with the refresh token', async () => {
    const tokens = await signInUser(server);
    const renewed = await tokenRequest(
      server,
      { clientId: 'orders-spa' },
      { grant_type: 'refresh_token', refresh_token: tokens.refreshToken as string },
    );
    expect(renewed.status).toBe(200);
    const accessToken = renewed.body['access_token'] as string;
    expectOpaque(accessToken);
    expect((await introspectToken(server, accessToken)).body).toMatchObject({ active: true, aud: 'orders-api', sub: 'alice' });
  });

  it('issues job-runner an opaque client-credentials token for urn:orders-api, active for orders-api with sub = client_id', async () => {
    const token = await clientCredentialsToken(server, JOB_RUNNER, 'urn:orders-api');
    expectOpaque(token);
    const { status, body } = await introspectToken(server, token, ORDERS_API_RESOURCE_SERVER);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      active: true,
      iss: server.url,
      aud: 'orders-api',
      token_type: 'Bearer',
      client_id: 'job-runner',
      sub: 'job-runner',
      scope: 'read:orders:any write:orders:status',
      exp: expect.any(Number),
    });
    expect(await introspectToken(server, token, REPORTING)).toEqual({ status: 200, body: { active: false } });
  });

  it('gives the orders-api client no token of its own: it has no grant', async () => {
    // oidc-provider answers a grant type the client does not have with invalid_request.
    const refused = {
      status: 400,
      body: { error: 'invalid_request', error_description: 'requested grant type is not allowed for this client' },
    };
    expect(
      await tokenRequest(server, ORDERS_API_RESOURCE_SERVER, { grant_type: 'client_credentials', resource: 'urn:orders-api' }),
    ).toEqual(refused);
    expect(await tokenRequest(server, ORDERS_API_RESOURCE_SERVER, { grant_type: 'client_credentials' })).toEqual(refused);
    const authorize = await fetch(
      `${server.url}/auth?client_id=orders-api&response_type=code&scope=openid&redirect_uri=http://localhost:3001/`,
      {
        redirect: 'manual',
      },
    );
    expect(authorize.status).toBe(400);
    expect(authorize.headers.get('location')).toBeNull();
    const wrongSecret = await introspectToken(server, 'any', { clientId: 'orders-api', clientSecret: 'wrong' });
    expect(wrongSecret).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('still advertises the introspection and revocation endpoints in discovery', async () => {
    const metadata = (await (await fetch(`${server.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      introspection_endpoint: server.introspectionUrl,
      revocation_endpoint: `${server.url}/token/revocation`,
    });
  });
});

describe('OPAQUE_TOKEN_APIS=payments-api, with its resource server in CLIENTS_FILE', () => {
  let server: RunningAuthServer;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'auth-server-clients-'));
    const clientsFile = join(dir, 'clients.json');
    const paymentsApi = {
      client_id: PAYMENTS_API_RESOURCE_SERVER.clientId,
      client_secret: PAYMENTS_API_RESOURCE_SERVER.clientSecret,
      grant_types: [],
      response_types: [],
      redirect_uris: [],
    };
    await writeFile(clientsFile, JSON.stringify([...developmentClients(['http://localhost:5173']), paymentsApi]));
    server = await startAuthServer({ OPAQUE_TOKEN_APIS: 'payments-api', CLIENTS_FILE: clientsFile });
  });

  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("answers active:false to orders-api for a payments-api opaque token, which payments-api's resource server reads", async () => {
    const token = await clientCredentialsToken(server, JOB_RUNNER, 'urn:payments-api');
    expectOpaque(token);
    expect(await introspectToken(server, token, ORDERS_API_RESOURCE_SERVER)).toEqual({ status: 200, body: { active: false } });
    expect((await introspectToken(server, token, PAYMENTS_API_RESOURCE_SERVER)).body).toMatchObject({
      active: true,
      aud: 'payments-api',
      client_id: 'job-runner',
      scope: 'process:payment',
    });
  });

  it('keeps issuing JWTs for orders-api, which it does not list', async () => {
    expect(decodeProtectedHeader(await clientCredentialsToken(server, JOB_RUNNER, 'urn:orders-api'))).toMatchObject({ typ: 'at+jwt' });
  });
});

describe('OPAQUE_TOKEN_APIS unset', () => {
  let server: RunningAuthServer;

  beforeAll(async () => {
    server = await startAuthServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('issues orders-api tokens as RFC 9068 JWTs, to users and to clients', async () => {
    const { accessToken } = await signInUser(server);
    expect(accessToken.split('.')).toHaveLength(3);
    expect(decodeProtectedHeader(accessToken)).toMatchObject({ typ: 'at+jwt', alg: 'RS256' });
    expect(decodeProtectedHeader(await clientCredentialsToken(server, JOB_RUNNER, 'urn:orders-api'))).toMatchObject({ typ: 'at+jwt' });
  });
});
