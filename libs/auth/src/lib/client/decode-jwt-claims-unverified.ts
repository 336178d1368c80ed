import { decodeBase64urlJsonObject } from '../core/decode-base64url-json';

/** The claims of an access token worth logging; each is present only when the token has it with the expected type. */
export interface UnverifiedJwtClaims {
  readonly iss?: string;
  readonly sub?: string;
  readonly client_id?: string;
  /** Always a list, whether the token has one audience or several. */
  readonly aud?: readonly string[];
  /** The `scope` claim split on spaces (RFC 9068), or its elements when an issuer sends a list. */
  readonly scope?: readonly string[];
  /** Expiry, epoch seconds. */
  readonly exp?: number;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Reads a few claims of a JWT access token WITHOUT verifying it, for logs and for guessing a
 * token's lifetime. Never base an access decision on the result: anyone can write these bytes.
 * Returns null for anything that is not a signed JWT (an opaque token, an encrypted JWT, garbage);
 * never throws, never returns or logs the token itself.
 *
 * @example
 * decodeJwtClaimsUnverified(accessToken); // { aud: ['orders-api'], scope: ['read:orders:any'], exp: 1767225600, ... }
 */
export function decodeJwtClaimsUnverified(token: string): UnverifiedJwtClaims | null {
  const parts = typeof token === 'string' ? token.split('.') : [];
  // A JWS in compact form has three parts; a JWE has five and its claims cannot be read.
  if (parts.length !== 3 || !BASE64URL.test(parts[0]) || !BASE64URL.test(parts[1])) {
    return null;
  }
  const header = decodeBase64urlJsonObject(parts[0]);
  const payload = decodeBase64urlJsonObject(parts[1]);
  if (!header || typeof header['alg'] !== 'string' || !payload) {
    return null;
  }
  const { iss, sub, client_id: clientId, exp } = payload;
  const aud = stringList(payload['aud'], false);
  const scope = stringList(payload['scope'], true);
  return {
    ...(typeof iss === 'string' ? { iss } : {}),
    ...(typeof sub === 'string' ? { sub } : {}),
    ...(typeof clientId === 'string' ? { client_id: clientId } : {}),
    ...(aud ? { aud } : {}),
    ...(scope ? { scope } : {}),
    ...(typeof exp === 'number' && Number.isFinite(exp) ? { exp } : {}),
  };
}

function stringList(value: unknown, splitOnSpaces: boolean): string[] | undefined {
  if (typeof value === 'string') {
    return splitOnSpaces ? value.split(' ').filter(Boolean) : [value];
  }
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value;
  }
  return undefined;
}
