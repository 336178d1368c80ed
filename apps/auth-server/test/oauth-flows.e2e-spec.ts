// A cross-app test: tokens from this server must work at a real orders-api (its test entry point).
import { startOrdersApi, type RunningOrdersApi } from '@platform/orders-api/testing';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { FormBrowser, readForms } from './support/form-browser';
import { startAuthServer, type RunningAuthServer } from './support/start-auth-server';

const SPA_REDIRECT = 'http://localhost:5173/callback';
const ALICE = { username: 'alice', password: 'alice-password' };
const JOB_RUNNER_SECRET = 'dev-only-job-runner-secret';

let server: RunningAuthServer;
let ordersApi: RunningOrdersApi;

const insecure = { execute: [oidc.allowInsecureRequests] };
const jobRunner = () => oidc.discovery(new URL(server.url), 'job-runner', undefined, oidc.ClientSecretBasic(JOB_RUNNER_SECRET), insecure);
const spa = () => oidc.discovery(new URL(server.url), 'orders-spa', undefined, oidc.None(), insecure);

async function oauthError(promise: Promise<unknown>): Promise<{ error: string; status: number }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof oidc.ResponseBodyError) return { error: error.error, status: error.status };
    // A 401 from the token endpoint comes with a WWW-Authenticate challenge (client authentication failed).
    if (error instanceof oidc.WWWAuthenticateChallengeError) {
      return { error: ((await error.response.json()) as { error: string }).error, status: error.status };
    }
    throw error;
  }
  throw new Error('expected an OAuth error response');
}

async function verifyAccessToken(token: string, audience: string) {
  const jwks = createRemoteJWKSet(new URL(`${server.url}/jwks`));
  return jwtVerify(token, jwks, { issuer: server.url, audience, typ: 'at+jwt', algorithms: ['RS256'] });
}

beforeAll(async () => {
  server = await startAuthServer();
  ordersApi = await startOrdersApi({ AUTH_ISSUER: server.url });
});

afterAll(async () => {
  await ordersApi?.close();
  await server?.close();
});

describe('discovery and keys', () => {
  it('advertises the grants, PKCE S256, introspection, revocation, device and logout endpoints', async () => {
    const metadata = (await jobRunner()).serverMetadata();
    expect(metadata.issuer).toBe(server.url);
    expect(metadata.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'client_credentials', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code']),
    );
    expect(metadata.grant_types_supported).not.toContain('implicit');
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.response_types_supported).toEqual(['code', 'none']);
    for (const endpoint of [
      'introspection_endpoint',
      'revocation_endpoint',
      'device_authorization_endpoint',
      'end_session_endpoint',
      'jwks_uri',
    ] as const) {
      expect(metadata[endpoint]).toMatch(new RegExp(`^${server.url}/`));
    }
  });

  it('publishes RSA keys of at least 2048 bits, each with a kid and no private part', async () => {
    const { keys } = (await (await fetch(`${server.url}/jwks`)).json()) as { keys: Record<string, string>[] };
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256', kid: expect.any(String) });
      expect(Buffer.from(key['n'] ?? '', 'base64url').length * 8).toBeGreaterThanOrEqual(2048);
      expect(key['d']).toBeUndefined();
    }
  });
});

