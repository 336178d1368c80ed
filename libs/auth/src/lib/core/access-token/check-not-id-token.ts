import { normalizeTyp } from '../access-token-policy';
import { InvalidTokenError } from '../auth-error';

const CLIENT_CLAIMS = ['client_id', 'azp', 'cid', 'appid'];

/**
 * An ID token is never an access token, whatever `AUTH_ACCESS_TOKEN_TYP` lists: a verified token
 * is refused when it
 *
 * 1. has `at_hash`, `c_hash` or `s_hash` (only ID tokens carry them);
 * 2. has `nonce` and a payload `typ` that is not `Bearer` (Keycloak access tokens say `Bearer`);
 * 3. has a payload `typ` other than `Bearer`, or a `token_use` other than `access` (Keycloak
 *    `ID`, Cognito `id`);
 * 4. has a header `typ` other than `at+jwt` and names no client in `client_id`, `azp`, `cid` or
 *    `appid` (every IdP's access token names its client; an ID token's client is only its `aud`).
 *
 * @throws InvalidTokenError `wrong_token_type`
 */
export function checkNotIdToken(header: Readonly<Record<string, unknown>>, claims: Readonly<Record<string, unknown>>): void {
  const payloadTyp = claims['typ'];
  const tokenUse = claims['token_use'];
  const headerTyp = typeof header['typ'] === 'string' ? normalizeTyp(header['typ']) : undefined;
  const namesClient = CLIENT_CLAIMS.some((name) => typeof claims[name] === 'string' && claims[name] !== '');
  const idToken =
    claims['at_hash'] !== undefined ||
    claims['c_hash'] !== undefined ||
    claims['s_hash'] !== undefined ||
    (claims['nonce'] !== undefined && payloadTyp !== 'Bearer') ||
    (payloadTyp !== undefined && payloadTyp !== 'Bearer') ||
    (tokenUse !== undefined && tokenUse !== 'access') ||
    (headerTyp !== 'at+jwt' && !namesClient);
  if (idToken) {
    throw new InvalidTokenError('wrong_token_type', 'the token is an ID token, not an access token: call APIs with access tokens');
  }
}
