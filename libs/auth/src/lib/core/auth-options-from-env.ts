import { type AuthOptions, resolveAuthOptions } from './access-token-policy';
import { AuthConfigError } from './auth-config-error';

const ENV_LABELS = {
  issuer: 'AUTH_ISSUER',
  audience: 'AUTH_AUDIENCE',
  jwksUri: 'AUTH_JWKS_URI',
  algorithms: 'AUTH_ALGORITHMS',
  clockToleranceS: 'AUTH_CLOCK_TOLERANCE_S',
  accessTokenTyp: 'AUTH_ACCESS_TOKEN_TYP',
  scopeClaims: 'AUTH_SCOPE_CLAIMS',
  audienceClientIds: 'AUTH_AUDIENCE_CLIENT_IDS',
  introspectionUrl: 'AUTH_INTROSPECTION_URL',
  introspectionClient: 'AUTH_INTROSPECTION_CLIENT_ID and AUTH_INTROSPECTION_CLIENT_SECRET',
  introspectionCacheS: 'AUTH_INTROSPECTION_CACHE_S',
};

/**
 * Reads the `AUTH_*` variables of the interface contract, with its defaults.
 *
 * @throws AuthConfigError naming each bad variable
 *
 * @example
 * AuthModule.forRoot(authOptionsFromEnv(process.env, { audience: 'orders-api' }));
 */
export function authOptionsFromEnv(
  env: NodeJS.ProcessEnv,
  /** `audience`: the app's name, the default `AUTH_AUDIENCE` and the `realm` of its challenges. */
  defaults: { audience: string },
): AuthOptions {
  const problems: string[] = [];
  const options: AuthOptions = {
    issuer: env['AUTH_ISSUER'] ?? 'http://localhost:3000',
    audience: env['AUTH_AUDIENCE'] ?? defaults.audience,
    // Challenges name the app (`realm="orders-api"`), whatever audience an identity provider imposes.
    realm: defaults.audience,
    jwksUri: nonEmpty(env['AUTH_JWKS_URI']),
    algorithms: (env['AUTH_ALGORITHMS'] ?? 'RS256')
      .split(',')
      .map((alg) => alg.trim())
      .filter((alg) => alg !== ''),
    clockToleranceS: wholeSeconds(problems, 'AUTH_CLOCK_TOLERANCE_S', env['AUTH_CLOCK_TOLERANCE_S'] ?? '60', 0, 60),
    accessTokenTyp: env['AUTH_ACCESS_TOKEN_TYP'] ?? 'at+jwt',
    scopeClaims: list(env['AUTH_SCOPE_CLAIMS'] ?? 'scope,scp'),
    audienceClientIds: list(env['AUTH_AUDIENCE_CLIENT_IDS'] ?? ''),
    // How long fetched keys are trusted before a background refresh; keep it below the issuer's rotation lead.
    jwksCacheMaxAgeS: wholeSeconds(problems, 'AUTH_JWKS_CACHE_MAX_AGE_S', env['AUTH_JWKS_CACHE_MAX_AGE_S'] ?? '600', 1, 600),
    ...introspectionFromEnv(env, problems),
  };
  try {
    resolveAuthOptions(options, ENV_LABELS);
  } catch (error) {
    if (!(error instanceof AuthConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0) {
    throw new AuthConfigError(problems);
  }
  return options;
}

/** `AUTH_INTROSPECTION_*`: all unset (no introspection), or the URL with the client's id and secret. */
function introspectionFromEnv(env: NodeJS.ProcessEnv, problems: string[]): Pick<AuthOptions, 'introspection'> {
  const url = nonEmpty(env['AUTH_INTROSPECTION_URL']);
  const clientId = nonEmpty(env['AUTH_INTROSPECTION_CLIENT_ID']);
  const clientSecret = nonEmpty(env['AUTH_INTROSPECTION_CLIENT_SECRET']);
  if (url === undefined) {
    if (clientId !== undefined || clientSecret !== undefined) {
      problems.push('AUTH_INTROSPECTION_CLIENT_ID and AUTH_INTROSPECTION_CLIENT_SECRET need AUTH_INTROSPECTION_URL');
    }
    return {};
  }
  const cacheS = wholeSeconds(problems, 'AUTH_INTROSPECTION_CACHE_S', env['AUTH_INTROSPECTION_CACHE_S'] ?? '30', 0, 30);
  return { introspection: { url, clientId: clientId ?? '', clientSecret: clientSecret ?? '', cacheS } };
}

/** A whole number of seconds from `min`; otherwise records a problem naming the variable and returns `fallback`. */
function wholeSeconds(problems: string[], name: string, raw: string, min: number, fallback: number): number {
  if (/^\d+$/.test(raw) && Number(raw) >= min) return Number(raw);
  problems.push(`${name} must be a whole number of seconds${min > 0 ? ` from ${min}` : ''}, got "${raw}"`);
  return fallback;
}

/** A comma-separated list, items trimmed, empty items dropped. */
function list(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
