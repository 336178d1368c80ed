import { normalizeTyp, type AccessTokenPolicy } from '../access-token-policy';
import { InvalidTokenError } from '../auth-error';

/**
 * The header's `typ` must name an access token (`at+jwt`, RFC 9068; `application/at+jwt` and any
 * casing are the same). An OpenID Connect ID token says `JWT` or nothing, so it ends here.
 *
 * @throws InvalidTokenError `wrong_token_type`
 */
export function checkTokenType(header: Readonly<Record<string, unknown>>, policy: Pick<AccessTokenPolicy, 'accessTokenTyp'>): void {
  const { typ } = header;
  if (typeof typ !== 'string' || normalizeTyp(typ) !== policy.accessTokenTyp) {
    throw new InvalidTokenError('wrong_token_type', `the token is not an access token: its typ header must be "${policy.accessTokenTyp}"`);
  }
}
