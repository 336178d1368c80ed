import { type AuthOptions, resolveAuthOptions } from './access-token-policy';
import { AuthConfigError } from './auth-config-error';

const BASE: AuthOptions = { issuer: 'https://auth.example.com', audience: 'orders-api' };

function problemsOf(options: Partial<AuthOptions>): readonly string[] {
  try {
    resolveAuthOptions({ ...BASE, ...options });
  } catch (error) {
    if (error instanceof AuthConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the options to be refused');
}

describe('resolveAuthOptions', () => {
  it('applies the strict defaults', () => {
    expect(resolveAuthOptions(BASE)).toEqual({
      issuers: ['https://auth.example.com'],
      audience: 'orders-api',
      jwksUri: undefined,
      algorithms: ['RS256'],
      clockToleranceS: 60,
      accessTokenTyps: ['at+jwt'],
      scopeClaims: ['scope', 'scp'],
      audienceClientIds: [],
      realm: 'orders-api',
      jwksCacheMaxAgeMs: 600_000,
      jwksRefetchIntervalMs: 30_000,
      apiKeyPepper: undefined,
      redisUrl: undefined,
      bearerRateLimitPerMinute: 1200,
    });
  });

  it('takes the API-key pepper, the Redis URL and the bearer rate limit, and refuses bad ones without echoing the pepper', () => {
    const pepper = 'p'.repeat(32);
    expect(
      resolveAuthOptions({ ...BASE, apiKeys: { pepper }, redisUrl: 'redis://127.0.0.1:6379', bearerRateLimitPerMinute: 60 }),
    ).toMatchObject({
      apiKeyPepper: pepper,
      redisUrl: 'redis://127.0.0.1:6379',
      bearerRateLimitPerMinute: 60,
    });
    const problems = problemsOf({ ...BASE, apiKeys: { pepper: 'short-secret' }, redisUrl: 'http://redis', bearerRateLimitPerMinute: 0 });
    expect(problems).toEqual([
      'the API-key pepper must be at least 32 characters (a long random value)',
      'the Redis URL must start with redis:// or rediss://',
      'the bearer rate limit must be a whole number of requests per minute from 1 to 10000000, got 0',
    ]);
    expect(problems.join('\n')).not.toContain('short-secret');
  });

  it('keeps explicit values and converts the JWKS intervals to milliseconds', () => {
    const policy = resolveAuthOptions({
      ...BASE,
      jwksUri: 'https://auth.example.com/jwks',
      algorithms: ['ES256', 'PS256'],
      clockToleranceS: 0,
      realm: 'orders',
      jwksCacheMaxAgeS: 60,
      jwksRefetchIntervalS: 5,
    });
    expect(policy).toMatchObject({
      jwksUri: 'https://auth.example.com/jwks',
      algorithms: ['ES256', 'PS256'],
      clockToleranceS: 0,
      realm: 'orders',
      jwksCacheMaxAgeMs: 60_000,
      jwksRefetchIntervalMs: 5_000,
    });
  });

  it.each(['none', 'None', 'NONE'])('refuses the unsigned algorithm %s, naming the option', (alg) => {
    expect(problemsOf({ algorithms: ['RS256', alg] })).toEqual([`algorithms: "${alg}" is refused: unsigned tokens are never accepted`]);
  });

  it.each(['HS256', 'hs512'])('refuses the shared-secret algorithm %s, naming the option', (alg) => {
    expect(problemsOf({ algorithms: [alg] })).toEqual([
      `algorithms: "${alg}" is refused: with a shared secret every holder of the key can mint tokens; use RS256, PS256 or ES256`,
    ]);
  });

  it('refuses an unknown algorithm', () => {
    expect(problemsOf({ algorithms: ['RS257'] })).toEqual([
      'algorithms: "RS257" is not a supported algorithm (RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512)',
    ]);
  });

  it('refuses an empty algorithm list', () => {
    expect(problemsOf({ algorithms: [] })).toEqual(['algorithms must list at least one algorithm, such as RS256']);
  });

  it.each(['auth.example', 'ftp://auth.example', '/relative'])('refuses the issuer %s: it must be an absolute http(s) URL', (issuer) => {
    expect(problemsOf({ issuer })).toEqual([`issuer must be an absolute http(s) URL, got "${issuer}"`]);
  });

  it('takes several issuers, as a list or comma-separated, byte for byte and without duplicates', () => {
    const issuers = ['https://tenant.auth0.com/', 'https://login.microsoftonline.com/t-1/v2.0', 'https://tenant.auth0.com/'];
    expect(resolveAuthOptions({ ...BASE, issuer: issuers }).issuers).toEqual(issuers.slice(0, 2));
    expect(resolveAuthOptions({ ...BASE, issuer: ' https://a.example , https://a.example/,https://A.example' }).issuers).toEqual([
      'https://a.example',
      'https://a.example/',
      'https://A.example',
    ]);
  });

  it('refuses an issuer list with an empty item, a query, a fragment or credentials, without echoing credentials', () => {
    expect(problemsOf({ issuer: 'https://a.example,,https://b.example?x=1,https://c.example#f,https://u:secret@d.example' })).toEqual([
      'issuer must be an absolute http(s) URL, got ""',
      'issuer lists "https://b.example?x=1": an issuer identifier has no query or fragment',
      'issuer lists "https://c.example#f": an issuer identifier has no query or fragment',
      'issuer lists an issuer with credentials in it: an issuer identifier is a public URL',
    ]);
    expect(problemsOf({ issuer: [] })).toEqual(['issuer must name at least one issuer']);
  });

  it('allows jwksUri only with a single issuer', () => {
    expect(problemsOf({ issuer: 'https://a.example,https://b.example', jwksUri: 'https://a.example/jwks' })).toEqual([
      "jwksUri is allowed only with a single issuer: with several issuers, each one's keys come from its own discovery document",
    ]);
  });

  it('refuses a jwksUri that is not an absolute http(s) URL', () => {
    expect(problemsOf({ jwksUri: 'jwks.json' })).toEqual(['jwksUri must be an absolute http(s) URL, got "jwks.json"']);
  });

  it('refuses an empty audience', () => {
    expect(problemsOf({ audience: ' ' })).toEqual(['audience must be a non-empty string']);
  });

  it.each([-1, 1.5, 301])('refuses a clock tolerance of %s seconds', (clockToleranceS) => {
    expect(problemsOf({ clockToleranceS })).toEqual([
      `clockToleranceS must be a whole number of seconds from 0 to 300, got ${clockToleranceS}`,
    ]);
  });

  it.each(['application/AT+JWT', 'AT+JWT', ' application/at+jwt '])('normalizes the typ %j to at+jwt', (accessTokenTyp) => {
    expect(resolveAuthOptions({ ...BASE, accessTokenTyp }).accessTokenTyps).toEqual(['at+jwt']);
  });

  it('reads a comma-separated typ list, or an array: jwt and none are opt-in, duplicates fold', () => {
    expect(resolveAuthOptions({ ...BASE, accessTokenTyp: 'at+jwt, JWT,none,jwt' }).accessTokenTyps).toEqual(['at+jwt', 'jwt', 'none']);
    expect(resolveAuthOptions({ ...BASE, accessTokenTyp: ['jwt'] }).accessTokenTyps).toEqual(['jwt']);
  });

  it.each(['dpop+jwt', 'at+jwt,id', ''])('refuses the typ list %j, naming the item', (accessTokenTyp) => {
    expect(problemsOf({ accessTokenTyp })).toEqual([
      expect.stringMatching(/^accessTokenTyp lists "[^"]*": each item must be one of at\+jwt, jwt, none/),
    ]);
  });

  it('defaults the scope claims to scope and scp and the audience client ids to none; refuses bad items', () => {
    expect(resolveAuthOptions(BASE)).toMatchObject({ scopeClaims: ['scope', 'scp'], audienceClientIds: [] });
    expect(problemsOf({ scopeClaims: [] })).toEqual(['scopeClaims must list at least one of its claim names']);
    expect(problemsOf({ audienceClientIds: ['a b'] })).toEqual([
      'audienceClientIds lists "a b": client ids are printable, without spaces or commas',
    ]);
  });

  it('reports every problem in one AuthConfigError, one line each', () => {
    const options: AuthOptions = { issuer: 'auth.example', audience: '', algorithms: ['none', 'HS256'], accessTokenTyp: 'ID' };
    expect(() => resolveAuthOptions(options)).toThrow(AuthConfigError);
    expect(problemsOf(options)).toEqual([
      'issuer must be an absolute http(s) URL, got "auth.example"',
      'audience must be a non-empty string',
      'algorithms: "none" is refused: unsigned tokens are never accepted',
      'algorithms: "HS256" is refused: with a shared secret every holder of the key can mint tokens; use RS256, PS256 or ES256',
      'accessTokenTyp lists "id": each item must be one of at+jwt, jwt, none (comma-separated)',
    ]);
  });
});
