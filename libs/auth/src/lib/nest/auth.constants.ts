/** Injection token of the resolved `AccessTokenPolicy`. */
export const AUTH_POLICY = Symbol('AUTH_POLICY');
/** Metadata key set by `@Public()`. */
export const IS_PUBLIC_ROUTE = 'auth:public';
/** Metadata key set by `@Scopes()`, `@AnyScope()` and `@Authenticated()`. */
export const REQUIRED_SCOPES = 'auth:required-scopes';
