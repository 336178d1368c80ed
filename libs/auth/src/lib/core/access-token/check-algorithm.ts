import type { AccessTokenAlgorithm, AccessTokenPolicy } from '../access-token-policy';
import { InvalidTokenError } from '../auth-error';

/**
 * The header's `alg` must be on the policy's allow-list (RS256 by default). `none` and HS* can
 * never be on it (refused at start-up), so unsigned tokens and algorithm confusion end here.
 *
 * @throws InvalidTokenError `alg_not_allowed`
 */
export function checkAlgorithm(
  header: Readonly<Record<string, unknown>>,
  policy: Pick<AccessTokenPolicy, 'algorithms'>,
): AccessTokenAlgorithm {
  const { alg } = header;
  if (typeof alg !== 'string' || !(policy.algorithms as readonly string[]).includes(alg)) {
    throw new InvalidTokenError('alg_not_allowed', `the token algorithm is not accepted (accepted: ${policy.algorithms.join(', ')})`);
  }
  return alg as AccessTokenAlgorithm;
}
