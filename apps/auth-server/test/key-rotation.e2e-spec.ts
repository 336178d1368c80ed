// A cross-app test: tokens from this server must work at a real orders-api (its test entry point).
import { startOrdersApi, type RunningOrdersApi } from '@platform/orders-api/testing';
import { decodeProtectedHeader } from 'jose';
import { startAuthServer, type RunningAuthServer } from './support/start-auth-server';

const LEAD_S = 3;

let server: RunningAuthServer;
let ordersApi: RunningOrdersApi;

async function clientCredentialsToken(): Promise<string> {
  const response = await fetch(`${server.url}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('job-runner:dev-only-job-runner-secret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&resource=urn%3Aorders-api',
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

beforeAll(async () => {
  // Its own embedded database: the rotation must not touch the keys other suites sign with.
  server = await startAuthServer({ DATABASE_URL: '', KEY_ROTATION_LEAD_S: String(LEAD_S) });
  // Resource servers must refresh their JWKS more often than the issuer's rotation lead.
  ordersApi = await startOrdersApi({ AUTH_ISSUER: server.url, AUTH_JWKS_CACHE_MAX_AGE_S: '1' });
});

afterAll(async () => {
  await ordersApi?.close();
  await server?.close();
});

describe('signing key rotation', () => {
  it('rotates under continuous traffic with zero failed requests: published first, signing later, old tokens still valid', async () => {
    const tokenBeforeRotation = await clientCredentialsToken();
    const oldKid = decodeProtectedHeader(tokenBeforeRotation).kid;
    const statuses = new Map<number, number>();
    const kids = new Set<string>();
    let newKid: string | undefined;
    let signsFrom = 0;

    const started = Date.now();
    while (Date.now() - started < (LEAD_S + 3) * 1000) {
      if (!newKid && Date.now() - started > 1000) {
        const rotated = await server.host.rotate();
        newKid = rotated.kid;
        signsFrom = rotated.signsFrom.getTime();
        expect(signsFrom - Date.now()).toBeGreaterThan((LEAD_S - 1) * 1000);
        const published = (await (await fetch(`${server.url}/jwks`)).json()) as { keys: { kid: string }[] };
        expect(published.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
      }
      const token = await clientCredentialsToken();
      const kid = decodeProtectedHeader(token).kid as string;
      kids.add(kid);
      // The new key signs nothing before its time: until then verifiers have had the lead to fetch it.
      if (kid === newKid) expect(Date.now()).toBeGreaterThanOrEqual(signsFrom);
      const status = (await ordersApi.request('/me', { token })).status;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    expect([...statuses.keys()]).toEqual([200]);
    expect(statuses.get(200)).toBeGreaterThan(50);
    expect([...kids]).toEqual([oldKid, newKid]);
    expect((await ordersApi.request('/me', { token: tokenBeforeRotation })).status).toBe(200);
  }, 30_000);
});