describe('client credentials', () => {
  it.each([
    ['resource', { resource: 'urn:orders-api' }, 'orders-api', 'read:orders:any write:orders:status'],
    ['audience', { audience: 'orders-api' }, 'orders-api', 'read:orders:any write:orders:status'],
    ['resource', { resource: 'urn:payments-api' }, 'payments-api', 'process:payment'],
  ])(
    'issues an RFC 9068 JWT for the API named by %s, with every scope the client may have for it',
    async (_by, parameters, audience, scope) => {
      const config = await jobRunner();
      const tokens = await oidc.clientCredentialsGrant(config, parameters);
      expect(tokens.token_type.toLowerCase()).toBe('bearer');
      expect(tokens.scope).toBe(scope);
      const header = decodeProtectedHeader(tokens.access_token);
      expect(header).toMatchObject({ alg: 'RS256', typ: 'at+jwt', kid: expect.any(String) });
      const { payload } = await verifyAccessToken(tokens.access_token, audience);
      expect(payload).toMatchObject({ iss: server.url, aud: audience, sub: 'job-runner', client_id: 'job-runner', scope });
      expect(payload.jti).toEqual(expect.any(String));
      expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(600);
    },
  );

  it('narrows to the scopes asked for', async () => {
    const tokens = await oidc.clientCredentialsGrant(await jobRunner(), { resource: 'urn:orders-api', scope: 'read:orders:any' });
    expect(tokens.scope).toBe('read:orders:any');
  });

  it('refuses a wrong client secret with invalid_client', async () => {
    const config = await oidc.discovery(new URL(server.url), 'job-runner', undefined, oidc.ClientSecretBasic('wrong'), insecure);
    expect(await oauthError(oidc.clientCredentialsGrant(config, { resource: 'urn:orders-api' }))).toEqual({
      error: 'invalid_client',
      status: 401,
    });
  });

  it('refuses a scope the client may not have with invalid_scope, never dropping it silently', async () => {
    const refused = await oauthError(
      oidc.clientCredentialsGrant(await jobRunner(), { resource: 'urn:orders-api', scope: 'admin:api-keys' }),
    );
    expect(refused.error).toBe('invalid_scope');
  });

  it('refuses an API the client has no scope for with invalid_scope', async () => {
    const config = await oidc.discovery(
      new URL(server.url),
      'admin-cli',
      undefined,
      oidc.ClientSecretBasic('dev-only-admin-cli-secret'),
      insecure,
    );
    expect((await oauthError(oidc.clientCredentialsGrant(config, { audience: 'payments-api' }))).error).toBe('invalid_scope');
  });

  it.each([
    ['an unknown resource', { resource: 'urn:unknown-api' }],
    ['an unknown audience', { audience: 'unknown-api' }],
    ['resource and audience that disagree', { resource: 'urn:orders-api', audience: 'payments-api' }],
  ])('refuses %s with invalid_target', async (_case, parameters) => {
    expect((await oauthError(oidc.clientCredentialsGrant(await jobRunner(), parameters))).error).toBe('invalid_target');
  });

  it('issues an opaque token when no API is named, which introspection and revocation handle', async () => {
    const config = await jobRunner();
    const tokens = await oidc.clientCredentialsGrant(config, {});
    expect(tokens.access_token.split('.')).toHaveLength(1);
    expect(await oidc.tokenIntrospection(config, tokens.access_token)).toMatchObject({ active: true, client_id: 'job-runner' });

    // Another client can neither read nor end it: each client introspects and revokes its own tokens.
    const adminCli = await oidc.discovery(
      new URL(server.url),
      'admin-cli',
      undefined,
      oidc.ClientSecretBasic('dev-only-admin-cli-secret'),
      insecure,
    );
    expect(await oidc.tokenIntrospection(adminCli, tokens.access_token)).toEqual({ active: false });
    // RFC 7009 answers 200 either way, so the caller learns nothing; the token stays active.
    await oidc.tokenRevocation(adminCli, tokens.access_token);
    expect(await oidc.tokenIntrospection(config, tokens.access_token)).toMatchObject({ active: true });

    await oidc.tokenRevocation(config, tokens.access_token);
    expect(await oidc.tokenIntrospection(config, tokens.access_token)).toMatchObject({ active: false });
  });
});

