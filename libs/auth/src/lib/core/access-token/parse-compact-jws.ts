import { InvalidTokenError } from '../auth-error';
import { decodeBase64urlJsonObject } from '../decode-base64url-json';

/** A compact JWS, split and decoded; nothing in it is verified yet. */
export interface CompactJws {
  /** The protected header. */
  readonly header: Readonly<Record<string, unknown>>;
  /** The payload: the token's claims, unverified. */
  readonly claims: Readonly<Record<string, unknown>>;
  /** `header.payload`, the bytes the signature covers (ASCII). */
  readonly signingInput: string;
  /** The signature segment, still base64url. */
  readonly signature: string;
}

// Three base64url segments without padding; the signature may be empty (alg "none"), which the
// algorithm rule refuses by name. One pass over the token, before anything is decoded.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Whether `token` has the shape of a compact JWS; anything else may be an opaque token. */
export function isCompactJws(token: string): boolean {
  return COMPACT_JWS.test(token);
}

/**
 * Splits a compact JWS (RFC 7515 section 7.1) and decodes its header and payload as JSON objects.
 * A JWE (five parts), a JSON serialization or anything that is not base64url is refused here.
 *
 * @throws InvalidTokenError `malformed`
 *
 * @example
 * parseCompactJws('eyJhbGciOi...').header.alg; // 'RS256'
 */
export function parseCompactJws(token: string): CompactJws {
  if (!COMPACT_JWS.test(token)) {
    throw new InvalidTokenError('malformed', 'the token is not a signed JWT (three dot-separated base64url parts)');
  }
  const headerEnd = token.indexOf('.');
  const payloadEnd = token.indexOf('.', headerEnd + 1);
  const header = decodeBase64urlJsonObject(token.slice(0, headerEnd));
  if (header === undefined) {
    throw new InvalidTokenError('malformed', 'the token header is not base64url-encoded JSON');
  }
  const claims = decodeBase64urlJsonObject(token.slice(headerEnd + 1, payloadEnd));
  if (claims === undefined) {
    throw new InvalidTokenError('malformed', 'the token payload is not a base64url-encoded JSON object');
  }
  return { header, claims, signingInput: token.slice(0, payloadEnd), signature: token.slice(payloadEnd + 1) };
}
