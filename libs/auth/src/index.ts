// The public API of @platform/auth. Apps import from here only.
export { AUTH_FAILURE_REASONS, type AuthFailureReason } from './lib/core/auth-failure-reason';
export {
  AuthError,
  InsufficientScopeError,
  InvalidRequestError,
  InvalidTokenError,
  MissingCredentialsError,
  type AuthErrorBody,
  type BearerErrorCode,
} from './lib/core/auth-error';
export { AuthConfigError } from './lib/core/auth-config-error';
export { resolveAuthOptions, type AccessTokenPolicy, type AuthOptions } from './lib/core/access-token-policy';
export { authOptionsFromEnv } from './lib/core/auth-options-from-env';
export { verifyAccessToken } from './lib/core/access-token/verify-access-token';
export { Authenticator, type AuthenticatorOptions, type CredentialHeaders } from './lib/core/authenticator';
export { JwksKeyStore, type JwksKeyStoreOptions } from './lib/core/jwks/jwks-key-store';
export { discoverJwksUri } from './lib/core/jwks/discover-jwks-uri';
export { TrustedIssuers } from './lib/core/jwks/trusted-issuers';
export { VerifiedTokenCache } from './lib/core/verified-token-cache';
export type { AuthMethod, Principal } from './lib/core/principal';
export { assertClientCredentials, assertScopes, scopeRequirement, type ScopeRequirement } from './lib/core/scopes';
export { isMachineToken } from './lib/core/access-token/is-machine-token';
export { AUTH_POLICY } from './lib/nest/auth.constants';
export { authFailuresCounter } from './lib/nest/auth-failure.metrics';
export { AuthModule, type AuthModuleAsyncOptions } from './lib/nest/auth.module';
export { JwtStrategy } from './lib/nest/jwt.strategy';
export { ApiKeyStrategy } from './lib/nest/api-key.strategy';
export { Public } from './lib/nest/public.decorator';
export { AnyScope, Authenticated, Scopes } from './lib/nest/scopes.decorator';
export { CurrentPrincipal } from './lib/nest/current-principal.decorator';
export type { AuthenticatedRequest } from './lib/nest/http-request';
export { ClientCredentialsTokenClient, type ClientCredentialsTokenClientOptions } from './lib/client/client-credentials-token-client';
export type { ApiTarget } from './lib/client/api-target';
export type { ClientCredentialsToken } from './lib/client/request-client-credentials-token';
export { TOKEN_REQUEST_ERROR_CODES, TokenRequestError, type TokenRequestErrorCode } from './lib/client/token-request-error';
export {
  fetchWithToken,
  type BearerTokenSource,
  type FetchWithTokenOptions,
  type FetchWithTokenResult,
  type RefusedAttempt,
} from './lib/client/fetch-with-token';
export { parseWwwAuthenticate, type WwwAuthenticateChallenge } from './lib/client/parse-www-authenticate';
export { decodeJwtClaimsUnverified, type UnverifiedJwtClaims } from './lib/client/decode-jwt-claims-unverified';
export { generateApiKey, isWellFormedApiKeyId, isWellFormedApiKeySecret, API_KEY_SECRET_PREFIX } from './lib/core/api-keys/api-key-format';
export { hashApiKeySecret } from './lib/core/api-keys/api-key-hash';
export { apiKeyStatus, isWorkingApiKey, type ApiKeyLifetime, type ApiKeyStatus } from './lib/core/api-keys/api-key-status';
export { ApiKeyUsage, type ApiKeyUsageCount } from './lib/core/api-keys/api-key-usage';
export type { ApiKeyLookup, StoredApiKey } from './lib/core/api-keys/stored-api-key';
export { DependencyUnavailableError, InvalidApiKeyError, NotClientCredentialsError, RateLimitedError } from './lib/core/auth-error';
export { API_KEY_LOOKUP } from './lib/nest/auth.constants';
export { ApiKeyRevocations } from './lib/nest/api-key-revocations';
export { AuthMethods } from './lib/nest/auth-methods.decorator';
export { appRoutes, type AppRoute } from './lib/nest/app-routes';
export { applyAccessToOpenApi, OPENAPI_SECURITY_SCHEMES, type OAuthEndpoints } from './lib/nest/openapi/apply-access-to-openapi';
