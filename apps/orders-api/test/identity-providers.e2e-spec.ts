import {
  type LoopbackIdentityProvider,
  type LoopbackIdentityProviders,
  startLoopbackIdentityProviders,
  TestIssuer,
  type TokenRequest,
} from '@platform/auth/testing';
import { type RunningOrdersApi, startOrdersApi } from './support/start-orders-api';

// One AUTH_AUDIENCE serves every issuer, and Entra ID v2 tokens always carry the API's application
// (client) id in aud; so orders-api's audience is that id, and the other IdPs are set to issue it
// (Keycloak custom audience, Auth0 API identifier, Okta audience).
const ORDERS_API_APP_ID = '5c0a9e1f-3b7d-4f2a-8e6c-1d9b3a7f5e20';
const READ_ORDERS = ['read:orders'];

type IdpKey = 'keycloak' | 'auth0' | 'okta' | 'entra' | 'cognito';

interface IdpCase {
  key: IdpKey;
  name: string;
  /** GET /me for a user token granted read:orders. */
  me: { clientId: (idp: LoopbackIdentityProvider) => string; scopes: string[] };
  /** A token request with which GET /orders is allowed. */
  readsOrders: TokenRequest;
  /** How this IdP issues a token for another API. */
  otherAudience: (idp: LoopbackIdentityProvider) => TokenRequest;
}

const user = (idp: LoopbackIdentityProvider): string => idp.userClientId;

const CASES: IdpCase[] = [
  {
    key: 'keycloak',
    name: 'Keycloak',
    me: { clientId: user, scopes: ['openid', 'profile', 'email', 'read:orders'] },
    readsOrders: { audience: ORDERS_API_APP_ID, scopes: READ_ORDERS },
    // The usual mistake: no audience mapper, so aud is only Keycloak's own "account".
    otherAudience: () => ({ audience: ORDERS_API_APP_ID, scopes: READ_ORDERS, claims: { aud: 'account' } }),
  },
  {
    key: 'auth0',
    name: 'Auth0',
    // RBAC: the API's permissions come in permissions, the OIDC scopes in scope.
    me: { clientId: user, scopes: ['openid', 'profile', 'email', 'read:orders'] },
    readsOrders: { audience: ORDERS_API_APP_ID, scopes: READ_ORDERS },
    otherAudience: () => ({ audience: 'https://billing.example.com', scopes: READ_ORDERS }),
  },
  {
    key: 'okta',
    name: 'Okta',
    me: { clientId: user, scopes: ['openid', 'profile', 'read:orders'] },
    readsOrders: { audience: ORDERS_API_APP_ID, scopes: READ_ORDERS },
    // The default authorization server's audience, left as it came.
    otherAudience: () => ({ audience: 'api://default', scopes: READ_ORDERS }),
  },
  {
    key: 'entra',
    name: 'Entra ID',
    me: { clientId: user, scopes: ['read:orders'] },
    readsOrders: { audience: ORDERS_API_APP_ID, scopes: READ_ORDERS },
    // A Microsoft Graph token sent to the wrong API.
    otherAudience: () => ({ audience: '00000003-0000-0000-c000-000000000000', scopes: READ_ORDERS }),
  },
  {
    key: 'cognito',
    name: 'Cognito',
    // Cognito prefixes custom scopes with the resource server: orders-api/read:orders is not read:orders.
    me: { clientId: user, scopes: ['openid', 'email', 'orders-api/read:orders'] },
    // Only a pre token generation trigger (scopesToAdd) can put a bare read:orders in the token.
    readsOrders: {
      audience: 'orders-api',
      scopes: READ_ORDERS,
      claims: { scope: 'openid email orders-api/read:orders read:orders' },
    },
    // No aud at all, from an app client that AUTH_AUDIENCE_CLIENT_IDS does not list.
    otherAudience: () => ({ audience: 'orders-api', scopes: READ_ORDERS, client: '7h9j2k4l6m8n0p1q3r5s7t9u1v' }),
  },
];

async function expectRefused(response: Response, status: 401 | 403, reason: string): Promise<void> {
  expect({ status: response.status, reason: ((await response.json()) as { reason?: string }).reason }).toEqual({ status, reason });
  expect(response.headers.get('www-authenticate')).toContain(status === 401 ? 'error="invalid_token"' : 'error="insufficient_scope"');
}

