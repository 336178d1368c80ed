import type { AccessTokenPolicy } from '../access-token-policy';
import { InvalidTokenError } from '../auth-error';

/**
 * `aud` (a string, or an array of strings) must contain this API's audience. A token without
 * `aud` was issued for no API in particular and is refused too.
 *
 * @throws InvalidTokenError `wrong_audience`
 */
export function checkAudience(claims: Readonly<Record<string, unknown>>, policy: Pick<AccessTokenPolicy, 'audience'>): void {
  const aud = claims['aud'];
  const accepted = aud === policy.audience || (Array.isArray(aud) && aud.includes(policy.audience));
  if (!accepted) {
    throw new InvalidTokenError('wrong_audience', 'the token was not issued for this API (aud)');
  }
}
