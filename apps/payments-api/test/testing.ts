// payments-api's test entry point, `@platform/payments-api/testing`: the one way another app's e2e
// suite starts payments-api in-process (eslint.config.mjs allows this import and no other of an app).
export { startPaymentsApi, type RunningPaymentsApi } from './support/start-payments-api';
