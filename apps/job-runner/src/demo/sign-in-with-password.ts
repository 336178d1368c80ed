import * as oidc from 'openid-client';

export interface SignInRequest {
  readonly issuer: string;
  /** A public client with the authorization code grant (the development `orders-spa`). */
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string;
  readonly resource: string;
  readonly username: string;
  readonly password: string;
}

/**
 * Gets a user's access token the way a browser would, for the demo's seed data: authorization
 * code + PKCE (openid-client) through the auth-server's own login and consent pages, submitted
 * as forms. It understands only those pages; it is not a general browser.
 */
export async function signInWithPassword(request: SignInRequest): Promise<string> {
  const insecure = request.issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : undefined;
  const client = await oidc.discovery(new URL(request.issuer), request.clientId, undefined, oidc.None(), insecure);
  const verifier = oidc.randomPKCECodeVerifier();
  let url = oidc.buildAuthorizationUrl(client, {
    redirect_uri: request.redirectUri,
    scope: request.scope,
    resource: request.resource,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const cookies = new Map<string, string>();
  let response = await send(url, cookies);
  for (let step = 0; step < 12; step += 1) {
    const location = response.headers.get('location');
    if (location !== null) {
      url = new URL(location, url);
      if (url.href.startsWith(request.redirectUri)) {
        const tokens = await oidc.authorizationCodeGrant(client, url, { pkceCodeVerifier: verifier });
        return tokens.access_token;
      }
      response = await send(url, cookies);
      continue;
    }
    const page = await response.text();
    const action = /<form method="post" action="([^"]+\/(?:login|confirm))"/.exec(page)?.[1];
    if (action === undefined) throw new Error(`sign-in stopped on a page with no login or consent form (HTTP ${response.status})`);
    const form: Record<string, string> = action.endsWith('/login') ? { username: request.username, password: request.password } : {};
    response = await send(new URL(action.replace(/&amp;/g, '&'), url), cookies, form);
  }
  throw new Error('sign-in did not finish within 12 steps');
}

async function send(url: URL, cookies: Map<string, string>, form?: Record<string, string>): Promise<Response> {
  const headers: Record<string, string> = {};
  if (cookies.size > 0) headers['cookie'] = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(url, {
    method: form ? 'POST' : 'GET',
    headers,
    redirect: 'manual',
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  for (const cookie of response.headers.getSetCookie()) {
    const [pair = ''] = cookie.split(';');
    const separator = pair.indexOf('=');
    cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
  }
  return response;
}
