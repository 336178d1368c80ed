import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@platform/server-kit';
import { readOrdersApiConfig } from '../../src/orders-api.config';
import { OrdersApiModule } from '../../src/orders-api.module';

export interface RunningOrdersApi {
  readonly url: string;
  readonly app: NestFastifyApplication;
  /** Which database the suite ran against, for the test log. */
  readonly database: 'postgresql' | 'embedded';
  request(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * orders-api over real HTTP on a random loopback port, configured from environment variables
 * as in production: the PostgreSQL of `DATABASE_URL` when the test run has one, else the
 * embedded PostgreSQL in a fresh temporary directory.
 */
export async function startOrdersApi(env: Record<string, string>): Promise<RunningOrdersApi> {
  const dataDir = await mkdtemp(join(tmpdir(), 'orders-api-e2e-'));
  const config = readOrdersApiConfig({
    LOG_LEVEL: 'error',
    DATA_DIR: dataDir,
    ...(process.env['DATABASE_URL'] ? { DATABASE_URL: process.env['DATABASE_URL'] } : {}),
    ...env,
  });

  // DiscoveryModule lets a test walk the routes (routesWithoutAccessDecision).
  @Module({ imports: [OrdersApiModule.register(config), DiscoveryModule] })
  class OrdersApiUnderTest {}

  const app = await createHttpApp(OrdersApiUnderTest, config.server);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const base = url.replace('[::1]', '127.0.0.1');
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
