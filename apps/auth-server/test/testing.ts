// auth-server's test entry point, `@platform/auth-server/testing`: the one way another app's e2e
// suite starts auth-server in-process (eslint.config.mjs allows this import and no other of an app).
// Opaque tokens for orders-api: `startAuthServer({ OPAQUE_TOKEN_APIS: 'orders-api' })`, then
// `signInUser`, `introspectToken` (as ORDERS_API_RESOURCE_SERVER) and `revokeToken`.
export { startAuthServer, type RunningAuthServer, type StartAuthServerOptions } from './support/start-auth-server';
export {
  introspectToken,
  ORDERS_API_RESOURCE_SERVER,
  ORDERS_SPA,
  revokeToken,
  signInUser,
  type IntrospectionResult,
  type SignInUserOptions,
  type TestClient,
  type UserTokens,
} from './support/tokens';
