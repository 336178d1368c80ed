import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@platform/server-kit';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { DataSource } from 'typeorm';
import { KeyEncryption } from '../src/keys/key-encryption';
import { SigningKeyStore } from '../src/keys/signing-key-store';
import { AUTH_SERVER_SCHEMA } from '../src/oidc/postgres-oidc-adapter';
import { FormBrowser } from './support/form-browser';
import { freePort, startAuthServer, type RunningAuthServer } from './support/start-auth-server';

const SPA_REDIRECT = 'http://localhost:5173/callback';
const PASSPHRASE = 'restart-suite-passphrase';
const insecure = { execute: [oidc.allowInsecureRequests] };

// Its own embedded database in a directory that outlives one server: what a restart keeps is
// exactly what is in it. With DATABASE_URL unset this is also how `npm start` runs.
let dataDir: string;
let port: number;
let server: RunningAuthServer | undefined;

const start = () => startAuthServer({ DATABASE_URL: '', KEYS_ENCRYPTION_KEY: PASSPHRASE }, { dataDir, port });

async function publishedKids(): Promise<string[]> {
  const jwks = (await (await fetch(`${server?.url}/jwks`)).json()) as { keys: { kid: string }[] };
  return jwks.keys.map((key) => key.kid).sort();
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'auth-server-restart-'));
  port = await freePort();
});

afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a restart on the same database', () => {
  it('keeps the signing keys, refresh tokens, opaque tokens and sign-in sessions', async () => {
    server = await start();
    const spa = await oidc.discovery(new URL(server.url), 'orders-spa', undefined, oidc.None(), insecure);
    const jobRunner = await oidc.discovery(
      new URL(server.url),
      'job-runner',
      undefined,
      oidc.ClientSecretBasic('dev-only-job-runner-secret'),
      insecure,
    );
    const verifier = oidc.randomPKCECodeVerifier();
    const authorizationUrl = (prompt: string) =>
      oidc.calculatePKCECodeChallenge(verifier).then((challenge) =>
        oidc.buildAuthorizationUrl(spa, {
          redirect_uri: SPA_REDIRECT,
          scope: 'openid offline_access read:orders',
          resource: 'urn:orders-api',
          prompt,
          code_challenge: challenge,
          code_challenge_method: 'S256',
        }),
      );
    const browser = new FormBrowser();
    const { url: callback } = await browser.completeFlow(
      await authorizationUrl('consent'),
      { username: 'alice', password: 'alice-password' },
      SPA_REDIRECT,
    );
    const tokens = await oidc.authorizationCodeGrant(spa, callback as URL, { pkceCodeVerifier: verifier });
    const opaque = await oidc.clientCredentialsGrant(jobRunner, {});
    const kidsBefore = await publishedKids();

    await server.close();
    server = await start();

    expect(await publishedKids()).toEqual(kidsBefore);
    // A token signed before the restart still verifies against the JWKS served after it.
    const jwks = createRemoteJWKSet(new URL(`${server.url}/jwks`));
    await expect(jwtVerify(tokens.access_token, jwks, { issuer: server.url, audience: 'orders-api' })).resolves.toBeDefined();
    expect(await oidc.tokenIntrospection(jobRunner, opaque.access_token)).toMatchObject({ active: true, client_id: 'job-runner' });
    const refreshed = await oidc.refreshTokenGrant(spa, tokens.refresh_token as string, { resource: 'urn:orders-api' });
    expect((await jwtVerify(refreshed.access_token, jwks, { issuer: server.url, audience: 'orders-api' })).payload.sub).toBe('alice');

    // The browser's sign-in session survived too: prompt=none gets a code without a login page.
    const silent = await browser.get(await authorizationUrl('none'));
    const location = new URL(silent.headers.get('location') ?? 'about:blank');
    expect(location.href.startsWith(SPA_REDIRECT)).toBe(true);
    expect(location.searchParams.get('code')).toEqual(expect.any(String));
  });

  it('stores the private keys encrypted, and another passphrase cannot open them', async () => {
    await server?.close();
    server = undefined;
    const database = await startEmbeddedPostgres(dataDir);
    const dataSource = await new DataSource({
      type: 'postgres',
      url: database.url,
      schema: AUTH_SERVER_SCHEMA,
      extra: { max: 1 },
    }).initialize();
    try {
      const rows = await dataSource.query<{ private_jwk: string }[]>(`SELECT private_jwk FROM "${AUTH_SERVER_SCHEMA}".signing_keys`);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.private_jwk.startsWith('aes256gcm:')).toBe(true);
        expect(row.private_jwk).not.toContain('"d"');
      }
      await expect(new SigningKeyStore(dataSource, new KeyEncryption('another-passphrase-1234')).list()).rejects.toThrow(
        'KEYS_ENCRYPTION_KEY does not open the stored signing keys (wrong passphrase?)',
      );
      await expect(new SigningKeyStore(dataSource, new KeyEncryption(undefined)).list()).rejects.toThrow(
        'the signing keys are encrypted: set KEYS_ENCRYPTION_KEY',
      );
      expect((await new SigningKeyStore(dataSource, new KeyEncryption(PASSPHRASE)).list()).length).toBe(rows.length);
    } finally {
      await dataSource.destroy();
      await database.stop();
    }
  });
});
