import type { AccessTokenPolicy } from '../access-token-policy';
import { discoverJwksUri } from './discover-jwks-uri';
import { JwksKeyStore } from './jwks-key-store';

/**
 * The trusted issuers, each with its own signing keys: a token is verified only with the keys of
 * the issuer it names, so one issuer can never sign in another's name.
 *
 * @example
 * const issuers = TrustedIssuers.fromPolicy(policy, { onFetchError: (issuer, error) => log(issuer, error) });
 * issuers.keysOf('https://auth.example.com'); // its JwksKeyStore, or undefined for an unlisted issuer
 */
export class TrustedIssuers {
  private readonly stores: ReadonlyMap<string, JwksKeyStore>;

  constructor(stores: Iterable<readonly [issuer: string, keys: JwksKeyStore]>) {
    this.stores = new Map(stores);
  }

  /**
   * One key store per issuer of the policy: keys from `policy.jwksUri` when set (a single issuer),
   * else from the `jwks_uri` of the issuer's own discovery document, resolved at the first fetch.
   */
  static fromPolicy(
    policy: Pick<AccessTokenPolicy, 'issuers' | 'jwksUri' | 'jwksCacheMaxAgeMs' | 'jwksRefetchIntervalMs'>,
    options: { onFetchError?: (issuer: string, error: unknown) => void } = {},
  ): TrustedIssuers {
    const { jwksUri } = policy;
    return new TrustedIssuers(
      policy.issuers.map((issuer) => [
        issuer,
        new JwksKeyStore({
          jwksUri: () => (jwksUri === undefined ? discoverJwksUri(issuer) : Promise.resolve(jwksUri)),
          cacheMaxAgeMs: policy.jwksCacheMaxAgeMs,
          refetchIntervalMs: policy.jwksRefetchIntervalMs,
          onFetchError: (error) => options.onFetchError?.(issuer, error),
        }),
      ]),
    );
  }

  /** The key store of `issuer` when it is trusted (compared exactly); else `undefined`. */
  keysOf(issuer: unknown): JwksKeyStore | undefined {
    return typeof issuer === 'string' ? this.stores.get(issuer) : undefined;
  }
}
