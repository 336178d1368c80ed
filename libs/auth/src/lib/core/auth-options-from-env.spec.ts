import { AuthConfigError } from './auth-config-error';
import { authOptionsFromEnv } from './auth-options-from-env';

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    authOptionsFromEnv(env, { audience: 'orders-api' });
  } catch (error) {
    if (error instanceof AuthConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the environment to be refused');
}

describe('authOptionsFromEnv', () => {
  it('applies the contract defaults with an empty environment', () => {
    expect(authOptionsFromEnv({}, { audience: 'orders-api' })).toEqual({
      issuer: 'http://localhost:3000',
      audience: 'orders-api',
      realm: 'orders-api',
      jwksUri: undefined,
      algorithms: ['RS256'],
      clockToleranceS: 60,
      accessTokenTyp: 'at+jwt',
      scopeClaims: ['scope', 'scp'],
      audienceClientIds: [],
      jwksCacheMaxAgeS: 600,
    });
  });

  it('reads every AUTH_* variable', () => {
    const options = authOptionsFromEnv(
      {
        AUTH_ISSUER: 'https://auth.example.com',
        AUTH_AUDIENCE: 'payments-api',
        AUTH_JWKS_URI: 'https://auth.example.com/jwks',
        AUTH_ALGORITHMS: 'RS256, ES256,',
        AUTH_CLOCK_TOLERANCE_S: '5',
        AUTH_ACCESS_TOKEN_TYP: 'application/at+jwt,jwt',
        AUTH_SCOPE_CLAIMS: 'scp, permissions',
        AUTH_AUDIENCE_CLIENT_IDS: 'app-1,app-2',
        AUTH_JWKS_CACHE_MAX_AGE_S: '30',
      },
      { audience: 'orders-api' },
    );
    expect(options).toEqual({
      issuer: 'https://auth.example.com',
      audience: 'payments-api',
      realm: 'orders-api',
      jwksUri: 'https://auth.example.com/jwks',
      algorithms: ['RS256', 'ES256'],
      clockToleranceS: 5,
      accessTokenTyp: 'application/at+jwt,jwt',
      scopeClaims: ['scp', 'permissions'],
      audienceClientIds: ['app-1', 'app-2'],
      jwksCacheMaxAgeS: 30,
    });
  });

  it('refuses an AUTH_JWKS_CACHE_MAX_AGE_S that is not a whole number from 1, naming it', () => {
    expect(problemsOf({ AUTH_JWKS_CACHE_MAX_AGE_S: '0' })).toEqual([
      'AUTH_JWKS_CACHE_MAX_AGE_S must be a whole number of seconds from 1, got "0"',
    ]);
    expect(problemsOf({ AUTH_JWKS_CACHE_MAX_AGE_S: '10m' })).toHaveLength(1);
  });

  it('refuses an AUTH_ACCESS_TOKEN_TYP item it does not know, and an empty AUTH_SCOPE_CLAIMS, naming each variable', () => {
    expect(problemsOf({ AUTH_ACCESS_TOKEN_TYP: 'at+jwt,id_token', AUTH_SCOPE_CLAIMS: ' , ' })).toEqual([
      'AUTH_ACCESS_TOKEN_TYP lists "id_token": each item must be one of at+jwt, jwt, none (comma-separated)',
      'AUTH_SCOPE_CLAIMS must list at least one of its claim names',
    ]);
  });

  it('treats an empty AUTH_JWKS_URI as unset (discovery)', () => {
    expect(authOptionsFromEnv({ AUTH_JWKS_URI: ' ' }, { audience: 'orders-api' }).jwksUri).toBeUndefined();
  });

  it('names AUTH_ISSUER when it is not an absolute URL, or when one item of its list is not', () => {
    expect(problemsOf({ AUTH_ISSUER: 'auth.example' })).toEqual(['AUTH_ISSUER must be an absolute http(s) URL, got "auth.example"']);
    expect(problemsOf({ AUTH_ISSUER: 'https://a.example, b.example' })).toEqual([
      'AUTH_ISSUER must be an absolute http(s) URL, got "b.example"',
    ]);
  });

  it('refuses AUTH_JWKS_URI with several issuers, naming both variables', () => {
    expect(problemsOf({ AUTH_ISSUER: 'https://a.example,https://b.example', AUTH_JWKS_URI: 'https://a.example/jwks' })).toEqual([
      "AUTH_JWKS_URI is allowed only with a single AUTH_ISSUER: with several issuers, each one's keys come from its own discovery document",
    ]);
  });

  it.each(['none', 'None', 'NONE'])('refuses AUTH_ALGORITHMS=%s, naming the variable', (alg) => {
    expect(problemsOf({ AUTH_ALGORITHMS: `RS256,${alg}` })).toEqual([
      `AUTH_ALGORITHMS: "${alg}" is refused: unsigned tokens are never accepted`,
    ]);
  });

  it.each(['HS256', 'hs512'])('refuses AUTH_ALGORITHMS=%s, naming the variable', (alg) => {
    expect(problemsOf({ AUTH_ALGORITHMS: alg })).toEqual([
      `AUTH_ALGORITHMS: "${alg}" is refused: with a shared secret every holder of the key can mint tokens; use RS256, PS256 or ES256`,
    ]);
  });

  it.each(['soon', '1.5', '-1', ''])('refuses a non-numeric AUTH_CLOCK_TOLERANCE_S (%j)', (value) => {
    expect(problemsOf({ AUTH_CLOCK_TOLERANCE_S: value })).toEqual([
      `AUTH_CLOCK_TOLERANCE_S must be a whole number of seconds, got "${value}"`,
    ]);
  });

  it('refuses AUTH_CLOCK_TOLERANCE_S above 300 by its variable name', () => {
    expect(problemsOf({ AUTH_CLOCK_TOLERANCE_S: '3600' })).toEqual([
      'AUTH_CLOCK_TOLERANCE_S must be a whole number of seconds from 0 to 300, got 3600',
    ]);
  });

  it('accepts AUTH_ACCESS_TOKEN_TYP=JWT: ID tokens are still refused by their own markers', () => {
    expect(authOptionsFromEnv({ AUTH_ACCESS_TOKEN_TYP: 'JWT' }, { audience: 'orders-api' }).accessTokenTyp).toBe('JWT');
  });

  it('reports several bad variables as several problems of one AuthConfigError', () => {
    expect(
      problemsOf({
        AUTH_ISSUER: 'auth.example',
        AUTH_AUDIENCE: '',
        AUTH_JWKS_URI: 'jwks.json',
        AUTH_ALGORITHMS: 'none,HS256',
        AUTH_CLOCK_TOLERANCE_S: 'soon',
        AUTH_ACCESS_TOKEN_TYP: 'ID',
      }),
    ).toEqual([
      'AUTH_CLOCK_TOLERANCE_S must be a whole number of seconds, got "soon"',
      'AUTH_ISSUER must be an absolute http(s) URL, got "auth.example"',
      'AUTH_AUDIENCE must be a non-empty string',
      'AUTH_JWKS_URI must be an absolute http(s) URL, got "jwks.json"',
      'AUTH_ALGORITHMS: "none" is refused: unsigned tokens are never accepted',
      'AUTH_ALGORITHMS: "HS256" is refused: with a shared secret every holder of the key can mint tokens; use RS256, PS256 or ES256',
      'AUTH_ACCESS_TOKEN_TYP lists "id": each item must be one of at+jwt, jwt, none (comma-separated)',
    ]);
  });
});
