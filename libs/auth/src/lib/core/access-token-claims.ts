import { InvalidTokenError } from './auth-error';
import type { Principal } from './principal';

/**
 * Turns the claims of a verified access token into a principal. Signature, `iss`, `aud`, `exp`
 * and `nbf` values were checked by the verifier; jsonwebtoken does not insist on `exp`, so its
 * presence is checked here: a token that never expires is refused.
 *
 * @throws InvalidTokenError `malformed` when a required claim is missing or mistyped
 */
export function principalFromAccessTokenClaims(payload: unknown): Principal {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new InvalidTokenError('malformed', 'the token payload is not a JSON object');
  }
  const claims = payload as Record<string, unknown>;
  if (typeof claims['exp'] !== 'number' || !Number.isFinite(claims['exp'])) {
    throw new InvalidTokenError('malformed', 'the token has no numeric exp claim');
  }
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
    scopes: scope.split(' ').filter((s) => s !== ''),
    authMethod: 'bearer',
    claims,
  };
}
