import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DatabaseConfig } from '../lib/config/database-config';
import type { ServerConfig } from '../lib/config/server-config';
import { createHttpApp } from '../lib/http/create-http-app';

export interface RunningHttpApp {
  readonly url: string;
  readonly app: NestFastifyApplication;
  /** Which database the suite ran against, for the test log. */
  readonly database: 'postgresql' | 'embedded';
  /** `fetch` on the app; `token` becomes `Authorization: Bearer <token>`. */
  request(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  close(): Promise<void>;
}

export interface StartHttpAppForTestOptions<Config> {
  /** The app's name, for its temporary data directory. */
  readonly name: string;
  /** The app's own configuration reader, given the environment as in production. */
  readonly readConfig: (environment: NodeJS.ProcessEnv) => Config;
  readonly module: (config: Config) => DynamicModule;
  readonly env: Record<string, string>;
}

/**
 * A Fastify app over real HTTP on a random loopback port, configured from environment variables
 * as in production: the PostgreSQL of `DATABASE_URL` when the test run has one, else the
 * embedded PostgreSQL in a fresh temporary directory.
 *
 * @example
 * const api = await startHttpAppForTest({ name: 'orders-api', readConfig: readOrdersApiConfig, module: OrdersApiModule.register, env });
 */
export async function startHttpAppForTest<Config extends { server: ServerConfig; database: DatabaseConfig }>(
  options: StartHttpAppForTestOptions<Config>,
): Promise<RunningHttpApp> {
  const dataDir = await mkdtemp(join(tmpdir(), `${options.name}-e2e-`));
  const config = options.readConfig({
    LOG_LEVEL: 'error',
    DATA_DIR: dataDir,
    ...(process.env['DATABASE_URL'] ? { DATABASE_URL: process.env['DATABASE_URL'] } : {}),
    ...options.env,
  });

  // DiscoveryModule lets a test walk the routes (routesWithoutAccessDecision).
  @Module({ imports: [options.module(config), DiscoveryModule] })
  class AppUnderTest {}

  const app = await createHttpApp(AppUnderTest, config.server);
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    url: base,
    app,
    database: config.database.url ? 'postgresql' : 'embedded',
    request(path, init = {}) {
      const { token, headers, ...rest } = init;
      return fetch(`${base}${path}`, {
        ...rest,
        headers: {
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...(headers as Record<string, string> | undefined),
        },
      });
    },
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
