import { type RunningHttpApp, startHttpAppForTest } from '@platform/server-kit/testing';
import { readOrdersApiConfig } from '../../src/orders-api.config';
import { OrdersApiModule } from '../../src/orders-api.module';

export type RunningOrdersApi = RunningHttpApp;

/** orders-api over real HTTP on a loopback port (see `startHttpAppForTest`). */
export function startOrdersApi(env: Record<string, string>): Promise<RunningOrdersApi> {
  return startHttpAppForTest({
    name: 'orders-api',
    readConfig: readOrdersApiConfig,
    module: (config) => OrdersApiModule.register(config),
    env,
  });
}
