import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { readAuthServerConfig } from '../../src/auth-server.config';
import { createAuthServerApp } from '../../src/create-auth-server-app';
import { OidcProviderHost } from '../../src/oidc/oidc-provider.host';

export interface RunningAuthServer {
  /** The issuer: also the base URL. */
  readonly url: string;
  /** RFC 7662 endpoint, as a resource server's AUTH_INTROSPECTION_URL. */
  readonly introspectionUrl: string;
  readonly app: NestExpressApplication;
  readonly host: OidcProviderHost;
  close(): Promise<void>;
}

/** A free loopback port: the issuer URL must be known before the server starts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface StartAuthServerOptions {
  readonly keyPollIntervalMs?: number;
  /** Restart tests: the same issuer URL again. */
  readonly port?: number;
  /** Restart tests: a data directory the caller owns (kept on close). */
  readonly dataDir?: string;
}

/**
 * auth-server over real HTTP on a loopback port, configured from environment variables as in
 * production: the PostgreSQL of `DATABASE_URL` when the test run has one, else the embedded
 * PostgreSQL in a fresh temporary directory.
 */
export async function startAuthServer(env: Record<string, string> = {}, options: StartAuthServerOptions = {}): Promise<RunningAuthServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'auth-server-e2e-')));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const config = readAuthServerConfig({
    LOG_LEVEL: 'error',
    DATA_DIR: dataDir,
    PORT: String(port),
    ISSUER: url,
    ...(process.env['DATABASE_URL'] ? { DATABASE_URL: process.env['DATABASE_URL'] } : {}),
    ...env,
  });
  const app = await createAuthServerApp(config, options);
  await app.listen(port, '127.0.0.1');
  return {
    url,
    introspectionUrl: `${url}/token/introspection`,
    app,
    host: app.get(OidcProviderHost),
    async close() {
      await app.close();
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
