import { InsufficientScopeError, NotClientCredentialsError } from './auth-error';
import type { Principal } from './principal';

/** What a route needs: every listed scope (`all`) or at least one of them (`any`). */
export interface ScopeRequirement {
  readonly mode: 'all' | 'any';
  readonly scopes: readonly string[];
}

// RFC 6749 section 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** Builds a requirement, refusing scope names that could never appear in a token. */
export function scopeRequirement(mode: ScopeRequirement['mode'], scopes: readonly string[]): ScopeRequirement {
  for (const scope of scopes) {
    if (!SCOPE_TOKEN.test(scope)) {
      throw new TypeError(`"${scope}" is not a valid OAuth scope name`);
    }
  }
  return { mode, scopes: [...scopes] };
}

/**
 * @throws InsufficientScopeError naming the scopes the route needs
 *
 * @example
 * assertScopes(principal.scopes, scopeRequirement('all', ['write:orders']));
 */
export function assertScopes(granted: readonly string[], requirement: ScopeRequirement): void {
  const { mode, scopes } = requirement;
  const satisfied = mode === 'all' ? scopes.every((s) => granted.includes(s)) : scopes.some((s) => granted.includes(s));
  if (satisfied) {
    return;
  }
  const description =
    mode === 'all' || scopes.length === 1
      ? `this request needs the scope${scopes.length > 1 ? 's' : ''} ${scopes.join(' ')}`
      : `this request needs one of the scopes ${scopes.join(', ')}`;
  throw new InsufficientScopeError(scopes, description);
}

/**
 * Only a client acting for itself (a client-credentials token, by `isMachineToken`'s rules) may
 * pass: a user's token, whatever its scopes, and an API key are refused.
 *
 * @throws NotClientCredentialsError (403, reason `not_client_credentials`) saying why
 *
 * @example
 * assertClientCredentials(principal); // before moving money
 */
export function assertClientCredentials(principal: Principal): void {
  if (principal.authMethod !== 'bearer') {
    throw new NotClientCredentialsError('only client-credentials bearer tokens are accepted here, not API keys');
  }
  if (!principal.isClientCredentials) {
    throw new NotClientCredentialsError('this token was issued to a user, not to a client for itself: use a client-credentials token');
  }
}
