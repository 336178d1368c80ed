import { InvalidTokenError } from '../auth-error';

/**
 * The header's `kid` selects the verification key from the issuer's JWKS. It is the only header
 * that does: `jku`, `x5u`, `jwk` and `x5c` are never read, whatever a token says.
 *
 * @throws InvalidTokenError `unknown_kid` when there is no `kid`
 */
export function checkKeyId(header: Readonly<Record<string, unknown>>): string {
  const { kid } = header;
  if (typeof kid !== 'string' || kid === '') {
    throw new InvalidTokenError('unknown_kid', 'the token header has no kid to select a signing key');
  }
  return kid;
}
