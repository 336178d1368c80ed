import { AuthConfigError } from './auth-config-error';

/** Signature algorithms a resource server may accept: asymmetric only. */
export const SUPPORTED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;
export type AccessTokenAlgorithm = (typeof SUPPORTED_ALGORITHMS)[number];

/** What `AuthModule.forRoot()` takes. Everything but `issuer` and `audience` has a strict default. */
export interface AuthOptions {
  /**
   * The trusted issuer, or several (a list, or a comma-separated string). A token's `iss` must
   * equal one exactly (no trailing-slash, case or space normalisation); each issuer's keys come
   * from its own discovery document.
   */
  issuer: string | readonly string[];
  /** The token's `aud` (string or array) must contain it. */
  audience: string;
  /** Where the signing keys are; default: the `jwks_uri` of the issuer's discovery document. Only with a single issuer. */
  jwksUri?: string;
  /** Allow-list; default `['RS256']`. `none` and HS* are refused. */
  algorithms?: readonly string[];
  /** Leeway for `exp` and `nbf`, in seconds; default 60. */
  clockToleranceS?: number;
  /**
   * Accepted header `typ` values, a list or a comma-separated string: `at+jwt` (RFC 9068, the
   * default), `jwt` (`typ: "JWT"`), `none` (no `typ`). ID tokens are refused whatever this says.
   */
  accessTokenTyp?: string | readonly string[];
  /** Claims read as scopes (each a space-separated string or an array of strings, united); default `scope`, `scp`. */
  scopeClaims?: readonly string[];
  /** App-client ids whose tokens may carry no `aud` at all (Cognito access tokens); default none. */
  audienceClientIds?: readonly string[];
  /**
   * Opaque (non-JWT) bearer tokens are checked by RFC 7662 introspection at `url`, as the client
   * `clientId` (`client_secret_basic`); active answers are reused for `cacheS` (default 30), never
   * past the token's `exp`. Absent: a token that is not a JWT is `malformed`.
   */
  introspection?: { url: string; clientId: string; clientSecret: string; cacheS?: number };
  /** The `realm` of `WWW-Authenticate` challenges; default: the audience. */
  realm?: string;
  /** How long fetched signing keys are trusted before a background refresh; default 600. */
  jwksCacheMaxAgeS?: number;
  /** At most one JWKS fetch per this many seconds for unknown `kid`s; default 30. */
  jwksRefetchIntervalS?: number;
  /** Turns on API keys (`@AuthMethods('api_key')`); the app provides `API_KEY_LOOKUP`. */
  apiKeys?: { pepper: string };
  /** Shares rate-limit counts and API-key revocations between replicas; default: in-process only. */
  redisUrl?: string;
  /** The request budget per minute of each bearer client (API keys carry their own); default 1200. */
  bearerRateLimitPerMinute?: number;
}

/** `AuthOptions` checked and completed with defaults. */
export interface AccessTokenPolicy {
  /** The trusted issuers, in the order configured, without duplicates. */
  readonly issuers: readonly string[];
  readonly audience: string;
  readonly jwksUri: string | undefined;
  readonly algorithms: readonly AccessTokenAlgorithm[];
  readonly clockToleranceS: number;
  /** The accepted header `typ` values, normalised; `none` stands for a token without `typ`. */
  readonly accessTokenTyps: readonly AccessTokenTyp[];
  readonly scopeClaims: readonly string[];
  readonly audienceClientIds: readonly string[];
  readonly introspection: IntrospectionPolicy | undefined;
  readonly realm: string;
  readonly jwksCacheMaxAgeMs: number;
  readonly jwksRefetchIntervalMs: number;
  readonly apiKeyPepper: string | undefined;
  readonly redisUrl: string | undefined;
  readonly bearerRateLimitPerMinute: number;
}

/** Where and as whom opaque tokens are introspected, and how long an active answer is reused. */
export interface IntrospectionPolicy {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly cacheMs: number;
}

/** The header `typ` values a policy may accept. */
export const ACCESS_TOKEN_TYPS = ['at+jwt', 'jwt', 'none'] as const;
export type AccessTokenTyp = (typeof ACCESS_TOKEN_TYPS)[number];

/** Names used in problem messages: option names by default, environment variables from `authOptionsFromEnv`. */
export type AuthOptionLabels = Record<
  | 'issuer'
  | 'audience'
  | 'jwksUri'
  | 'algorithms'
  | 'clockToleranceS'
  | 'accessTokenTyp'
  | 'scopeClaims'
  | 'audienceClientIds'
  | 'introspectionUrl'
  | 'introspectionClient'
  | 'introspectionCacheS',
  string
