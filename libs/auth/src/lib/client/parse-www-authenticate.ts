/** One challenge of a `WWW-Authenticate` header (RFC 9110 section 11.6.1). */
export interface WwwAuthenticateChallenge {
  /** As sent; compare case-insensitively (`Bearer`, `bearer`). */
  readonly scheme: string;
  /** Parameter names lower-cased (they are case-insensitive), values unquoted and unescaped. */
  readonly params: Readonly<Record<string, string>>;
  /** The token68 form some schemes use instead of parameters (`Negotiate abc==`). */
  readonly token68?: string;
}

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
const TOKEN68 = /[A-Za-z0-9\-._~+/]+=*(?=[ \t]*(?:,|$))/y;
const OWS = /[ \t]*/y;

/**
 * Parses a `WWW-Authenticate` header value into its challenges, in order. Several challenges may
 * share one header (`fetch` joins repeated headers with ", "). Parsing stops at the first
 * malformed part and returns what it read up to there (the parameters before it included): the
 * header comes from a server and is read for logs and retry decisions, so it must never throw. A repeated parameter keeps its
 * first value (RFC 6750 section 3 allows each at most once).
 *
 * @example
 * parseWwwAuthenticate('Bearer realm="orders-api", error="invalid_token", error_description="the token expired"');
 * // [{ scheme: 'Bearer', params: { realm: 'orders-api', error: 'invalid_token', error_description: 'the token expired' } }]
 */
export function parseWwwAuthenticate(header: string | null | undefined): WwwAuthenticateChallenge[] {
  const text = header ?? '';
  let pos = 0;

  const match = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = pos;
    const found = pattern.exec(text);
    if (found) pos = pattern.lastIndex;
    return found?.[0];
  };
  const skipSeparators = () => {
    while (pos < text.length && /[ \t,]/.test(text[pos])) pos += 1;
  };
  // A parameter is `name = value`; anything else after a comma starts the next challenge.
  const atParameter = (): boolean => {
    const start = pos;
    const name = match(TOKEN);
    match(OWS);
    const isParameter = name !== undefined && text[pos] === '=';
    pos = start;
    return isParameter;
  };
  const readQuoted = (): string | undefined => {
    let value = '';
    for (let i = pos + 1; i < text.length; i += 1) {
      if (text[i] === '"') {
        pos = i + 1;
        return value;
      }
      // quoted-pair: a backslash makes the next character literal (an escaped quote, say).
      if (text[i] === '\\' && i + 1 < text.length) i += 1;
      value += text[i];
    }
    return undefined;
  };

  const challenges: WwwAuthenticateChallenge[] = [];
  skipSeparators();
  while (pos < text.length) {
    const scheme = match(TOKEN);
    const gap = match(OWS);
    // The scheme must end at a space, a comma or the end (`realm="x"` alone has no scheme).
    if (scheme === undefined || (pos < text.length && text[pos] !== ',' && !gap)) break;
    const params = new Map<string, string>();
    const token68 = atParameter() ? undefined : match(TOKEN68);
    let malformed = false;
    while (token68 === undefined && atParameter()) {
      const name = (match(TOKEN) ?? '').toLowerCase();
      match(OWS);
      pos += 1; // the '='
      match(OWS);
      const value = text[pos] === '"' ? readQuoted() : match(TOKEN);
      match(OWS);
      if (value === undefined || (pos < text.length && text[pos] !== ',')) {
        malformed = true;
        break;
      }
      if (!params.has(name)) params.set(name, value);
      skipSeparators();
    }
    challenges.push({ scheme, params: Object.fromEntries(params), ...(token68 === undefined ? {} : { token68 }) });
    if (malformed) break;
    skipSeparators();
  }
  return challenges;
}
