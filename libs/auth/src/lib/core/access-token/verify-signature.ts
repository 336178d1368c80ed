import { constants, verify, type KeyObject, type VerifyKeyObjectInput } from 'node:crypto';
import type { AccessTokenAlgorithm } from '../access-token-policy';
import { InvalidTokenError } from '../auth-error';
import type { SigningKey } from '../jwks/signing-key';
import type { CompactJws } from './parse-compact-jws';

const HASH_OF: Record<AccessTokenAlgorithm, string> = {
  RS256: 'sha256',
  RS384: 'sha384',
  RS512: 'sha512',
  PS256: 'sha256',
  PS384: 'sha384',
  PS512: 'sha512',
  ES256: 'sha256',
  ES384: 'sha384',
  ES512: 'sha512',
};

/**
 * Checks the JWS signature with node:crypto and the issuer's parsed key. The key must be one the
 * algorithm can use (an RS256 token never verifies against an EC key, nor a key whose JWK names
 * another `alg`).
 *
 * @throws InvalidTokenError `alg_not_allowed` when the key is not for this algorithm, `bad_signature` when the signature does not verify
 */
export async function verifySignature(jws: CompactJws, alg: AccessTokenAlgorithm, signingKey: SigningKey): Promise<void> {
  if (!signingKey.algorithms.includes(alg)) {
    throw new InvalidTokenError('alg_not_allowed', `the token algorithm ${alg} is not one its signing key is for`);
  }
  const valid = await new Promise<boolean>((resolve) => {
    try {
      // The callback form runs in libuv's thread pool: the event loop goes on serving other requests
      // meanwhile. The signing input is base64url text, so latin1 is an exact and the cheapest encoding.
      verify(
        HASH_OF[alg],
        Buffer.from(jws.signingInput, 'latin1'),
        keyInput(alg, signingKey.key),
        Buffer.from(jws.signature, 'base64url'),
        (error, result) => resolve(error === null && result),
      );
    } catch {
      // A signature node:crypto cannot even read (an ECDSA one of the wrong length) does not verify.
      resolve(false);
    }
  });
  if (!valid) {
    throw new InvalidTokenError('bad_signature', 'the token signature does not verify');
  }
}

function keyInput(alg: AccessTokenAlgorithm, key: KeyObject): KeyObject | VerifyKeyObjectInput {
  if (alg.startsWith('PS')) {
    return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
  }
  // JWS carries ECDSA signatures as r || s (RFC 7518 section 3.4), not DER.
  return alg.startsWith('ES') ? { key, dsaEncoding: 'ieee-p1363' } : key;
}