>;

const OPTION_LABELS: AuthOptionLabels = {
  issuer: 'issuer',
  audience: 'audience',
  jwksUri: 'jwksUri',
  algorithms: 'algorithms',
  clockToleranceS: 'clockToleranceS',
  accessTokenTyp: 'accessTokenTyp',
  scopeClaims: 'scopeClaims',
  audienceClientIds: 'audienceClientIds',
  introspectionUrl: 'introspection.url',
  introspectionClient: 'introspection.clientId and introspection.clientSecret',
  introspectionCacheS: 'introspection.cacheS',
};

/**
 * Validates options and applies the strict defaults.
 *
 * @throws AuthConfigError listing every problem, one line each
 */
export function resolveAuthOptions(options: AuthOptions, labels: AuthOptionLabels = OPTION_LABELS): AccessTokenPolicy {
  const problems: string[] = [];
  const issuers = checkIssuers(options.issuer, labels.issuer, problems);
  if (typeof options.audience !== 'string' || options.audience.trim() === '') {
    problems.push(`${labels.audience} must be a non-empty string`);
  }
  const jwksUri = options.jwksUri === undefined ? undefined : checkUrl(options.jwksUri, labels.jwksUri, problems);
  if (jwksUri !== undefined && issuers.length > 1) {
    // One key set for several issuers would let each sign tokens in the others' name.
    problems.push(
      `${labels.jwksUri} is allowed only with a single ${labels.issuer}: with several issuers, each one's keys come from its own discovery document`,
    );
  }
  const algorithms = checkAlgorithms(options.algorithms ?? ['RS256'], labels.algorithms, problems);
  const clockToleranceS = options.clockToleranceS ?? 60;
  if (!Number.isInteger(clockToleranceS) || clockToleranceS < 0 || clockToleranceS > 300) {
    problems.push(`${labels.clockToleranceS} must be a whole number of seconds from 0 to 300, got ${String(clockToleranceS)}`);
  }
  const accessTokenTyps = checkTyps(options.accessTokenTyp ?? 'at+jwt', labels.accessTokenTyp, problems);
  const scopeClaims = checkNames(options.scopeClaims ?? ['scope', 'scp'], labels.scopeClaims, 'claim names', problems);
  const audienceClientIds = checkNames(options.audienceClientIds ?? [], labels.audienceClientIds, 'client ids', problems, true);
  const introspection = options.introspection === undefined ? undefined : checkIntrospection(options.introspection, labels, problems);
  if (options.apiKeys !== undefined && (typeof options.apiKeys.pepper !== 'string' || options.apiKeys.pepper.length < 32)) {
    // Never echo the pepper, not even a short one.
    problems.push('the API-key pepper must be at least 32 characters (a long random value)');
  }
  if (options.redisUrl !== undefined && !/^rediss?:\/\//.test(options.redisUrl)) {
    problems.push('the Redis URL must start with redis:// or rediss://');
  }
  const bearerRateLimitPerMinute = options.bearerRateLimitPerMinute ?? 1200;
  if (!Number.isInteger(bearerRateLimitPerMinute) || bearerRateLimitPerMinute < 1 || bearerRateLimitPerMinute > 10_000_000) {
    problems.push(
      `the bearer rate limit must be a whole number of requests per minute from 1 to 10000000, got ${String(bearerRateLimitPerMinute)}`,
    );
  }
  if (problems.length > 0) {
    throw new AuthConfigError(problems);
  }
  return {
    issuers,
    audience: options.audience,
    jwksUri,
    algorithms,
    clockToleranceS,
    accessTokenTyps,
    scopeClaims,
    audienceClientIds,
    introspection,
    realm: options.realm ?? options.audience,
    jwksCacheMaxAgeMs: (options.jwksCacheMaxAgeS ?? 600) * 1000,
    jwksRefetchIntervalMs: (options.jwksRefetchIntervalS ?? 30) * 1000,
    apiKeyPepper: options.apiKeys?.pepper,
    redisUrl: options.redisUrl,
    bearerRateLimitPerMinute,
  };
}

function checkIntrospection(
  options: NonNullable<AuthOptions['introspection']>,
  labels: AuthOptionLabels,
  problems: string[],
): IntrospectionPolicy | undefined {
  const url = checkUrl(options.url, labels.introspectionUrl, problems);
  const { clientId, clientSecret } = options;
  // The secret is never echoed; the client id is public.
  if (typeof clientId !== 'string' || clientId === '' || typeof clientSecret !== 'string' || clientSecret === '') {
    problems.push(`${labels.introspectionClient} are required for introspection: this API's own client at the authorization server`);
  }
  const cacheS = options.cacheS ?? 30;
  if (!Number.isInteger(cacheS) || cacheS < 0 || cacheS > 3600) {
    problems.push(`${labels.introspectionCacheS} must be a whole number of seconds from 0 to 3600, got ${String(cacheS)}`);
  }
  return url === undefined ? undefined : { url, clientId, clientSecret, cacheMs: cacheS * 1000 };
}

