import type { AccessTokenPolicy } from '../access-token-policy';
import { InvalidTokenError } from '../auth-error';

/**
 * `iss` must equal the trusted issuer exactly: no trailing-slash, case or space normalisation.
 * Checked before any key is looked up, so a token from elsewhere costs no JWKS request.
 *
 * @throws InvalidTokenError `wrong_issuer`
 */
export function checkIssuer(claims: Readonly<Record<string, unknown>>, policy: Pick<AccessTokenPolicy, 'issuer'>): void {
  if (claims['iss'] !== policy.issuer) {
    throw new InvalidTokenError('wrong_issuer', 'the token was not issued by the trusted issuer (iss)');
  }
}
