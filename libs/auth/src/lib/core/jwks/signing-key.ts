import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { SUPPORTED_ALGORITHMS, type AccessTokenAlgorithm } from '../access-token-policy';

/** A verification key of the issuer, parsed once when the JWKS is fetched. */
export interface SigningKey {
  readonly kid: string;
  readonly key: KeyObject;
  /** The algorithms this key may verify: its key type and curve, narrowed by the JWK's `alg`. */
  readonly algorithms: readonly AccessTokenAlgorithm[];
}

const CURVE_OF: Partial<Record<AccessTokenAlgorithm, string>> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };
/** RSA keys below 2048 bits are refused, as jose and RFC 7518 section 3.3 require. */
const MIN_RSA_BITS = 2048;

/**
 * The signing keys of a JWKS document (RFC 7517): keys with a `kid`, meant for signatures (`use`
 * absent or `sig`), of a type an accepted algorithm can use. Other keys are skipped, not fatal:
 * an issuer may publish encryption keys or keys for other algorithms beside its signing keys.
 *
 * @example
 * importSigningKeys(await (await fetch(jwksUri)).json()); // [{ kid, key, algorithms: ['RS256', ...] }]
 */
export function importSigningKeys(jwks: { readonly keys: readonly unknown[] }): SigningKey[] {
  const imported: SigningKey[] = [];
  for (const jwk of jwks.keys) {
    const signingKey = importSigningKey(jwk);
    if (signingKey) imported.push(signingKey);
  }
  return imported;
}

function importSigningKey(jwk: unknown): SigningKey | undefined {
  if (typeof jwk !== 'object' || jwk === null) return undefined;
  const { kid, use, alg, kty } = jwk as Record<string, unknown>;
  if (typeof kid !== 'string' || kid === '' || (use !== undefined && use !== 'sig') || (kty !== 'RSA' && kty !== 'EC')) return undefined;
  let key: KeyObject;
  try {
    // A public key even from a JWK that carelessly carries private members.
    key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch {
    return undefined; // not a valid key of its kty: skipped like any other unusable entry
  }
  const algorithms = SUPPORTED_ALGORITHMS.filter((candidate) => (alg === undefined || alg === candidate) && fits(key, candidate));
  return algorithms.length === 0 ? undefined : { kid, key, algorithms };
}

function fits(key: KeyObject, alg: AccessTokenAlgorithm): boolean {
  const details = key.asymmetricKeyDetails ?? {};
  if (alg.startsWith('RS') || alg.startsWith('PS')) {
    return key.asymmetricKeyType === 'rsa' && (details.modulusLength ?? 0) >= MIN_RSA_BITS;
  }
  return key.asymmetricKeyType === 'ec' && details.namedCurve === CURVE_OF[alg];
}
