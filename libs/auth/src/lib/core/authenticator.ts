import type { AccessTokenPolicy } from './access-token-policy';
import { isCompactJws } from './access-token/parse-compact-jws';
import { verifyAccessToken } from './access-token/verify-access-token';
import type { ApiKeyVerifier } from './api-keys/api-key-verifier';
import { InvalidApiKeyError, MissingCredentialsError } from './auth-error';
import { readBearerToken } from './bearer-token';
import type { TokenIntrospector } from './introspection/token-introspector';
import { principalFromIntrospection } from './introspection/principal-from-introspection';
import type { TrustedIssuers } from './jwks/trusted-issuers';
import type { AuthMethod, Principal } from './principal';
import { VerifiedTokenCache } from './verified-token-cache';

/** The request headers authentication reads (Fastify's and Express's both fit). */
export type CredentialHeaders = Readonly<Record<string, string | string[] | undefined>>;

export interface AuthenticatorOptions {
  readonly policy: AccessTokenPolicy;
  /** The policy's issuers with their keys (`TrustedIssuers.fromPolicy`). */
  readonly issuers: TrustedIssuers;
  /** Principals of tokens verified before; default: 10 000 entries for at most `policy.jwksCacheMaxAgeMs`. */
  readonly verifiedTokens?: VerifiedTokenCache;
  /** With `policy.introspection`: checks bearer tokens that are not JWTs. Absent: such a token is `malformed`. */
  readonly introspector?: TokenIntrospector;
  /** Absent: API keys are off, and a request that sends one is refused. */
  readonly apiKeys?: ApiKeyVerifier;
  /** Called for every request an API key is accepted for (usage counts, metrics). */
  readonly onApiKeyAccepted?: (keyId: string) => void;
}

/**
 * Turns a request's credentials into its principal: a bearer token (`Authorization: Bearer`: a
 * JWT verified by `verifyAccessToken`, or an opaque token introspected by `TokenIntrospector`
 * when the policy has introspection) or an API key (`x-api-key-id` + `x-api-key`, verified by
 * `ApiKeyVerifier`), whichever the route accepts. A credential verified before is answered from
 * memory by `cached`, synchronously, keyed by the exact header value: the same bytes verify the
 * same way.
 *
 * @example
 * const authenticator = new Authenticator({ policy, issuers: TrustedIssuers.fromPolicy(policy) });
 * const principal = authenticator.cached(headers, ['bearer']) ?? (await authenticator.authenticate(headers, ['bearer']));
 */
export class Authenticator {
  private readonly verifiedTokens: VerifiedTokenCache;

  constructor(private readonly options: AuthenticatorOptions) {
    this.verifiedTokens = options.verifiedTokens ?? new VerifiedTokenCache(10_000, options.policy.jwksCacheMaxAgeMs);
  }

  /** The principal of a credential verified before and still valid, without waiting; else `undefined`. */
  cached(headers: CredentialHeaders, methods: readonly AuthMethod[]): Principal | undefined {
    if (presentedMethod(headers, methods) === 'bearer') {
      const authorization = headers['authorization'];
      return typeof authorization === 'string' ? this.verifiedTokens.get(authorization) : undefined;
    }
    const { apiKeys } = this.options;
    const id = headers['x-api-key-id'];
    const secret = headers['x-api-key'];
    const principal =
      apiKeys !== undefined && typeof id === 'string' && typeof secret === 'string' ? apiKeys.cached(id, secret) : undefined;
    if (principal?.apiKeyId !== undefined) this.options.onApiKeyAccepted?.(principal.apiKeyId);
    return principal;
  }

  /**
   * Verifies the credential the request presents (the caller has tried `cached` first).
   *
   * @throws MissingCredentialsError, InvalidRequestError, InvalidTokenError or InvalidApiKeyError with the reason
   */
  async authenticate(headers: CredentialHeaders, methods: readonly AuthMethod[]): Promise<Principal> {
    return presentedMethod(headers, methods) === 'bearer' ? this.authenticateBearer(headers) : this.authenticateApiKey(headers);
  }

  private async authenticateBearer(headers: CredentialHeaders): Promise<Principal> {
    const authorization = headers['authorization'];
    const token = readBearerToken(authorization);
    const { policy, introspector } = this.options;
    if (introspector !== undefined && policy.introspection !== undefined && !isCompactJws(token)) {
      const nowMs = Date.now();
      const principal = principalFromIntrospection(await introspector.introspect(token), policy, Math.floor(nowMs / 1000));
      // A revoked token keeps working until its cached answer expires: AUTH_INTROSPECTION_CACHE_S bounds that.
      const reuseUntilS = Math.min(principal.claims['exp'] as number, (nowMs + policy.introspection.cacheMs) / 1000);
      if (policy.introspection.cacheMs > 0) this.verifiedTokens.set(authorization as string, principal, reuseUntilS);
      return principal;
    }
    const principal = await verifyAccessToken(token, policy, this.options.issuers);
    this.verifiedTokens.set(authorization as string, principal, principal.claims['exp'] as number);
    return principal;
  }

  private async authenticateApiKey(headers: CredentialHeaders): Promise<Principal> {
    const { apiKeys } = this.options;
    if (apiKeys === undefined) {
      throw new InvalidApiKeyError('invalid_api_key', 'this server does not accept API keys', undefined);
    }
    const id = headers['x-api-key-id'];
    const secret = headers['x-api-key'];
    if (id === undefined && secret === undefined) {
      throw new MissingCredentialsError('this resource requires an API key in the x-api-key-id and x-api-key headers');
    }
    if (typeof id !== 'string' || typeof secret !== 'string' || id === '' || secret === '') {
      throw new InvalidApiKeyError('invalid_api_key', 'an API key needs exactly one x-api-key-id and one x-api-key header', undefined);
    }
    const principal = await apiKeys.verify(id, secret);
    this.options.onApiKeyAccepted?.(id);
    return principal;
  }
}

/**
 * Which credential to check: with both methods accepted, a request that sends an API-key header
 * is checked as an API key, any other as a bearer token.
 */
function presentedMethod(headers: CredentialHeaders, methods: readonly AuthMethod[]): AuthMethod {
  if (!methods.includes('api_key')) return 'bearer';
  if (!methods.includes('bearer')) return 'api_key';
  return headers['x-api-key-id'] !== undefined || headers['x-api-key'] !== undefined ? 'api_key' : 'bearer';
}
