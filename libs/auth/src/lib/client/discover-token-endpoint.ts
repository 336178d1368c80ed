import { describeNetworkFailure } from './network-failure';
import { TokenRequestError } from './token-request-error';

export interface DiscoverTokenEndpointOptions {
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}

/**
 * Reads `token_endpoint` from the issuer's OpenID Connect discovery document. The document's
 * `issuer` must equal the configured issuer exactly (OIDC Discovery section 4.3), the rule the
 * resource servers apply to `iss`: a client secret is only ever sent where that issuer says.
 *
 * @throws TokenRequestError `discovery_failed` (no document, not JSON, another issuer, no
 *   token_endpoint) or `network_error`
 *
 * @example
 * await discoverTokenEndpoint('http://localhost:3000'); // 'http://localhost:3000/token'
 */
export async function discoverTokenEndpoint(issuer: string, options: DiscoverTokenEndpointOptions = {}): Promise<string> {
  const fetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const location = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const failed = (errorDescription: string, status?: number) => new TokenRequestError('discovery_failed', { errorDescription, status });

  let response: Response;
  let text: string;
  try {
    // Redirects are not followed: the document must be where the issuer identifier says.
    response = await fetch(location, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
      headers: { accept: 'application/json' },
    });
    text = await response.text();
  } catch (error) {
    throw new TokenRequestError('network_error', {
      errorDescription: `${location}: ${describeNetworkFailure(error, timeoutMs)}`,
      cause: error,
    });
  }
  if (response.status !== 200) {
    throw failed(`${location} answered ${response.status}`, response.status);
  }
  let metadata: unknown;
  try {
    metadata = JSON.parse(text);
  } catch {
    throw failed(`${location} did not answer with JSON`, response.status);
  }
  const { issuer: documentIssuer, token_endpoint: tokenEndpoint } = (metadata ?? {}) as { issuer?: unknown; token_endpoint?: unknown };
  if (documentIssuer !== issuer) {
    throw failed(`the discovery document at ${location} names issuer "${String(documentIssuer)}", expected "${issuer}"`);
  }
  if (typeof tokenEndpoint !== 'string' || !URL.canParse(tokenEndpoint)) {
    throw failed(`the discovery document at ${location} has no absolute token_endpoint`);
  }
  return tokenEndpoint;
}
