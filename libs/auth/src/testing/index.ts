// Test helpers for apps and libs: import from '@platform/auth/testing' in specs only.
export { TestIssuer, type MintOptions, type TestIssuerOptions } from './test-issuer';
export {
  startLoopbackIdentityProviders,
  type KeycloakIdentityProvider,
  type LoopbackIdentityProvider,
  type LoopbackIdentityProviders,
  type TokenRequest,
} from './identity-providers';
export { routesWithoutAccessDecision } from './routes-without-access-decision';
export { openApiAccessMismatches, type AccessProbeCredentials } from './openapi-access-mismatches';
export { responseSchemaMismatches, undocumentedSuccessResponses } from './openapi-response-schemas';
