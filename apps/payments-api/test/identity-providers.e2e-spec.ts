import { randomUUID } from 'node:crypto';
import {
  type LoopbackIdentityProvider,
  type LoopbackIdentityProviders,
  startLoopbackIdentityProviders,
  type TokenRequest,
} from '@platform/auth/testing';
import { type RunningPaymentsApi, startPaymentsApi } from './support/start-payments-api';

// Entra ID v2 tokens carry the API's application (client) id in aud, and one AUTH_AUDIENCE serves
// every issuer: the other IdPs are set to issue this id too.
const PAYMENTS_API_APP_ID = '9d4e2b7a-6c1f-4a3e-b8d5-0f2a7c9e1b36';
const PROCESS_PAYMENT = ['process:payment'];

type IdpKey = 'keycloak' | 'auth0' | 'okta' | 'entra' | 'cognito';

interface IdpCase {
  key: IdpKey;
  name: string;
  /** A client-credentials token request that POST /payments accepts. */
  pays: TokenRequest;
}

const CASES: IdpCase[] = [
  // Keycloak: a service account (preferred_username service-account-<client>, client_id <client>).
  { key: 'keycloak', name: 'Keycloak', pays: { audience: PAYMENTS_API_APP_ID, scopes: PROCESS_PAYMENT } },
  // Auth0: sub <client>@clients.
  { key: 'auth0', name: 'Auth0', pays: { audience: PAYMENTS_API_APP_ID, scopes: PROCESS_PAYMENT } },
  // Okta: sub = cid.
  { key: 'okta', name: 'Okta', pays: { audience: PAYMENTS_API_APP_ID, scopes: PROCESS_PAYMENT } },
  // Entra ID: idtyp app; the application permission comes as an app role.
  { key: 'entra', name: 'Entra ID', pays: { audience: PAYMENTS_API_APP_ID, scopes: PROCESS_PAYMENT } },
  // Cognito: sub = client_id; only a pre token generation trigger can add an unprefixed process:payment.
  {
    key: 'cognito',
    name: 'Cognito',
    pays: { audience: 'payments-api', scopes: PROCESS_PAYMENT, claims: { scope: 'payments-api/process:payment process:payment' } },
  },
];

describe('payments-api trusting a Keycloak realm, an Auth0 tenant, Okta, Entra ID and Cognito at once', () => {
  let idps: LoopbackIdentityProviders;
  let api: RunningPaymentsApi;

  beforeAll(async () => {
    idps = await startLoopbackIdentityProviders();
    api = await startPaymentsApi(idps.resourceServerEnv(PAYMENTS_API_APP_ID));
  });

  afterAll(async () => {
    await api?.close();
    await idps?.stop();
  });

  function pay(token: string, orderId: string = randomUUID()): Promise<Response> {
    return api.request('/payments', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderId, amount: '12.50' }),
    });
  }

  async function expectNotClientCredentials(response: Response): Promise<void> {
    expect(response.status).toBe(403);
    // A bare challenge, no error code (its realm has a test of its own below).
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="[^"]+"$/);
    expect(await response.json()).toEqual({ error: 'forbidden', error_description: expect.any(String), reason: 'not_client_credentials' });
  }

  describe.each(CASES)('$name', ({ key, pays }) => {
    const idp = (): LoopbackIdentityProvider => idps[key];

    it('accepts its client-credentials token on POST /payments: 201, the payer is the machine client', async () => {
      const orderId = randomUUID();
      const response = await pay(await idp().machineAccessToken(pays), orderId);
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ orderId, amount: '12.50', clientId: idp().machineClientId });
    });

    it("refuses a user's token granted process:payment: 403 not_client_credentials", async () => {
      await expectNotClientCredentials(await pay(await idp().userAccessToken(pays)));
    });
  });

  it('names the app in the challenge\'s realm, not AUTH_AUDIENCE: Bearer realm="payments-api"', async () => {
    const response = await pay(await idps.okta.userAccessToken({ audience: PAYMENTS_API_APP_ID, scopes: PROCESS_PAYMENT }));
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="payments-api"');
  });

  describe('per-IdP machine rules', () => {
    it('accepts an Entra ID app-only token without the idtyp optional claim (oid = sub, no scp)', async () => {
      const token = await idps.entra.machineAccessToken({
        audience: PAYMENTS_API_APP_ID,
        scopes: PROCESS_PAYMENT,
        claims: { idtyp: undefined },
      });
      expect((await pay(token)).status).toBe(201);
    });

    it('refuses an Entra ID user holding the process:payment app role: roles count as scopes, but the token has scp', async () => {
      const token = await idps.entra.userAccessToken({ audience: PAYMENTS_API_APP_ID, scopes: [], claims: { roles: PROCESS_PAYMENT } });
      await expectNotClientCredentials(await pay(token));
    });

    it('refuses a Keycloak user named service-account-<client> signed in through that client (no client_id claim)', async () => {
      const client = idps.keycloak.userClientId;
      const token = await idps.keycloak.userAccessToken({
        audience: PAYMENTS_API_APP_ID,
        scopes: PROCESS_PAYMENT,
        claims: { preferred_username: `service-account-${client}` },
      });
      await expectNotClientCredentials(await pay(token));
    });

    it('refuses an Auth0 user token even with gty client-credentials: its sub is not <client>@clients', async () => {
      const token = await idps.auth0.userAccessToken({
        audience: PAYMENTS_API_APP_ID,
        scopes: PROCESS_PAYMENT,
        claims: { gty: 'client-credentials' },
      });
      await expectNotClientCredentials(await pay(token));
    });

    it('refuses a Cognito machine token whose scope is only payments-api/process:payment: 403 insufficient_scope', async () => {
      const response = await pay(await idps.cognito.machineAccessToken({ audience: 'payments-api', scopes: PROCESS_PAYMENT }));
      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
      expect(response.headers.get('www-authenticate')).toContain('scope="process:payment"');
      expect(await response.json()).toMatchObject({ reason: 'insufficient_scope' });
    });
  });
});
