// orders-api's test entry point, `@platform/orders-api/testing`: the one way another app's e2e
// suite starts orders-api in-process (eslint.config.mjs allows this import and no other of an app).
export { startOrdersApi, type RunningOrdersApi } from './support/start-orders-api';
