import { InvalidRequestError } from './auth-error';

/** Query parameters a client might put a key in; such a URL is refused before anything reads it. */
const KEY_QUERY_PARAMETERS = new Set(['api_key', 'apikey', 'x-api-key', 'key']);

/**
 * Refuses a request URL that carries an API key in its query string. URLs end up in proxy logs,
 * browser history and `Referer` headers: a key there is leaked, so it is never accepted.
 *
 * @throws InvalidRequestError (400) naming the parameter, never its value
 */
export function refuseCredentialsInUrl(url: string | undefined): void {
  const queryStart = url?.indexOf('?') ?? -1;
  if (url === undefined || queryStart === -1) return;
  for (const name of new URLSearchParams(url.slice(queryStart + 1)).keys()) {
    if (KEY_QUERY_PARAMETERS.has(name.toLowerCase())) {
      throw new InvalidRequestError(
        `API keys are never accepted in the URL (query parameter "${name}"): send the x-api-key-id and x-api-key headers`,
      );
    }
  }
}
