import * as oauth from 'oauth4webapi';
import type { WebConfig } from './web-config';

/**
 * What orders-spa asks for. read:orders:own too: a user granted only that (bob) still sees their
 * own orders; the auth-server grants each user the intersection with what they may have.
 */
const SCOPE = 'openid profile email offline_access read:orders read:orders:own write:orders';
const ORDERS_API_RESOURCE = 'urn:orders-api';

/**
 * The PKCE verifier, state and nonce must outlive the navigation to the auth-server and back.
 * They are not tokens: alone they grant nothing, they are single-use and are removed as soon as
 * the callback is read. sessionStorage keeps them to this tab; tokens never go there.
 */
const PENDING_SIGN_IN_KEY = 'orders-web:pending-sign-in';

/** Renew this long before the access token expires: a fifth of its lifetime, at most a minute. */
const renewalLeadS = (expiresInS: number): number => Math.min(60, expiresInS / 5);

interface PendingSignIn {
  readonly codeVerifier: string;
  readonly state: string;
  readonly nonce: string;
}

interface Tokens {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  readonly idToken: string;
  /** The ID token's subject: a renewed ID token must name the same user. */
  readonly sub: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** Who is signed in, from the validated ID token. */
export interface SignedInUser {
  readonly sub: string;
  readonly name: string | undefined;
  readonly email: string | undefined;
}

export class SignInError extends Error {
  override readonly name = 'SignInError';
}

/**
 * One user's session with the auth-server: Authorization Code + PKCE (S256) through oauth4webapi,
 * silent renewal with the rotating refresh token, RP-initiated logout. The tokens live in this
 * object's private fields only: in memory, gone when the page is.
 */
export class OidcSession {
  #tokens: Tokens | undefined;
  #renewal: Promise<string> | undefined;
  #timer: number | undefined;

  private constructor(
    private readonly as: oauth.AuthorizationServer,
    private readonly client: oauth.Client,
    /** Plain HTTP only for an http issuer (the local development stack). */
    private readonly http: { [oauth.allowInsecureRequests]?: boolean },
    private readonly origin: string,
    /** Called when renewal fails: the session is over and the user must sign in again. */
    private readonly onEnded: (reason: string) => void,
  ) {}

