/** Injection token of the resolved `AccessTokenPolicy`. */
export const AUTH_POLICY = Symbol('AUTH_POLICY');
/** Metadata key set by `@Public()`. */
export const IS_PUBLIC_ROUTE = 'auth:public';
/** Metadata key set by `@Scopes()`, `@AnyScope()` and `@Authenticated()`. */
export const REQUIRED_SCOPES = 'auth:required-scopes';
/** Metadata key set by `@AuthMethods()`. */
export const AUTH_METHODS = 'auth:methods';
/** Injection token of the app's `ApiKeyLookup` (provide it from a global module). */
export const API_KEY_LOOKUP = Symbol('API_KEY_LOOKUP');
