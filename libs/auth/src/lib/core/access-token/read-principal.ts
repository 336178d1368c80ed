import { InvalidTokenError } from '../auth-error';
import type { Principal } from '../principal';
import { isMachineToken } from './is-machine-token';

const DEFAULT_SCOPE_CLAIMS = ['scope', 'scp'];

/** Where identity providers name the client: RFC 9068 `client_id`, OIDC `azp`, Okta `cid`, Entra v1 `appid`. */
const CLIENT_ID_CLAIMS = ['client_id', 'azp', 'cid', 'appid'] as const;

/**
 * Turns the claims of a verified access token into the principal: `sub` is required; the scopes
 * are the union of the policy's scope claims (`scope`, `scp` by default), each a space-separated
 * string (RFC 9068 section 2.2.3) or an array of strings (Okta `scp`); the client is the first of `client_id`,
 * `azp`, `cid`, `appid` that is a non-empty string, and `isClientCredentials` says whether the
 * token is a machine's (`isMachineToken`).
 *
 * @throws InvalidTokenError `malformed` when `sub` is missing or a scope claim has another type
 */
export function readPrincipal(claims: Readonly<Record<string, unknown>>, scopeClaims: readonly string[] = DEFAULT_SCOPE_CLAIMS): Principal {
  const sub = claims['sub'];
  if (typeof sub !== 'string' || sub === '') {
    throw new InvalidTokenError('malformed', 'the token has no sub claim');
  }
  const scopes = readScopes(claims, scopeClaims);
  const clientId = readClientId(claims);
  return {
    sub,
    clientId,
    scopes,
    authMethod: 'bearer',
    isClientCredentials: isMachineToken(claims, clientId),
    claims,
  };
}

function readClientId(claims: Readonly<Record<string, unknown>>): string | null {
  for (const name of CLIENT_ID_CLAIMS) {
    const value = claims[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

function readScopes(claims: Readonly<Record<string, unknown>>, scopeClaims: readonly string[]): string[] {
  const scopes = new Set<string>();
  for (const name of scopeClaims) {
    const value = claims[name];
    if (value === undefined) continue;
    if (typeof value === 'string') {
      for (const scope of value.split(' ')) if (scope !== '') scopes.add(scope);
    } else if (Array.isArray(value) && value.every((scope) => typeof scope === 'string')) {
      for (const scope of value) if (scope !== '') scopes.add(scope);
    } else {
      throw new InvalidTokenError('malformed', `the token ${name} claim must be a space-separated string or an array of strings`);
    }
  }
  return [...scopes];
}
