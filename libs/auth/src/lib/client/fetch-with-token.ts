import { type ApiTarget } from './api-target';
import { parseWwwAuthenticate, type WwwAuthenticateChallenge } from './parse-www-authenticate';
import { type ClientCredentialsToken } from './request-client-credentials-token';

/** Where `fetchWithToken` gets tokens: a `ClientCredentialsTokenClient`, or a stand-in in tests. */
export interface BearerTokenSource {
  getToken(api: ApiTarget): Promise<Pick<ClientCredentialsToken, 'accessToken'>>;
  invalidate(api: ApiTarget, accessToken: string): void;
}

export interface FetchWithTokenResult {
  /** The API's answer, whatever its status: the caller decides what a 403 or a 404 means. */
  readonly response: Response;
  /** True when the first token was refused as `invalid_token` and the request was sent again with a new one. */
  readonly retried: boolean;
  /** The token `response` answered (for logging its decoded claims; never log the token itself). */
  readonly accessToken: string;
  /** The Bearer challenge of `response`'s `WWW-Authenticate` header, if it has one (its `error` is the RFC 6750 code). */
  readonly challenge?: WwwAuthenticateChallenge;
  /** When `retried`: the 401 that caused the retry, for callers that log every refusal. */
  readonly retriedAfter?: RefusedAttempt;
}

/** A 401 `invalid_token` answer that was retried with a new token. */
export interface RefusedAttempt {
  readonly challenge: WwwAuthenticateChallenge;
  /** Its body as text (an error document; resource servers put the failure reason there). */
  readonly body: string;
  /** The token it refused (for logging its decoded claims; never log the token itself). */
  readonly accessToken: string;
}

export interface FetchWithTokenOptions {
  /** Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
}

/**
 * Calls an API with `Authorization: Bearer <token for api>`. When the API answers 401 with
 * `error="invalid_token"` (the token expired early, or the issuer rotated its keys), the token is
 * dropped and the request is sent once more with a new one; a second refusal is returned as it
 * is, so a token the API will never accept cannot cause a loop. A 403 is never retried: a new
 * token carries the same grants. A request whose body is a stream is not retried either, since
 * the stream has been read.
 *
 * @throws TokenRequestError when no token can be obtained (the API is not called then)
 *
 * @example
 * const { response, retried, challenge } = await fetchWithToken(tokens, { resource: 'urn:orders-api' }, `${ordersUrl}/orders`);
 * if (response.status === 401 || response.status === 403) log({ event: 'auth_failure', status: response.status, error: challenge?.params.error });
 */
export async function fetchWithToken(
  tokens: BearerTokenSource,
  api: ApiTarget,
  url: string | URL,
  init: RequestInit = {},
  options: FetchWithTokenOptions = {},
): Promise<FetchWithTokenResult> {
  const fetch = options.fetch ?? globalThis.fetch;
  const send = async () => {
    const { accessToken } = await tokens.getToken(api);
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${accessToken}`);
    const response = await fetch(url, { ...init, headers });
    return { response, accessToken, challenge: bearerChallenge(response) };
  };

  const first = await send();
  const refusal = first.response.status === 401 ? first.challenge : undefined;
  if (refusal?.params['error'] !== 'invalid_token' || !isReplayable(init.body)) {
    return {
      response: first.response,
      accessToken: first.accessToken,
      retried: false,
      ...(first.challenge ? { challenge: first.challenge } : {}),
    };
  }
  tokens.invalidate(api, first.accessToken);
  // Read to the end (an error body is small): that also releases the connection for the retry.
  const refusedBody = await first.response.text().catch(() => '');
  const second = await send();
  return {
    response: second.response,
    accessToken: second.accessToken,
    retried: true,
    ...(second.challenge ? { challenge: second.challenge } : {}),
    retriedAfter: { challenge: refusal, body: refusedBody, accessToken: first.accessToken },
  };
}

// Strings, buffers, blobs, form data and URLSearchParams can be sent twice; a stream (web or Node) only once.
function isReplayable(body: RequestInit['body']): boolean {
  return !(body instanceof ReadableStream) && !(typeof body === 'object' && body !== null && Symbol.asyncIterator in body);
}

function bearerChallenge(response: Response): WwwAuthenticateChallenge | undefined {
  return parseWwwAuthenticate(response.headers.get('www-authenticate')).find((challenge) => challenge.scheme.toLowerCase() === 'bearer');
}
