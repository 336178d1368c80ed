import { normalizeTyp, type AccessTokenPolicy, type AccessTokenAlgorithm } from './access-token-policy';
import { InvalidTokenError } from './auth-error';

/** The header fields verification relies on, after the checks below. */
export interface AccessTokenHeader {
  readonly alg: AccessTokenAlgorithm;
  readonly kid: string;
}

/**
 * Checks a JWT's protected header before any key is looked up. jsonwebtoken ignores `typ` and
 * `crit`, so they are checked here. `jku`, `x5u`, `jwk` and `x5c` are never read: keys come only
 * from the configured JWKS, whatever a token says.
 *
 * @throws InvalidTokenError `malformed`, `alg_not_allowed`, `wrong_token_type` or `unknown_kid`
 */
export function checkAccessTokenHeader(token: string, policy: AccessTokenPolicy): AccessTokenHeader {
  const parts = token.split('.');
  if (parts.length !== 3) {
    throw new InvalidTokenError('malformed', 'the token is not a signed JWT (three dot-separated parts)');
  }
  const header = decodeJsonSegment(parts[0]);
  if (header === undefined) {
    throw new InvalidTokenError('malformed', 'the token header is not base64url-encoded JSON');
  }
  const { alg, typ, crit, kid } = header;
  if (typeof alg !== 'string' || !(policy.algorithms as readonly string[]).includes(alg)) {
    throw new InvalidTokenError('alg_not_allowed', `the token algorithm is not accepted (accepted: ${policy.algorithms.join(', ')})`);
  }
  if (typeof typ !== 'string' || normalizeTyp(typ) !== policy.accessTokenTyp) {
    throw new InvalidTokenError('wrong_token_type', `the token is not an access token: its typ header must be "${policy.accessTokenTyp}"`);
  }
  // RFC 7515 4.1.11: a recipient must reject a token whose crit names an extension it does not
  // process. This verifier processes none, so any crit is a rejection.
  if (crit !== undefined) {
    throw new InvalidTokenError('malformed', 'the token header lists critical extensions this API does not support');
  }
  if (typeof kid !== 'string' || kid === '') {
    throw new InvalidTokenError('unknown_kid', 'the token header has no kid to select a signing key');
  }
  return { alg: alg as AccessTokenAlgorithm, kid };
}

function decodeJsonSegment(segment: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
