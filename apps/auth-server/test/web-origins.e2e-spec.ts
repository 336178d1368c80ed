import * as oidc from 'openid-client';
import { FormBrowser, readForms } from './support/form-browser';
import { startAuthServer, type RunningAuthServer } from './support/start-auth-server';

// The web app's origins come from WEB_ORIGINS: the default one and a second, deployed one.
const LOCAL_APP = 'http://localhost:5173';
const DEPLOYED_APP = 'https://orders.example.test';
const OTHER_SITE = 'https://evil.example';
const ALICE = { username: 'alice', password: 'alice-password' };

let server: RunningAuthServer;

beforeAll(async () => {
  server = await startAuthServer({ WEB_ORIGINS: `${LOCAL_APP},${DEPLOYED_APP}` });
});

afterAll(async () => {
  await server?.close();
});

/** Signs alice in as orders-spa with `<origin>/callback`; the code is exchanged as the browser app at `origin` would. */
async function signInFrom(origin: string) {
  const redirectUri = `${origin}/callback`;
  const config = await oidc.discovery(new URL(server.url), 'orders-spa', undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid offline_access read:orders',
    resource: 'urn:orders-api',
    prompt: 'consent',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const browser = new FormBrowser();
  const { url: callback } = await browser.completeFlow(url, ALICE, redirectUri);
  const code = callback?.searchParams.get('code');
  if (!code) throw new Error(`no code came back to ${redirectUri}`);
  const response = await fetch(`${server.url}/token`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: 'orders-spa',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  });
  return { browser, response, tokens: (await response.json()) as { access_token: string; id_token: string; refresh_token: string } };
}

function preflight(path: string, origin: string): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
}

describe('the web app signs in from each of WEB_ORIGINS', () => {
  it.each([LOCAL_APP, DEPLOYED_APP])('sends the code to %s/callback and answers its token request with CORS for it', async (origin) => {
    const { response, tokens } = await signInFrom(origin);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(tokens.access_token).toEqual(expect.any(String));
  });

  it('refuses a redirect to an origin that is not in WEB_ORIGINS', async () => {
    const url = new URL(`${server.url}/auth`);
    url.search = new URLSearchParams({
      client_id: 'orders-spa',
      response_type: 'code',
      redirect_uri: `${OTHER_SITE}/callback`,
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('redirect_uri');
  });

  it.each(['/token', '/token/revocation', '/me'])('answers the preflight of %s from a web origin', async (path) => {
    const response = await preflight(path, DEPLOYED_APP);
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBe(DEPLOYED_APP);
  });

  it('refuses a token request from another site, with no CORS header for its page to read', async () => {
    const response = await fetch(`${server.url}/token`, {
      method: 'POST',
      headers: {
        origin: OTHER_SITE,
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('job-runner:dev-only-job-runner-secret').toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource: 'urn:orders-api' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error_description: string }).error_description).toBe(
      `origin ${OTHER_SITE} not allowed for client: job-runner`,
    );
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves userinfo and revocation to the web origin the tokens were issued to', async () => {
    const { tokens } = await signInFrom(DEPLOYED_APP);
    const userinfo = await fetch(`${server.url}/me`, { headers: { origin: DEPLOYED_APP, authorization: `Bearer ${tokens.access_token}` } });
    // The access token is for orders-api, not userinfo: the point here is the CORS answer.
    expect(userinfo.headers.get('access-control-allow-origin')).toBe(DEPLOYED_APP);
    const revocation = await fetch(`${server.url}/token/revocation`, {
      method: 'POST',
      headers: { origin: DEPLOYED_APP, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'orders-spa', token: tokens.refresh_token }),
    });
    expect(revocation.status).toBe(200);
    expect(revocation.headers.get('access-control-allow-origin')).toBe(DEPLOYED_APP);
  });

  it('returns to <origin>/ after RP-initiated logout from the deployed origin', async () => {
    const { browser, tokens } = await signInFrom(DEPLOYED_APP);
    const endSession = new URL(`${server.url}/session/end`);
    endSession.search = new URLSearchParams({ id_token_hint: tokens.id_token, post_logout_redirect_uri: `${DEPLOYED_APP}/` }).toString();
    const question = await browser.get(endSession);
    expect(question.status).toBe(200);
    const form = readForms(await question.text()).find((candidate) => candidate.id === 'op.logoutForm');
    const confirmed = await browser.post(new URL(form?.action ?? '', server.url), { ...form?.fields, logout: 'yes' });
    const back = new URL(confirmed.headers.get('location') ?? 'about:blank');
    expect(`${back.origin}${back.pathname}`).toBe(`${DEPLOYED_APP}/`);
  });
});
