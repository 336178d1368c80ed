/**
 * Reads `jwks_uri` from the issuer's OpenID Connect discovery document, at
 * `<issuer without one trailing "/">/.well-known/openid-configuration` (so Auth0's
 * `https://tenant.auth0.com/` works as configured). The document's `issuer` must equal the
 * configured issuer exactly (OIDC Discovery section 4.3), so a mix-up is caught at the first fetch.
 */
export async function discoverJwksUri(issuer: string, timeoutMs = 5000): Promise<string> {
  const location = `${issuer.endsWith('/') ? issuer.slice(0, -1) : issuer}/.well-known/openid-configuration`;
  const response = await fetch(location, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`no discovery document for issuer ${issuer}: ${location} answered ${response.status}`);
  }
  const metadata = (await response.json().catch(() => undefined)) as { issuer?: unknown; jwks_uri?: unknown } | null | undefined;
  if (metadata?.issuer !== issuer) {
    throw new Error(`discovery document at ${location} names issuer "${String(metadata?.issuer)}", expected "${issuer}"`);
  }
  if (typeof metadata.jwks_uri !== 'string' || !URL.canParse(metadata.jwks_uri)) {
    throw new Error(`discovery document at ${location} has no jwks_uri URL`);
  }
  return metadata.jwks_uri;
}