describe('authorization code with PKCE, through the login and consent pages', () => {
  async function authorize(extra: Record<string, string> = {}) {
    const config = await spa();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: SPA_REDIRECT,
      scope: 'openid profile email offline_access read:orders write:orders',
      resource: 'urn:orders-api',
      prompt: 'consent',
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      ...extra,
    });
    return { config, verifier, state, url };
  }

  it('signs alice in, asks consent, and issues an orders-api token, an ID token and a rotating refresh token', async () => {
    const { config, verifier, state, url } = await authorize();
    const browser = new FormBrowser();
    const { url: callback } = await browser.completeFlow(url, ALICE, SPA_REDIRECT);
    expect(callback?.searchParams.get('code')).toEqual(expect.any(String));

    const tokens = await oidc.authorizationCodeGrant(config, callback as URL, { pkceCodeVerifier: verifier, expectedState: state });
    const { payload } = await verifyAccessToken(tokens.access_token, 'orders-api');
    expect(payload).toMatchObject({ sub: 'alice', client_id: 'orders-spa', scope: 'read:orders write:orders' });
    expect(tokens.claims()).toMatchObject({
      iss: server.url,
      sub: 'alice',
      aud: 'orders-spa',
      name: 'Alice Example',
      email: 'alice@example.com',
    });

    const me = await ordersApi.request('/me', { token: tokens.access_token });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ sub: 'alice', clientId: 'orders-spa', authMethod: 'bearer' });

    const firstRefresh = tokens.refresh_token as string;
    const refreshed = await oidc.refreshTokenGrant(config, firstRefresh, { resource: 'urn:orders-api' });
    expect(refreshed.refresh_token).toEqual(expect.any(String));
    expect(refreshed.refresh_token).not.toBe(firstRefresh);
    expect((await verifyAccessToken(refreshed.access_token, 'orders-api')).payload.sub).toBe('alice');

    // Refresh tokens are opaque: introspection describes them, revocation ends them.
    const spaIntrospection = await oidc.tokenIntrospection(config, refreshed.refresh_token as string);
    expect(spaIntrospection).toMatchObject({ active: true, client_id: 'orders-spa', sub: 'alice' });

    // Reusing a rotated refresh token is treated as theft: it fails, and so does the newer one.
    expect((await oauthError(oidc.refreshTokenGrant(config, firstRefresh))).error).toBe('invalid_grant');
    expect((await oauthError(oidc.refreshTokenGrant(config, refreshed.refresh_token as string))).error).toBe('invalid_grant');
  });

  it('revokes a refresh token (RFC 7009), after which it neither introspects as active nor refreshes', async () => {
    const { config, verifier, state, url } = await authorize();
    const { url: callback } = await new FormBrowser().completeFlow(url, ALICE, SPA_REDIRECT);
    const tokens = await oidc.authorizationCodeGrant(config, callback as URL, { pkceCodeVerifier: verifier, expectedState: state });
    const refreshToken = tokens.refresh_token as string;
    await oidc.tokenRevocation(config, refreshToken);
    expect(await oidc.tokenIntrospection(config, refreshToken)).toMatchObject({ active: false });
    expect((await oauthError(oidc.refreshTokenGrant(config, refreshToken))).error).toBe('invalid_grant');
  });

  it('grants a user only the scopes both the application and the user may have', async () => {
    const { config, verifier, state, url } = await authorize();
    const { url: callback } = await new FormBrowser().completeFlow(url, { username: 'bob', password: 'bob-password' }, SPA_REDIRECT);
    const tokens = await oidc.authorizationCodeGrant(config, callback as URL, { pkceCodeVerifier: verifier, expectedState: state });
    expect((await verifyAccessToken(tokens.access_token, 'orders-api')).payload['scope']).toBeUndefined();
  });

  it('shows the login page again, with an alert, after a wrong password', async () => {
    const { url } = await authorize();
    const browser = new FormBrowser();
    const login = await browser.get(new URL((await browser.get(url)).headers.get('location') ?? '', server.url));
    const [form] = readForms(await login.text());
    const retry = await browser.post(new URL(form?.action ?? '', server.url), { username: 'alice', password: 'wrong' });
    expect(retry.status).toBe(401);
    expect(retry.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await retry.text();
    expect(page).toContain('role="alert"');
    expect(page).not.toContain('wrong"');
  });

  it.each([
    ['without a code_challenge', { code_challenge: '', code_challenge_method: '' }],
    ['with code_challenge_method=plain', { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }],
  ])('refuses an authorization request %s', async (_case, extra) => {
    const { url } = await authorize();
    for (const [name, value] of Object.entries(extra)) {
      if (value === '') url.searchParams.delete(name);
      else url.searchParams.set(name, value);
    }
    const response = await fetch(url, { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? 'about:blank');
    expect(location.href.startsWith(SPA_REDIRECT)).toBe(true);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('ends the sign-in session on RP-initiated logout, after the user confirms, and returns to the registered address', async () => {
    const { config, verifier, state, url } = await authorize();
    const browser = new FormBrowser();
    const { url: callback } = await browser.completeFlow(url, ALICE, SPA_REDIRECT);
    const tokens = await oidc.authorizationCodeGrant(config, callback as URL, { pkceCodeVerifier: verifier, expectedState: state });

    const endSession = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token as string,
      post_logout_redirect_uri: 'http://localhost:5173/',
      state: 'signed-out',
    });
    const question = await browser.get(endSession);
    expect(question.status).toBe(200);
    expect(question.headers.get('content-security-policy')).toContain('form-action');
    const form = readForms(await question.text()).find((candidate) => candidate.id === 'op.logoutForm');
    expect(form).toBeDefined();
    const confirmed = await browser.post(new URL(form?.action ?? '', server.url), { ...form?.fields, logout: 'yes' });
    const back = new URL(confirmed.headers.get('location') ?? 'about:blank');
    expect(`${back.origin}${back.pathname}`).toBe('http://localhost:5173/');
    expect(back.searchParams.get('state')).toBe('signed-out');

    // The session is gone: a silent authorization now needs a login.
    const silent = await authorize({ prompt: 'none' });
    const answer = new URL((await browser.get(silent.url)).headers.get('location') ?? 'about:blank');
    expect(answer.href.startsWith(SPA_REDIRECT)).toBe(true);
    expect(answer.searchParams.get('error')).toBe('login_required');
  });

  it('refuses a post-logout address the client did not register', async () => {
    const response = await fetch(
      `${server.url}/session/end?client_id=orders-spa&post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('post_logout_redirect_uri');
  });
});

describe('device authorization grant', () => {
  it('issues tokens to the TV once the user entered its code on the device page and consented', async () => {
    const tv = await oidc.discovery(new URL(server.url), 'orders-tv', undefined, oidc.None(), insecure);
    const device = await oidc.initiateDeviceAuthorization(tv, { scope: 'openid offline_access read:orders', resource: 'urn:orders-api' });
    const browser = new FormBrowser();
    const inputPage = await browser.get(device.verification_uri);
    expect(inputPage.headers.get('content-security-policy')).toContain("form-action 'self'");
    const [form] = readForms(await inputPage.text());
    const submitted = await browser.post(new URL(form?.action ?? '', server.url), { ...form?.fields, user_code: device.user_code });
    const next = submitted.headers.get('location');
    const end = next
      ? await browser.completeFlow(new URL(next, server.url), ALICE, 'never')
      : await (async () => {
          const page = await submitted.text();
          const [confirm] = readForms(page);
          const confirmed = await browser.post(new URL(confirm?.action ?? '', server.url), confirm?.fields ?? {});
          return browser.completeFlow(new URL(confirmed.headers.get('location') ?? '', server.url), ALICE, 'never');
        })();
    expect(end.page).toContain('Device connected');

    const tokens = await oidc.pollDeviceAuthorizationGrant(tv, { ...device, interval: 1 });
    const { payload } = await verifyAccessToken(tokens.access_token, 'orders-api');
    expect(payload).toMatchObject({ sub: 'alice', client_id: 'orders-tv', scope: 'read:orders' });
    expect(tokens.refresh_token).toEqual(expect.any(String));
  });
});

describe('tokens at orders-api', () => {
  it('accepts an orders-api token from the auth-server and refuses a payments-api token as wrong_audience', async () => {
    const config = await jobRunner();
    const orders = await oidc.clientCredentialsGrant(config, { resource: 'urn:orders-api' });
    expect((await ordersApi.request('/orders', { token: orders.access_token })).status).toBe(200);

    const payments = await oidc.clientCredentialsGrant(config, { resource: 'urn:payments-api' });
    const refused = await ordersApi.request('/me', { token: payments.access_token });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await refused.json()).toMatchObject({ error: 'invalid_token', reason: 'wrong_audience' });
  });

  it('refuses an ID token as an access token (wrong_token_type)', async () => {
    const config = await spa();
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: SPA_REDIRECT,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const { url: callback } = await new FormBrowser().completeFlow(url, ALICE, SPA_REDIRECT);
    const tokens = await oidc.authorizationCodeGrant(config, callback as URL, { pkceCodeVerifier: verifier });
    const refused = await ordersApi.request('/me', { token: tokens.id_token as string });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ reason: 'wrong_token_type' });
  });
});

describe('failure metrics', () => {
  async function failures(reason: string): Promise<number> {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const match = new RegExp(`^auth_failures_total\\{reason="${reason}"\\} (\\d+)$`, 'm').exec(text);
    if (!match) throw new Error(`auth_failures_total{reason="${reason}"} is not exported`);
    return Number(match[1]);
  }

  it('counts refused token requests by OAuth error, and failed sign-ins', async () => {
    const [invalidClient, invalidTarget, invalidCredentials] = await Promise.all(
      ['invalid_client', 'invalid_target', 'invalid_credentials'].map(failures),
    );
    const wrongSecret = await oidc.discovery(new URL(server.url), 'job-runner', undefined, oidc.ClientSecretBasic('wrong'), insecure);
    await oauthError(oidc.clientCredentialsGrant(wrongSecret, { resource: 'urn:orders-api' }));
    await oauthError(oidc.clientCredentialsGrant(await jobRunner(), { resource: 'urn:unknown-api' }));
    const browser = new FormBrowser();
    const { url } = await browser
      .completeFlow(
        oidc.buildAuthorizationUrl(await spa(), {
          redirect_uri: SPA_REDIRECT,
          scope: 'openid',
          code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
          code_challenge_method: 'S256',
        }),
        { username: 'alice', password: 'not-her-password' },
        SPA_REDIRECT,
      )
      .catch(() => ({ url: undefined }));
    expect(url).toBeUndefined();

    expect(await failures('invalid_client')).toBe(invalidClient + 1);
    expect(await failures('invalid_target')).toBe(invalidTarget + 1);
    expect(await failures('invalid_credentials')).toBe(invalidCredentials + 1);
  });
});
