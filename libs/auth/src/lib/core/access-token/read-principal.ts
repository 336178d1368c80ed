import { InvalidTokenError } from '../auth-error';
import type { Principal } from '../principal';

/**
 * Turns the claims of a verified access token into the principal: `sub` is required, `scope` is
 * a space-separated string (RFC 9068 section 2.2.3), the client is `client_id`, else `azp`.
 *
 * @throws InvalidTokenError `malformed` when `sub` is missing or `scope` is not a string
 */
export function readPrincipal(claims: Readonly<Record<string, unknown>>): Principal {
  const sub = claims['sub'];
  if (typeof sub !== 'string' || sub === '') {
    throw new InvalidTokenError('malformed', 'the token has no sub claim');
  }
  const scope = claims['scope'] ?? '';
  if (typeof scope !== 'string') {
    throw new InvalidTokenError('malformed', 'the token scope claim must be a space-separated string');
  }
  const clientId = claims['client_id'] ?? claims['azp'];
  return {
    sub,
    clientId: typeof clientId === 'string' ? clientId : null,
    scopes: scope === '' ? [] : scope.split(' ').filter((s) => s !== ''),
    authMethod: 'bearer',
    claims,
  };
}