/** `application/at+jwt` and `AT+JWT` name the same type as `at+jwt` (RFC 7515 section 4.1.9). */
export function normalizeTyp(typ: string): string {
  const lower = typ.trim().toLowerCase();
  return lower.startsWith('application/') ? lower.slice('application/'.length) : lower;
}

function checkTyps(value: string | readonly string[], label: string, problems: string[]): AccessTokenTyp[] {
  const items = (typeof value === 'string' ? value.split(',') : value).map(normalizeTyp);
  const accepted: AccessTokenTyp[] = [];
  for (const item of items) {
    if ((ACCESS_TOKEN_TYPS as readonly string[]).includes(item)) {
      if (!accepted.includes(item as AccessTokenTyp)) accepted.push(item as AccessTokenTyp);
    } else {
      problems.push(`${label} lists "${item}": each item must be one of ${ACCESS_TOKEN_TYPS.join(', ')} (comma-separated)`);
    }
  }
  if (items.length === 0) problems.push(`${label} must list at least one of ${ACCESS_TOKEN_TYPS.join(', ')}`);
  return accepted;
}

// Claim names and client ids: printable, no spaces or commas (they separate list items).
const LIST_ITEM = /^[\x21-\x2b\x2d-\x7e]+$/;

function checkNames(items: readonly string[], label: string, what: string, problems: string[], mayBeEmpty = false): string[] {
  if (items.length === 0 && !mayBeEmpty) problems.push(`${label} must list at least one of its ${what}`);
  for (const item of items) {
    if (!LIST_ITEM.test(item)) problems.push(`${label} lists "${item}": ${what} are printable, without spaces or commas`);
  }
  return [...new Set(items)];
}

/**
 * Issuer identifiers (RFC 8414 section 2): absolute http(s) URLs without query, fragment or
 * credentials. Kept byte for byte: `iss` is compared exactly.
 */
function checkIssuers(value: string | readonly string[], label: string, problems: string[]): string[] {
  const items = typeof value === 'string' ? value.split(',').map((item) => item.trim()) : [...value];
  const issuers: string[] = [];
  for (const item of items) {
    const url = checkUrl(item, label, problems);
    if (url === undefined) continue;
    const { search, hash, username, password } = new URL(url);
    if (search !== '' || hash !== '' || url.includes('?') || url.includes('#')) {
      problems.push(`${label} lists "${url}": an issuer identifier has no query or fragment`);
    } else if (username !== '' || password !== '') {
      problems.push(`${label} lists an issuer with credentials in it: an issuer identifier is a public URL`);
    } else if (!issuers.includes(url)) {
      issuers.push(url);
    }
  }
  if (items.length === 0) problems.push(`${label} must name at least one issuer`);
  return issuers;
}

function checkUrl(value: unknown, label: string, problems: string[]): string | undefined {
  if (typeof value === 'string') {
    try {
      const url = new URL(value);
      if (url.protocol === 'https:' || url.protocol === 'http:') {
        return value;
      }
    } catch {
      // reported below
    }
  }
  problems.push(`${label} must be an absolute http(s) URL, got "${String(value)}"`);
  return undefined;
}

function checkAlgorithms(algorithms: readonly string[], label: string, problems: string[]): AccessTokenAlgorithm[] {
  if (algorithms.length === 0) {
    problems.push(`${label} must list at least one algorithm, such as RS256`);
  }
  const accepted: AccessTokenAlgorithm[] = [];
  for (const alg of algorithms) {
    if (alg.toLowerCase() === 'none') {
      problems.push(`${label}: "${alg}" is refused: unsigned tokens are never accepted`);
    } else if (/^hs/i.test(alg)) {
      problems.push(
        `${label}: "${alg}" is refused: with a shared secret every holder of the key can mint tokens; use RS256, PS256 or ES256`,
      );
    } else if ((SUPPORTED_ALGORITHMS as readonly string[]).includes(alg)) {
      accepted.push(alg as AccessTokenAlgorithm);
    } else {
      problems.push(`${label}: "${alg}" is not a supported algorithm (${SUPPORTED_ALGORITHMS.join(', ')})`);
    }
  }
  return accepted;
}
