import { type AuthOptions, resolveAuthOptions } from './access-token-policy';
import { AuthConfigError } from './auth-config-error';

const ENV_LABELS = {
  issuer: 'AUTH_ISSUER',
  audience: 'AUTH_AUDIENCE',
  jwksUri: 'AUTH_JWKS_URI',
  algorithms: 'AUTH_ALGORITHMS',
  clockToleranceS: 'AUTH_CLOCK_TOLERANCE_S',
  accessTokenTyp: 'AUTH_ACCESS_TOKEN_TYP',
};

/**
 * Reads the `AUTH_*` variables of the interface contract, with its defaults.
 *
 * @throws AuthConfigError naming each bad variable
 *
 * @example
 * AuthModule.forRoot(authOptionsFromEnv(process.env, { audience: 'orders-api' }));
 */
export function authOptionsFromEnv(env: NodeJS.ProcessEnv, defaults: { audience: string }): AuthOptions {
  const problems: string[] = [];
  const tolerance = env['AUTH_CLOCK_TOLERANCE_S'] ?? '60';
  if (!/^\d+$/.test(tolerance)) {
    problems.push(`AUTH_CLOCK_TOLERANCE_S must be a whole number of seconds, got "${tolerance}"`);
  }
  const cacheMaxAge = env['AUTH_JWKS_CACHE_MAX_AGE_S'] ?? '600';
  if (!/^\d+$/.test(cacheMaxAge) || Number(cacheMaxAge) < 1) {
    problems.push(`AUTH_JWKS_CACHE_MAX_AGE_S must be a whole number of seconds from 1, got "${cacheMaxAge}"`);
  }
  const options: AuthOptions = {
    issuer: env['AUTH_ISSUER'] ?? 'http://localhost:3000',
    audience: env['AUTH_AUDIENCE'] ?? defaults.audience,
    jwksUri: nonEmpty(env['AUTH_JWKS_URI']),
    algorithms: (env['AUTH_ALGORITHMS'] ?? 'RS256')
      .split(',')
      .map((alg) => alg.trim())
      .filter((alg) => alg !== ''),
    clockToleranceS: problems.length === 0 ? Number(tolerance) : 60,
    accessTokenTyp: env['AUTH_ACCESS_TOKEN_TYP'] ?? 'at+jwt',
    // How long fetched keys are trusted before a background refresh; keep it below the issuer's rotation lead.
    jwksCacheMaxAgeS: /^\d+$/.test(cacheMaxAge) && Number(cacheMaxAge) >= 1 ? Number(cacheMaxAge) : 600,
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

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
