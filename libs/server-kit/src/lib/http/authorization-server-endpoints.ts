import type { OAuthEndpoints } from '@platform/auth';

const DISCOVERY_TIMEOUT_MS = 2000;
const RETRY_AFTER_FAILURE_MS = 30_000;

/**
 * The authorization and token endpoints of an issuer, from its discovery document
 * (`authorization_endpoint`, `token_endpoint`), so the document is right for any identity
 * provider. Until that document can be read (the issuer starts later, or is down) the answer is
 * oidc-provider's paths under the issuer, which are this platform's auth-server's: the API
 * documentation is served whatever state the issuer is in, and never waits more than 2 s.
 */
export class AuthorizationServerEndpoints {
  /** oidc-provider's paths under the issuer: the answer until discovery succeeds. */
  readonly fallback: OAuthEndpoints;
  private discovered: OAuthEndpoints | undefined;
  private pending: Promise<OAuthEndpoints> | undefined;
  private retryAt = 0;

  constructor(private readonly issuer: string) {
    const base = issuer.replace(/\/$/, '');
    this.fallback = { authorizationUrl: `${base}/auth`, tokenUrl: `${base}/token` };
  }

  /** The same object as long as the answer does not change, so a caller can keep what it built from it. */
  current(): Promise<OAuthEndpoints> {
    if (this.discovered) return Promise.resolve(this.discovered);
    if (Date.now() < this.retryAt) return Promise.resolve(this.fallback);
    this.pending ??= this.discover().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async discover(): Promise<OAuthEndpoints> {
    const location = `${this.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    try {
      const response = await fetch(location, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS), redirect: 'error' });
      const metadata = (response.ok ? await response.json() : undefined) as Record<string, unknown> | undefined;
      const { authorization_endpoint: authorizationUrl, token_endpoint: tokenUrl } = metadata ?? {};
      // The issuer check of OIDC Discovery 4.3: another server's endpoints are not this issuer's.
      if (metadata?.['issuer'] === this.issuer && typeof authorizationUrl === 'string' && typeof tokenUrl === 'string') {
        this.discovered = { authorizationUrl, tokenUrl };
        return this.discovered;
      }
    } catch {
      // Unreachable, slow or not JSON: the fallback below, and another try later.
    }
    this.retryAt = Date.now() + RETRY_AFTER_FAILURE_MS;
    return this.fallback;
  }
}