  static async discover(config: WebConfig, origin: string, onEnded: (reason: string) => void): Promise<OidcSession> {
    const issuer = new URL(config.issuer);
    const http = issuer.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};
    const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, http));
    return new OidcSession(as, { client_id: config.clientId }, http, origin, onEnded);
  }

  private get redirectUri(): string {
    return `${this.origin}/callback`;
  }

  /** Sends the browser to the auth-server's authorization endpoint. */
  async startSignIn(): Promise<void> {
    const pending: PendingSignIn = {
      codeVerifier: oauth.generateRandomCodeVerifier(),
      state: oauth.generateRandomState(),
      nonce: oauth.generateRandomNonce(),
    };
    const url = new URL(this.endpoint('authorization_endpoint'));
    url.search = new URLSearchParams({
      client_id: this.client.client_id,
      redirect_uri: this.redirectUri,
      response_type: 'code',
      scope: SCOPE,
      resource: ORDERS_API_RESOURCE,
      code_challenge: await oauth.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
      // oidc-provider issues a refresh token (offline_access) only when consent was asked for.
      prompt: 'consent',
    }).toString();
    sessionStorage.setItem(PENDING_SIGN_IN_KEY, JSON.stringify(pending));
    window.location.assign(url);
  }

  /**
   * Exchanges the code in `callbackUrl` for tokens. oauth4webapi checks state, the token response
   * and the ID token's iss, aud, azp, exp, iat and nonce; its signature is checked against the
   * issuer's JWKS too, because locally the auth-server is reached over plain HTTP, where TLS cannot
   * vouch for who answered.
   */
  async completeSignIn(callbackUrl: URL): Promise<SignedInUser> {
    const pending = takePendingSignIn();
    if (!pending) throw new SignInError('This sign-in was not started here, or was already used. Log in again.');
    let params: URLSearchParams;
    try {
      params = oauth.validateAuthResponse(this.as, this.client, callbackUrl, pending.state);
    } catch (error) {
      if (error instanceof oauth.AuthorizationResponseError) {
        throw new SignInError(`The auth-server did not sign you in: ${error.error_description ?? error.error}.`);
      }
      throw error;
    }
    const response = await oauth.authorizationCodeGrantRequest(
      this.as,
      this.client,
      oauth.None(),
      params,
      this.redirectUri,
      pending.codeVerifier,
      { ...this.http, additionalParameters: { resource: ORDERS_API_RESOURCE } },
    );
    const result = await oauth.processAuthorizationCodeResponse(this.as, this.client, response, {
      expectedNonce: pending.nonce,
      requireIdToken: true,
    });
    await oauth.validateApplicationLevelSignature(this.as, response, this.http);
    const claims = oauth.getValidatedIdTokenClaims(result);
    if (!claims || result.id_token === undefined) throw new SignInError('The auth-server sent no ID token.');
    this.store(result, result.id_token, claims.sub);
    return {
      sub: claims.sub,
      name: typeof claims['name'] === 'string' ? claims['name'] : undefined,
      email: typeof claims['email'] === 'string' ? claims['email'] : undefined,
    };
  }

  /** A current access token, renewed first when it is about to expire (a timer may have been throttled). */
  async accessToken(): Promise<string> {
    const tokens = this.#tokens;
    if (!tokens) throw new SignInError('You are not signed in.');
    return Date.now() < tokens.expiresAt - 5_000 ? tokens.accessToken : this.renew();
  }

  /**
   * Renews the access token with the refresh token. One renewal at a time: the auth-server rotates
   * refresh tokens and treats a reused one as stolen, ending the whole grant.
   */
  private renew(): Promise<string> {
    this.#renewal ??= this.refresh().finally(() => {
      this.#renewal = undefined;
    });
    return this.#renewal;
  }

  /** Revokes the refresh token, forgets the tokens and ends the session at the auth-server. */
  async signOut(): Promise<void> {
    const tokens = this.#tokens;
    this.forget();
    if (!tokens) return;
    if (tokens.refreshToken !== undefined && this.as.revocation_endpoint) {
      // Best effort: the logout below ends the session whatever the revocation answers.
      await oauth
        .revocationRequest(this.as, this.client, oauth.None(), tokens.refreshToken, this.http)
        .then(oauth.processRevocationResponse)
        .catch(() => undefined);
    }
    const url = new URL(this.endpoint('end_session_endpoint'));
    url.search = new URLSearchParams({
      client_id: this.client.client_id,
      id_token_hint: tokens.idToken,
      post_logout_redirect_uri: `${this.origin}/`,
    }).toString();
    window.location.assign(url);
  }

  private async refresh(): Promise<string> {
    const tokens = this.#tokens;
    if (tokens?.refreshToken === undefined) {
      this.end('Your session has expired. Log in again.');
      throw new SignInError('no refresh token');
    }
    try {
      const response = await oauth.refreshTokenGrantRequest(this.as, this.client, oauth.None(), tokens.refreshToken, {
        ...this.http,
        additionalParameters: { resource: ORDERS_API_RESOURCE },
      });
      const result = await oauth.processRefreshTokenResponse(this.as, this.client, response);
      const claims = oauth.getValidatedIdTokenClaims(result);
      if (claims) {
        if (claims.sub !== tokens.sub) throw new SignInError('the renewed ID token names another user');
        await oauth.validateApplicationLevelSignature(this.as, response, this.http);
      }
      this.store(result, result.id_token ?? tokens.idToken, tokens.sub);
      return result.access_token;
    } catch (error) {
      this.end('Your session could not be renewed. Log in again.');
      throw error;
    }
  }

  private store(result: oauth.TokenEndpointResponse, idToken: string, sub: string): void {
    const expiresInS = result.expires_in ?? 60;
    this.#tokens = {
      accessToken: result.access_token,
      // Rotation: the old refresh token is spent; keep the new one, else the old (no rotation).
      refreshToken: result.refresh_token ?? this.#tokens?.refreshToken,
      idToken,
      sub,
      expiresAt: Date.now() + expiresInS * 1000,
    };
    window.clearTimeout(this.#timer);
    this.#timer = window.setTimeout(
      () => {
        this.renew().catch(() => undefined);
      },
      (expiresInS - renewalLeadS(expiresInS)) * 1000,
    );
  }

  private end(reason: string): void {
    this.forget();
    this.onEnded(reason);
  }

  private forget(): void {
    window.clearTimeout(this.#timer);
    this.#tokens = undefined;
  }

  private endpoint(name: 'authorization_endpoint' | 'end_session_endpoint'): string {
    const url = this.as[name];
    if (typeof url !== 'string') throw new SignInError(`The auth-server's discovery document has no ${name}.`);
    return url;
  }
}

function takePendingSignIn(): PendingSignIn | undefined {
  const raw = sessionStorage.getItem(PENDING_SIGN_IN_KEY);
  sessionStorage.removeItem(PENDING_SIGN_IN_KEY);
  if (raw === null) return undefined;
  const value = JSON.parse(raw) as Partial<PendingSignIn>;
  const { codeVerifier, state, nonce } = value;
  return typeof codeVerifier === 'string' && typeof state === 'string' && typeof nonce === 'string'
    ? { codeVerifier, state, nonce }
    : undefined;
}
