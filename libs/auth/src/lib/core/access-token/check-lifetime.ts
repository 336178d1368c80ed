import type { AccessTokenPolicy } from '../access-token-policy';
import { InvalidTokenError } from '../auth-error';

/**
 * `exp` is required (a token that never expires is refused) and must not have passed; `nbf`, when
 * present, must have arrived; both with the policy's clock tolerance. `iat`, when present, must be
 * a number. Times are NumericDates: seconds since the epoch.
 *
 * @throws InvalidTokenError `malformed` (no numeric `exp`, a non-numeric `nbf`/`iat`), `expired` or `not_yet_valid`
 */
export function checkLifetime(
  claims: Readonly<Record<string, unknown>>,
  policy: Pick<AccessTokenPolicy, 'clockToleranceS'>,
  nowS: number,
): number {
  const { exp, nbf, iat } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    throw new InvalidTokenError('malformed', 'the token has no numeric exp claim');
  }
  if ((nbf !== undefined && (typeof nbf !== 'number' || !Number.isFinite(nbf))) || (iat !== undefined && typeof iat !== 'number')) {
    throw new InvalidTokenError('malformed', 'the token nbf and iat claims must be numbers');
  }
  if (nowS >= exp + policy.clockToleranceS) {
    throw new InvalidTokenError('expired', 'the token has expired');
  }
  if (nbf !== undefined && nbf > nowS + policy.clockToleranceS) {
    throw new InvalidTokenError('not_yet_valid', 'the token is not valid yet (nbf)');
  }
  return exp;
}
