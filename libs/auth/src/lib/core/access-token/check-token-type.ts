import { normalizeTyp, type AccessTokenPolicy } from '../access-token-policy';
import { InvalidTokenError } from '../auth-error';

/**
 * The header's `typ` must be one the policy accepts: `at+jwt` by default (RFC 9068;
 * `application/at+jwt` and any casing are the same), `jwt` and `none` (no `typ`) only when
 * listed, for identity providers that send those. Whatever is listed, `checkNotIdToken` still
 * refuses ID tokens once the token is verified.
 *
 * @throws InvalidTokenError `wrong_token_type`
 */
export function checkTokenType(header: Readonly<Record<string, unknown>>, policy: Pick<AccessTokenPolicy, 'accessTokenTyps'>): void {
  const { typ } = header;
  const accepted =
    typ === undefined
      ? policy.accessTokenTyps.includes('none')
      : typeof typ === 'string' && (policy.accessTokenTyps as readonly string[]).includes(normalizeTyp(typ));
  if (!accepted) {
    const expected = policy.accessTokenTyps.map((t) => (t === 'none' ? 'no typ' : `"${t}"`)).join(' or ');
    throw new InvalidTokenError('wrong_token_type', `the token is not an access token: its typ header must be ${expected}`);
  }
}
