/**
 * Reads `jwks_uri` from the issuer's OpenID Connect discovery document, falling back to the
 * OAuth 2.0 authorization-server metadata (RFC 8414). The document's `issuer` must equal the
 * configured issuer exactly (OIDC Discovery section 4.3), so a mix-up is caught at the first fetch.
 */
export async function discoverJwksUri(issuer: string, timeoutMs = 5000): Promise<string> {
  const base = issuer.replace(/\/+$/, '');
  const locations = [`${base}/.well-known/openid-configuration`, `${base}/.well-known/oauth-authorization-server`];
  let lastProblem = '';
  for (const location of locations) {
    const response = await fetch(location, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    if (!response.ok) {
      lastProblem = `${location} answered ${response.status}`;
      continue;
    }
    const metadata = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (metadata.issuer !== issuer) {
      throw new Error(`discovery document at ${location} names issuer "${String(metadata.issuer)}", expected "${issuer}"`);
    }
    if (typeof metadata.jwks_uri !== 'string') {
      throw new Error(`discovery document at ${location} has no jwks_uri`);
    }
    return metadata.jwks_uri;
  }
  throw new Error(`no discovery document for issuer ${issuer}: ${lastProblem}`);
}
