import { type ApiTarget } from './api-target';
import { decodeJwtClaimsUnverified } from './decode-jwt-claims-unverified';
import { describeNetworkFailure } from './network-failure';
import { OAUTH_TOKEN_ERROR_CODES, TokenRequestError, type TokenRequestErrorCode } from './token-request-error';

/** An access token for one API, as the token endpoint granted it. */
export interface ClientCredentialsToken {
  readonly accessToken: string;
  /**
   * Expiry, epoch seconds: from `expires_in`, else from the JWT's `exp` (read, not verified).
   * Absent when the server said neither; such a token is used once and not cached.
   */
  readonly expiresAt?: number;
  /** The scopes granted, when the server said (RFC 6749 section 5.1). */
  readonly scope?: readonly string[];
}

export interface ClientCredentialsTokenRequest {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  api: ApiTarget;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
  /** Epoch milliseconds; `expiresAt` counts from when the request was sent. */
  now?: () => number;
}

// RFC 6750 section 2.1 b64token: anything else could not be sent in an Authorization header.
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * One client-credentials token request (RFC 6749 section 4.4) for one API, with
 * `client_secret_basic` authentication, `resource` (RFC 8707) and/or `audience`, and no `scope`:
 * the token carries every scope the client is granted for that API.
 *
 * A small fetch-based request rather than openid-client's `clientCredentialsGrant`: that one
 * reports a 401 from the token endpoint as a `WWWAuthenticateChallengeError` whose OAuth code has
 * to be read from the response again, spreads failures over four error classes, and compares the
 * discovered issuer after URL normalisation (a trailing slash passes) where this platform compares
 * exactly. Here every failure becomes one `TokenRequestError` with a closed `code`.
 *
 * @throws TokenRequestError
 *
 * @example
 * const { accessToken } = await requestClientCredentialsToken({
 *   tokenEndpoint: 'http://localhost:3000/token', clientId: 'job-runner', clientSecret, api: { resource: 'urn:orders-api' },
 * });
 */
export async function requestClientCredentialsToken(request: ClientCredentialsTokenRequest): Promise<ClientCredentialsToken> {
  const { api, clientSecret } = request;
  const fetch = request.fetch ?? globalThis.fetch;
  const timeoutMs = request.timeoutMs ?? 10_000;
  const sentAt = (request.now ?? Date.now)();
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (api.resource) body.set('resource', api.resource);
  if (api.audience) body.set('audience', api.audience);

  let response: Response;
  let text: string;
  try {
    response = await fetch(request.tokenEndpoint, {
      method: 'POST',
      headers: {
        authorization: basicAuthorization(request.clientId, clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body,
      // A redirect would re-send the credentials somewhere discovery did not name.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw new TokenRequestError('network_error', { api, errorDescription: describeNetworkFailure(error, timeoutMs), cause: error });
  }

  const json = parseJsonObject(text);
  if (!response.ok) {
    const oauthError = typeof json?.['error'] === 'string' ? json['error'] : undefined;
    const serverDescription = typeof json?.['error_description'] === 'string' ? json['error_description'] : undefined;
    // The endpoint's text is passed on to logs: make sure it cannot echo the secret there.
    const errorDescription = clientSecret ? serverDescription?.split(clientSecret).join('[redacted]') : serverDescription;
    throw new TokenRequestError(errorCode(response.status, oauthError), { api, status: response.status, oauthError, errorDescription });
  }
  const invalid = (errorDescription: string) =>
    new TokenRequestError('invalid_response', { api, status: response.status, errorDescription });
  if (!json) {
    throw invalid('the token endpoint did not answer with a JSON object');
  }
  const { access_token: accessToken, token_type: tokenType, expires_in: expiresIn, scope } = json;
  if (typeof accessToken !== 'string' || !B64TOKEN.test(accessToken)) {
    throw invalid('the token response has no access_token a bearer header can carry');
  }
  // A DPoP- or MAC-bound token would be refused as a bearer token: say so here, not at the API.
  if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') {
    throw invalid(`the token response has token_type ${JSON.stringify(tokenType)}, expected Bearer`);
  }
  const expiresAt = lifetimeEnd(sentAt, expiresIn) ?? decodeJwtClaimsUnverified(accessToken)?.exp;
  return Object.freeze({
    accessToken,
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(typeof scope === 'string' ? { scope: Object.freeze(scope.split(' ').filter(Boolean)) } : {}),
  });
}

// RFC 6749 section 2.3.1: id and secret are form-urlencoded before base64, so a ':' or '%' in
// either survives. encodeURIComponent leaves !'()~ alone and writes a space as %20; the form
// encoding escapes those and writes a space as '+'.
function basicAuthorization(clientId: string, clientSecret: string): string {
  const formEncode = (value: string) =>
    encodeURIComponent(value)
      .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
      .replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`;
}

function errorCode(status: number, oauthError: string | undefined): TokenRequestErrorCode {
  if (oauthError !== undefined) {
    return OAUTH_TOKEN_ERROR_CODES.has(oauthError) ? (oauthError as TokenRequestErrorCode) : 'oauth_error';
  }
  return status >= 500 ? 'server_error' : 'invalid_response';
}

function lifetimeEnd(sentAtMs: number, expiresIn: unknown): number | undefined {
  // Counted from when the request left, not when the answer came: errs on the early side.
  const seconds = typeof expiresIn === 'string' && /^\d+$/.test(expiresIn) ? Number(expiresIn) : expiresIn;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? Math.floor(sentAtMs / 1000) + seconds : undefined;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    // Not JSON: the caller reports it as invalid_response (or server_error for a 5xx page).
    return undefined;
  }
}