/** `auth_failures_total` for one reason and issuer, read from the Prometheus text. */
async function failuresCounted(api: RunningOrdersApi, reason: string, issuer: string): Promise<number> {
  const text = await (await api.request('/metrics')).text();
  for (const line of text.split('\n')) {
    const match = /^auth_failures_total\{(.*)\} (\d+)$/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...(match[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (labels['reason'] === reason && labels['issuer'] === issuer) return Number(match[2]);
  }
  return Number.NaN;
}

describe('orders-api trusting a Keycloak realm, an Auth0 tenant, Okta, Entra ID and Cognito at once', () => {
  let idps: LoopbackIdentityProviders;
  let api: RunningOrdersApi;

  beforeAll(async () => {
    idps = await startLoopbackIdentityProviders();
    api = await startOrdersApi(idps.resourceServerEnv(ORDERS_API_APP_ID));
  });

  afterAll(async () => {
    await api?.close();
    await idps?.stop();
  });

  describe.each(CASES)('$name', ({ key, me, readsOrders, otherAudience }) => {
    const idp = (): LoopbackIdentityProvider => idps[key];

    it("accepts a user's access token on GET /me, with the client and scopes as the IdP wrote them", async () => {
      const response = await api.request('/me', {
        token: await idp().userAccessToken({ audience: readsOrders.audience, scopes: READ_ORDERS }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        sub: expect.any(String),
        clientId: me.clientId(idp()),
        scopes: me.scopes,
        authMethod: 'bearer',
      });
    });

    it('names the machine client on GET /me for a client-credentials token', async () => {
      const response = await api.request('/me', {
        token: await idp().machineAccessToken({ audience: readsOrders.audience, scopes: READ_ORDERS }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ clientId: idp().machineClientId, authMethod: 'bearer' });
    });

    it('lets a user token with read:orders list orders', async () => {
      const response = await api.request('/orders', { token: await idp().userAccessToken(readsOrders) });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ orders: expect.any(Array) });
    });

    it('refuses GET /orders to a user token without a read:orders scope: 403 insufficient_scope', async () => {
      const response = await api.request('/orders', { token: await idp().userAccessToken({ audience: readsOrders.audience, scopes: [] }) });
      await expectRefused(response, 403, 'insufficient_scope');
      expect(response.headers.get('www-authenticate')).toContain('scope="read:orders');
    });

    it('refuses its ID token: 401 wrong_token_type', async () => {
      await expectRefused(await api.request('/me', { token: await idp().idToken() }), 401, 'wrong_token_type');
    });

    it('refuses its ID token even when its aud is this API', async () => {
      const token = await idp().idToken({ aud: ORDERS_API_APP_ID });
      await expectRefused(await api.request('/me', { token }), 401, 'wrong_token_type');
    });

    it('refuses an access token for another API: 401 wrong_audience', async () => {
      const response = await api.request('/me', { token: await idp().userAccessToken(otherAudience(idp())) });
      await expectRefused(response, 401, 'wrong_audience');
    });
  });

  it("fetches each issuer's keys only from its own discovery document and that document's jwks_uri", async () => {
    for (const idp of idps.all) {
      const token = await idp.userAccessToken({ audience: idp === idps.cognito ? 'orders-api' : ORDERS_API_APP_ID, scopes: READ_ORDERS });
      expect((await api.request('/me', { token })).status).toBe(200);
    }
    for (const { issuer } of idps.all) {
      const expected = [new URL(issuer.discoveryUri).pathname, new URL(issuer.jwksUri).pathname];
      expect({ issuer: issuer.url, paths: [...new Set(issuer.requests)].sort() }).toEqual({ issuer: issuer.url, paths: expected.sort() });
    }
  });

  it('names the app in the challenge\'s realm, not AUTH_AUDIENCE: Bearer realm="orders-api"', async () => {
    const response = await api.request('/me', { token: await idps.okta.idToken() });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="orders-api", error="invalid_token"/);
  });

  describe('Keycloak specifics', () => {
    it("refuses a refresh token signed with the realm's HMAC key (HS256, HS512): 401 alg_not_allowed", async () => {
      for (const alg of ['HS256', 'HS512'] as const) {
        await expectRefused(await api.request('/me', { token: await idps.keycloak.refreshToken(alg) }), 401, 'alg_not_allowed');
      }
    });

    it('refuses a refresh token signed with the realm key (payload typ Refresh): 401 wrong_token_type', async () => {
      await expectRefused(await api.request('/me', { token: await idps.keycloak.refreshToken('RS256') }), 401, 'wrong_token_type');
    });

    it.each(['JWT', 'logout+jwt'] as const)('refuses a back-channel logout token with header typ %s: 401 wrong_token_type', async (typ) => {
      await expectRefused(await api.request('/me', { token: await idps.keycloak.logoutToken(typ) }), 401, 'wrong_token_type');
    });

    it('accepts an access token with nonce and typ Bearer (the "nonce backwards compatible" mapper)', async () => {
      const token = await idps.keycloak.userAccessToken({ audience: ORDERS_API_APP_ID, claims: { nonce: 'n-0S6_WzA2Mj' } });
      expect((await api.request('/me', { token })).status).toBe(200);
    });

    it('ignores the RSA-OAEP key the realm publishes for encryption: a token signed with it is 401 unknown_kid', async () => {
      const token = await idps.keycloak.issuer.mint({
        withDefaults: false,
        kid: idps.keycloak.encryptionKid,
        header: { typ: 'JWT' },
        claims: { ...decodedClaims(await idps.keycloak.userAccessToken({ audience: ORDERS_API_APP_ID, scopes: READ_ORDERS })) },
      });
      await expectRefused(await api.request('/me', { token }), 401, 'unknown_kid');
    });
  });

  describe('issuer identifiers', () => {
    it('accepts an Auth0 access token of the RFC 9068 profile (typ at+jwt, client_id)', async () => {
      const token = await idps.auth0.rfc9068UserAccessToken({ audience: ORDERS_API_APP_ID, scopes: READ_ORDERS });
      const response = await api.request('/me', { token });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        clientId: idps.auth0.userClientId,
        scopes: ['openid', 'profile', 'email', 'read:orders'],
      });
    });

    it("refuses an Auth0 token whose iss lacks the tenant's trailing slash: 401 wrong_issuer", async () => {
      const token = await idps.auth0.userAccessToken({
        audience: ORDERS_API_APP_ID,
        scopes: READ_ORDERS,
        claims: { iss: idps.auth0.issuer.url.slice(0, -1) },
      });
      await expectRefused(await api.request('/me', { token }), 401, 'wrong_issuer');
    });

    it('refuses an Entra ID v1.0 token (sts.windows.net issuer, ver 1.0): 401 wrong_issuer', async () => {
      const tenant = idps.entra.issuer.url.split('/')[3];
      const token = await idps.entra.userAccessToken({
        audience: ORDERS_API_APP_ID,
        scopes: READ_ORDERS,
        claims: { iss: `https://sts.windows.net/${tenant}/`, ver: '1.0', appid: idps.entra.userClientId, azp: undefined },
      });
      await expectRefused(await api.request('/me', { token }), 401, 'wrong_issuer');
    });
  });

  describe("each issuer's own keys only", () => {
    it("refuses an Okta token signed with Keycloak's key under Keycloak's kid: 401 unknown_kid", async () => {
      const claims = decodedClaims(await idps.okta.userAccessToken({ audience: ORDERS_API_APP_ID, scopes: READ_ORDERS }));
      const token = await idps.keycloak.issuer.mint({ withDefaults: false, claims });
      await expectRefused(await api.request('/me', { token }), 401, 'unknown_kid');
    });

    it("refuses an Okta token signed with Keycloak's key under Okta's kid: 401 bad_signature", async () => {
      const claims = decodedClaims(await idps.okta.userAccessToken({ audience: ORDERS_API_APP_ID, scopes: READ_ORDERS }));
      const token = await idps.keycloak.issuer.mint({ withDefaults: false, header: { kid: idps.okta.issuer.kids[0] }, claims });
      await expectRefused(await api.request('/me', { token }), 401, 'bad_signature');
    });
  });

  describe('an issuer that is not listed', () => {
    let unlisted: TestIssuer;

    beforeAll(async () => {
      unlisted = await TestIssuer.start({ path: '/realms/acme', jwksPath: '/realms/acme/protocol/openid-connect/certs' });
    });

    afterAll(async () => {
      await unlisted?.stop();
    });

    it('refuses its token with 401 wrong_issuer, requesting no URL of it or of any listed issuer', async () => {
      const before = idps.all.map((idp) => idp.issuer.requests.length);
      const token = await unlisted.mint({
        withDefaults: false,
        header: { typ: 'JWT' },
        claims: {
          ...decodedClaims(await idps.keycloak.userAccessToken({ audience: ORDERS_API_APP_ID, scopes: READ_ORDERS })),
          iss: unlisted.url,
        },
      });
      await expectRefused(await api.request('/me', { token }), 401, 'wrong_issuer');
      expect(unlisted.requests).toEqual([]);
      expect(idps.all.map((idp) => idp.issuer.requests.length)).toEqual(before);
    });

    it("refuses another realm of the listed Keycloak signed with the listed realm's key: 401 wrong_issuer, no request", async () => {
      const before = idps.keycloak.issuer.requests.length;
      const token = await idps.keycloak.userAccessToken({
        audience: ORDERS_API_APP_ID,
        scopes: READ_ORDERS,
        claims: { iss: `${idps.keycloak.issuer.origin}/realms/master` },
      });
      await expectRefused(await api.request('/me', { token }), 401, 'wrong_issuer');
      expect(idps.keycloak.issuer.requests.length).toBe(before);
    });
  });

  describe('auth_failures_total{reason, issuer}', () => {
    it('counts a refusal under the listed issuer of the token', async () => {
      const before = await failuresCounted(api, 'wrong_audience', idps.okta.issuer.url);
      const token = await idps.okta.userAccessToken({ audience: 'api://default', scopes: READ_ORDERS });
      expect((await api.request('/me', { token })).status).toBe(401);
      expect(await failuresCounted(api, 'wrong_audience', idps.okta.issuer.url)).toBe(before + 1);
    });

    it('counts an unlisted iss under issuer="unlisted"', async () => {
      const before = await failuresCounted(api, 'wrong_issuer', 'unlisted');
      const token = await idps.okta.userAccessToken({
        audience: ORDERS_API_APP_ID,
        claims: { iss: 'https://acme.okta.com/oauth2/default' },
      });
      expect((await api.request('/me', { token })).status).toBe(401);
      expect(await failuresCounted(api, 'wrong_issuer', 'unlisted')).toBe(before + 1);
    });
  });
});

