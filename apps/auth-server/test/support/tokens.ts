import * as oidc from 'openid-client';
import { FormBrowser } from './form-browser';
import type { RunningAuthServer } from './start-auth-server';

/** How a client authenticates at the introspection and revocation endpoints. */
export interface TestClient {
  readonly clientId: string;
  /** Set: `client_secret_basic`. Unset: a public client, its `client_id` in the body. */
  readonly clientSecret?: string;
}

/** The development client of orders-api as a resource server: it introspects tokens for orders-api. */
export const ORDERS_API_RESOURCE_SERVER: TestClient = { clientId: 'orders-api', clientSecret: 'dev-only-orders-api-secret' };

/** The browser app's public client, to which user tokens are issued. */
export const ORDERS_SPA: TestClient = { clientId: 'orders-spa' };

export interface SignInUserOptions {
  /** A development account (`alice`, `bob`, `ops`); default `alice`. */
  readonly username?: string;
  /** Default: the development accounts' `<username>-password`. */
  readonly password?: string;
  /** Default `openid offline_access read:orders write:orders`. */
  readonly scope?: string;
  /** The API the token is for (RFC 8707); default `urn:orders-api`. */
  readonly resource?: string;
}

export interface UserTokens {
  /** A JWT, or an opaque string for an API in OPAQUE_TOKEN_APIS. */
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  readonly idToken: string | undefined;
  readonly scope: string | undefined;
  readonly expiresIn: number | undefined;
}

/**
 * Signs a user in as orders-web does (Authorization Code + PKCE S256 as the public client
 * `orders-spa`), through the real login and consent pages, and returns the token response.
 */
export async function signInUser(server: RunningAuthServer, options: SignInUserOptions = {}): Promise<UserTokens> {
  const username = options.username ?? 'alice';
  const redirectUri = 'http://localhost:5173/callback';
  const config = await oidc.discovery(new URL(server.url), ORDERS_SPA.clientId, undefined, oidc.None(), {
    execute: [oidc.allowInsecureRequests],
  });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: options.scope ?? 'openid offline_access read:orders write:orders',
    resource: options.resource ?? 'urn:orders-api',
    // oidc-provider grants offline_access (a refresh token) only when consent was asked for.
    prompt: 'consent',
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const { url: callback } = await new FormBrowser().completeFlow(
    url,
    { username, password: options.password ?? `${username}-password` },
    redirectUri,
  );
  if (!callback) throw new Error(`the sign-in of ${username} did not return to ${redirectUri}`);
  const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    idToken: tokens.id_token,
    scope: tokens.scope,
    expiresIn: tokens.expires_in,
  };
}

/** The introspection endpoint's answer (RFC 7662), as sent: tests assert the status and every member. */
export interface IntrospectionResult {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** Asks the introspection endpoint about `token`, as `client` (by default orders-api's resource server). */
export async function introspectToken(
  server: RunningAuthServer,
  token: string,
  client: TestClient = ORDERS_API_RESOURCE_SERVER,
): Promise<IntrospectionResult> {
  const response = await postForm(server.introspectionUrl, { token }, client);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * Revokes `token` (RFC 7009) as `client`, by default the user's app `orders-spa`: a client
 * revokes only its own tokens, and the server answers 200 either way.
 */
export async function revokeToken(server: RunningAuthServer, token: string, client: TestClient = ORDERS_SPA): Promise<Response> {
  return postForm(`${server.url}/token/revocation`, { token }, client);
}

async function postForm(url: string, form: Record<string, string>, client: TestClient): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  const body = new URLSearchParams(form);
  if (client.clientSecret === undefined) {
    body.set('client_id', client.clientId);
  } else {
    // RFC 6749 2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
    const credentials = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`;
    headers['authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  return fetch(url, { method: 'POST', headers, body });
}
