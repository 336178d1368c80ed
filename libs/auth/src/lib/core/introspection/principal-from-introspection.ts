import type { AccessTokenPolicy } from '../access-token-policy';
import { AuthError, InvalidTokenError } from '../auth-error';
import { checkAudience } from '../access-token/check-audience';
import { checkLifetime } from '../access-token/check-lifetime';
import { readPrincipal } from '../access-token/read-principal';
import type { Principal } from '../principal';

// `token_type` values of an access token usable as a bearer token (RFC 7662 section 2.2 leaves it free-form).
const BEARER_TOKEN_TYPES = new Set(['bearer', 'access_token']);

/**
 * The principal of an opaque token from its introspection response (RFC 7662), by the rules a
 * JWT follows: `active` must be `true`; `iss`, when present, a trusted issuer; `aud` this API;
 * `exp` required and not passed; `sub`, scopes, client and machine marker read as for a JWT. A
 * `token_type` other than a bearer access token (a refresh token, a DPoP-bound token) is refused.
 *
 * @throws InvalidTokenError `inactive_token`, `wrong_token_type`, `wrong_issuer`, `wrong_audience`, `expired`,
 *   `not_yet_valid` or `malformed` (with the token's `issuer` once a trusted `iss` was read)
 */
export function principalFromIntrospection(
  response: Readonly<Record<string, unknown>>,
  policy: Pick<AccessTokenPolicy, 'issuers' | 'audience' | 'audienceClientIds' | 'clockToleranceS' | 'scopeClaims'>,
  nowS: number,
): Principal {
  if (response['active'] !== true) {
    throw new InvalidTokenError('inactive_token', 'the authorization server says the token is not active (revoked, expired or unknown)');
  }
  const tokenType = response['token_type'];
  if (tokenType !== undefined && (typeof tokenType !== 'string' || !BEARER_TOKEN_TYPES.has(tokenType.toLowerCase()))) {
    throw new InvalidTokenError('wrong_token_type', 'the token is not a bearer access token (token_type)');
  }
  const iss = response['iss'];
  if (iss !== undefined && !(typeof iss === 'string' && policy.issuers.includes(iss))) {
    throw new InvalidTokenError('wrong_issuer', 'the token was not issued by a trusted issuer (iss)');
  }
  try {
    checkAudience(response, policy);
    checkLifetime(response, policy, nowS);
    return readPrincipal(response, policy.scopeClaims);
  } catch (error) {
    if (error instanceof AuthError && typeof iss === 'string') error.issuer = iss;
    throw error;
  }
}
