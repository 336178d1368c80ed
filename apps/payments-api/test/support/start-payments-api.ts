import { type RunningHttpApp, startHttpAppForTest } from '@platform/server-kit/testing';
import { readPaymentsApiConfig } from '../../src/payments-api.config';
import { PaymentsApiModule } from '../../src/payments-api.module';

export type RunningPaymentsApi = RunningHttpApp;

/** payments-api over real HTTP on a loopback port (see `startHttpAppForTest`). */
export function startPaymentsApi(env: Record<string, string>): Promise<RunningPaymentsApi> {
  return startHttpAppForTest({
    name: 'payments-api',
    readConfig: readPaymentsApiConfig,
    module: (config) => PaymentsApiModule.register(config),
    env,
  });
}