describe('orders-api with only AUTH_ISSUER set (the defaults: typ at+jwt, scope and scp, aud orders-api)', () => {
  let idps: LoopbackIdentityProviders;
  let api: RunningOrdersApi;

  beforeAll(async () => {
    idps = await startLoopbackIdentityProviders();
    api = await startOrdersApi({ AUTH_ISSUER: idps.all.map((idp) => idp.issuer.url).join(',') });
  });

  afterAll(async () => {
    await api?.close();
    await idps?.stop();
  });

  it.each([
    ['Keycloak', 'keycloak'],
    ['Auth0', 'auth0'],
    ['Entra ID', 'entra'],
  ] as const)('refuses an access token of %s with typ JWT: 401 wrong_token_type', async (_name, key) => {
    const token = await idps[key].userAccessToken({ audience: 'orders-api', scopes: READ_ORDERS });
    await expectRefused(await api.request('/me', { token }), 401, 'wrong_token_type');
  });

  it.each([
    ['Okta', 'okta'],
    ['Cognito', 'cognito'],
  ] as const)('refuses an access token of %s without typ: 401 wrong_token_type', async (_name, key) => {
    const token = await idps[key].userAccessToken({ audience: 'orders-api', scopes: READ_ORDERS });
    await expectRefused(await api.request('/me', { token }), 401, 'wrong_token_type');
  });

  it('accepts an Auth0 RFC 9068 profile token, reading scope but not permissions', async () => {
    const token = await idps.auth0.rfc9068UserAccessToken({ audience: 'orders-api', scopes: READ_ORDERS });
    const response = await api.request('/me', { token });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ clientId: idps.auth0.userClientId, scopes: ['openid', 'profile', 'email'] });
  });
});

/** The payload of a compact JWS, to re-sign the same claims another way. */
function decodedClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
