import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';

/**
 * An access token exactly like the issuer's, but signed by a key the issuer no longer publishes:
 * what a service holds when it cached a token across a key retirement (or was handed one by a
 * stale configuration). Resource servers refuse it as `unknown_kid`.
 */
export function retiredKeyToken(claims: { issuer: string; audience: string; clientId: string; scope: string }): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'RS256', typ: 'at+jwt', kid: 'retired-signing-key' });
  const payload = encode({
    iss: claims.issuer,
    aud: claims.audience,
    sub: claims.clientId,
    client_id: claims.clientId,
    scope: claims.scope,
    iat: now,
    exp: now + 600,
    jti: randomUUID(),
  });
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url');
  return `${header}.${payload}.${signature}`;
}
