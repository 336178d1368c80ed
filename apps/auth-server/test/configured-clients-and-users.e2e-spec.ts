import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { hashPassword } from '../src/users/password-hash';
import { FormBrowser } from './support/form-browser';
import { startAuthServer, type RunningAuthServer } from './support/start-auth-server';

const PORTAL_REDIRECT = 'https://portal.example.com/callback';
const BATCH_SECRET = 'a-long-random-secret-from-the-clients-file';
const insecure = { execute: [oidc.allowInsecureRequests] };

let server: RunningAuthServer;
let filesDir: string;

async function oauthError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof oidc.ResponseBodyError) return error.error;
    if (error instanceof oidc.WWWAuthenticateChallengeError) return ((await error.response.json()) as { error: string }).error;
    throw error;
  }
  throw new Error('expected an OAuth error response');
}

beforeAll(async () => {
  filesDir = await mkdtemp(join(tmpdir(), 'auth-server-files-'));
  const clientsFile = join(filesDir, 'clients.json');
  const usersFile = join(filesDir, 'users.json');
  await writeFile(
    clientsFile,
    JSON.stringify([
      {
        client_id: 'nightly-batch',
        client_secret: BATCH_SECRET,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: 'read:orders:any read:payments',
      },
      {
        client_id: 'partner-portal',
        application_type: 'web',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [PORTAL_REDIRECT],
        token_endpoint_auth_method: 'none',
        scope: 'openid profile email read:orders',
      },
    ]),
  );
  await writeFile(
    usersFile,
    JSON.stringify([
      {
        username: 'carol',
        sub: 'user-carol',
        name: 'Carol Configured',
        email: 'carol@example.com',
        scope: 'read:orders',
        password_hash: await hashPassword('carol-long-password'),
      },
    ]),
  );
  // NODE_ENV=production is accepted once both files are given (it is refused without them).
  server = await startAuthServer({ NODE_ENV: 'production', CLIENTS_FILE: clientsFile, USERS_FILE: usersFile });
});

afterAll(async () => {
  await server?.close();
  await rm(filesDir, { recursive: true, force: true });
});

describe('clients from CLIENTS_FILE and users from USERS_FILE', () => {
  it('issues tokens to a client from the file, for each API within its scope', async () => {
    const batch = await oidc.discovery(new URL(server.url), 'nightly-batch', undefined, oidc.ClientSecretBasic(BATCH_SECRET), insecure);
    const jwks = createRemoteJWKSet(new URL(`${server.url}/jwks`));
    const orders = await oidc.clientCredentialsGrant(batch, { resource: 'urn:orders-api' });
    expect((await jwtVerify(orders.access_token, jwks, { issuer: server.url, audience: 'orders-api' })).payload).toMatchObject({
      sub: 'nightly-batch',
      client_id: 'nightly-batch',
      scope: 'read:orders:any',
    });
    const payments = await oidc.clientCredentialsGrant(batch, { audience: 'payments-api' });
    expect((await jwtVerify(payments.access_token, jwks, { issuer: server.url, audience: 'payments-api' })).payload['scope']).toBe(
      'read:payments',
    );
    expect(await oauthError(oidc.clientCredentialsGrant(batch, { resource: 'urn:payments-api', scope: 'process:payment' }))).toBe(
      'invalid_scope',
    );
  });

  it('knows no built-in development client when CLIENTS_FILE is set', async () => {
    const jobRunner = await oidc.discovery(
      new URL(server.url),
      'job-runner',
      undefined,
      oidc.ClientSecretBasic('dev-only-job-runner-secret'),
      insecure,
    );
    expect(await oauthError(oidc.clientCredentialsGrant(jobRunner, { resource: 'urn:orders-api' }))).toBe('invalid_client');
  });

  it('signs in a user from the file with the hashed password, and refuses the built-in accounts', async () => {
    const portal = await oidc.discovery(new URL(server.url), 'partner-portal', undefined, oidc.None(), insecure);
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(portal, {
      redirect_uri: PORTAL_REDIRECT,
      scope: 'openid profile email read:orders',
      resource: 'urn:orders-api',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });

    await expect(new FormBrowser().completeFlow(url, { username: 'alice', password: 'alice-password' }, PORTAL_REDIRECT)).rejects.toThrow(
      /answered 401/,
    );

    const { url: callback } = await new FormBrowser().completeFlow(
      url,
      { username: 'carol', password: 'carol-long-password' },
      PORTAL_REDIRECT,
    );
    const tokens = await oidc.authorizationCodeGrant(portal, callback as URL, { pkceCodeVerifier: verifier });
    expect(tokens.claims()).toMatchObject({ sub: 'user-carol', name: 'Carol Configured', email: 'carol@example.com' });
    const jwks = createRemoteJWKSet(new URL(`${server.url}/jwks`));
    expect((await jwtVerify(tokens.access_token, jwks, { issuer: server.url, audience: 'orders-api' })).payload).toMatchObject({
      sub: 'user-carol',
      client_id: 'partner-portal',
      scope: 'read:orders',
    });
  });
});
