import type { AuthMethod, Principal } from '../core/principal';
import type { Authenticator, CredentialHeaders } from '../core/authenticator';

/** What a passport strategy built on the core offers the adapter below. */
interface CoreBackedStrategy {
  success(user: Principal): void;
  error(error: Error): void;
  validate(principal: Principal): Principal | Promise<Principal>;
}

/**
 * The whole of a passport strategy's `authenticate` when the core verifies: the cached principal
 * or a fresh verification, then the strategy's own `validate`, then passport's `success` or
 * `error` (which @nestjs/passport's `AuthGuard` rethrows, so an `AuthError` keeps its reason).
 */
export function authenticateWithCore(
  strategy: CoreBackedStrategy,
  authenticator: Authenticator,
  headers: CredentialHeaders,
  methods: readonly AuthMethod[],
): void {
  Promise.resolve(authenticator.cached(headers, methods) ?? authenticator.authenticate(headers, methods))
    .then((principal) => strategy.validate(principal))
    .then(
      (principal) => strategy.success(principal),
      (error: unknown) => strategy.error(error instanceof Error ? error : new Error(String(error))),
    );
}
