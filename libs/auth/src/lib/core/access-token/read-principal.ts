import { InvalidTokenError } from '../auth-error';
import type { Principal } from '../principal';
import { isMachineToken } from './is-machine-token';

/** Where identity providers name the client: RFC 9068 `client_id`, OIDC `azp`, Okta `cid`, Entra v1 `appid`. */
const CLIENT_ID_CLAIMS = ['client_id', 'azp', 'cid', 'appid'] as const;

/**
 * Turns the claims of a verified access token into the principal: `sub` is required, `scope` is
 * a space-separated string (RFC 9068 section 2.2.3), the client is the first of `client_id`,
 * `azp`, `cid`, `appid` that is a non-empty string, and `isClientCredentials` says whether the
 * token is a machine's (`isMachineToken`).
 *
 * @throws InvalidTokenError `malformed` when `sub` is missing or `scope` is not a string
 */
export function readPrincipal(claims: Readonly<Record<string, unknown>>): Principal {
  const sub = claims['sub'];
  if (typeof sub !== 'string' || sub === '') {
    throw new InvalidTokenError('malformed', 'the token has no sub claim');
  }
  const scope = claims['scope'] ?? '';
  if (typeof scope !== 'string') {
    throw new InvalidTokenError('malformed', 'the token scope claim must be a space-separated string');
  }
  const clientId = readClientId(claims);
  return {
    sub,
    clientId,
    scopes: scope === '' ? [] : scope.split(' ').filter((s) => s !== ''),
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
