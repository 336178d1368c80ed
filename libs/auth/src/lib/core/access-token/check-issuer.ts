import { InvalidTokenError } from '../auth-error';
import type { JwksKeyStore } from '../jwks/jwks-key-store';
import type { TrustedIssuers } from '../jwks/trusted-issuers';

/**
 * `iss` must equal one of the trusted issuers exactly: no trailing-slash, case or space
 * normalisation. Checked before any key is looked up, so a token from elsewhere costs no JWKS
 * request, and it picks the only keys the token may be verified with: its own issuer's.
 *
 * @throws InvalidTokenError `wrong_issuer`
 */
export function checkIssuer(
  claims: Readonly<Record<string, unknown>>,
  issuers: TrustedIssuers,
): { readonly issuer: string; readonly keys: JwksKeyStore } {
  const issuer = claims['iss'];
  const keys = issuers.keysOf(issuer);
  if (keys === undefined) {
    throw new InvalidTokenError('wrong_issuer', 'the token was not issued by a trusted issuer (iss)');
  }
  return { issuer: issuer as string, keys };
}
