import type { KeyObject } from 'node:crypto';
import type { AccessTokenPolicy } from './access-token-policy';
import type { JwksKeyStore } from './jwks-key-store';
import { checkAccessTokenHeader } from './token-header';

/**
 * The key to verify a token's signature with: the header is checked first (algorithm, type,
 * critical extensions), then the `kid` selects a key of the issuer's JWKS.
 *
 * @throws InvalidTokenError with the failure reason
 */
export async function selectVerificationKey(token: string, policy: AccessTokenPolicy, keys: JwksKeyStore): Promise<KeyObject> {
  const { kid } = checkAccessTokenHeader(token, policy);
  return keys.getKey(kid);
}
