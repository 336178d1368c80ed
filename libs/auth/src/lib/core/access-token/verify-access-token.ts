import type { AccessTokenPolicy } from '../access-token-policy';
import { AuthError } from '../auth-error';
import type { TrustedIssuers } from '../jwks/trusted-issuers';
import type { Principal } from '../principal';
import { checkAlgorithm } from './check-algorithm';
import { checkAudience } from './check-audience';
import { checkCriticalHeaders } from './check-critical-headers';
import { checkIssuer } from './check-issuer';
import { checkKeyId } from './check-key-id';
import { checkLifetime } from './check-lifetime';
import { checkNotIdToken } from './check-not-id-token';
import { checkTokenType } from './check-token-type';
import { parseCompactJws } from './parse-compact-jws';
import { readPrincipal } from './read-principal';
import { verifySignature } from './verify-signature';

/**
 * Verifies a JWT access token and returns its principal. Every rule is one function of its own
 * file, run in this order: the cheap checks of what the token says about itself come first, so a
 * token that fails them costs no key lookup and no signature check.
 *
 * 1. compact JWS, JSON header and payload (`parseCompactJws`)
 * 2. `alg` on the allow-list (`checkAlgorithm`), `typ` an access token (`checkTokenType`),
 *    no `crit` (`checkCriticalHeaders`)
 * 3. `iss` a trusted issuer (`checkIssuer`), before any key is looked up, then a `kid` (`checkKeyId`)
 * 4. that issuer's key for `kid` (`JwksKeyStore`), then the signature (`verifySignature`)
 * 5. not an ID token (`checkNotIdToken`), `aud` (`checkAudience`), `exp`/`nbf`/`iat`
 *    (`checkLifetime`), `sub`, the scope claims and the client (`readPrincipal`)
 *
 * @throws InvalidTokenError with the reason of the first rule the token breaks (and, from step 3
 *   on, the token's `issuer`)
 *
 * @example
 * const principal = await verifyAccessToken(token, policy, TrustedIssuers.fromPolicy(policy));
 */
export async function verifyAccessToken(
  token: string,
  policy: AccessTokenPolicy,
  issuers: TrustedIssuers,
  nowS = Math.floor(Date.now() / 1000),
): Promise<Principal> {
  const jws = parseCompactJws(token);
  const alg = checkAlgorithm(jws.header, policy);
  checkTokenType(jws.header, policy);
  checkCriticalHeaders(jws.header);
  const { issuer, keys } = checkIssuer(jws.claims, issuers);
  try {
    const kid = checkKeyId(jws.header);
    // A known kid is answered from memory; only an unknown one waits for the JWKS.
    await verifySignature(jws, alg, keys.knownKey(kid) ?? (await keys.getKey(kid)));
    checkNotIdToken(jws.header, jws.claims);
    checkAudience(jws.claims, policy);
    checkLifetime(jws.claims, policy, nowS);
    return readPrincipal(jws.claims, policy.scopeClaims);
  } catch (error) {
    if (error instanceof AuthError) error.issuer = issuer;
    throw error;
  }
}
