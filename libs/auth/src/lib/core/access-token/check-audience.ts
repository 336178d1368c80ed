import type { AccessTokenPolicy } from '../access-token-policy';
import { InvalidTokenError } from '../auth-error';

/**
 * `aud` (a string, or an array of strings) must contain this API's audience. A token with no
 * `aud` claim at all passes only when its `client_id` is one of `audienceClientIds` (Cognito
 * access tokens carry none); otherwise it was issued for no API in particular and is refused.
 *
 * @throws InvalidTokenError `wrong_audience`
 */
export function checkAudience(
  claims: Readonly<Record<string, unknown>>,
  policy: Pick<AccessTokenPolicy, 'audience' | 'audienceClientIds'>,
): void {
  const aud = claims['aud'];
  const clientId = claims['client_id'];
  const accepted =
    aud === policy.audience ||
    (Array.isArray(aud) && aud.includes(policy.audience)) ||
    (aud === undefined && typeof clientId === 'string' && policy.audienceClientIds.includes(clientId));
  if (!accepted) {
    throw new InvalidTokenError('wrong_audience', 'the token was not issued for this API (aud)');
  }
}
