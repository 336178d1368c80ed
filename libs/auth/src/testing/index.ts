// Test helpers for apps and libs: import from '@platform/auth/testing' in specs only.
export { TestIssuer, type MintOptions } from './test-issuer';
export { routesWithoutAccessDecision } from './routes-without-access-decision';
