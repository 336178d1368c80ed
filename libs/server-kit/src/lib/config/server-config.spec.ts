import { ConfigError, EnvReader } from './env-reader';
import { readServerConfig } from './server-config';

function webOrigins(value: string | undefined): readonly string[] {
  const env = new EnvReader(value === undefined ? {} : { WEB_ORIGINS: value });
  return env.finish(readServerConfig(env, 3001)).webOrigins;
}

function problems(value: string): readonly string[] {
  try {
    webOrigins(value);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`WEB_ORIGINS=${value} was accepted`);
}

describe('WEB_ORIGINS', () => {
  it('defaults to the local web app', () => {
    expect(webOrigins(undefined)).toEqual(['http://localhost:5173']);
    expect(webOrigins('  ')).toEqual(['http://localhost:5173']);
  });

  it('reads a comma-separated list of origins, without duplicates', () => {
    expect(webOrigins(' https://app.example.com, http://127.0.0.1:5173 ,https://app.example.com')).toEqual([
      'https://app.example.com',
      'http://127.0.0.1:5173',
    ]);
  });

  it.each([
    ['http://localhost:5173/', 'http://localhost:5173'],
    ['http://localhost:5173/callback', 'http://localhost:5173'],
    ['https://App.Example.com', 'https://app.example.com'],
    ['https://app.example.com:443', 'https://app.example.com'],
    ['https://user:secret@app.example.com', 'https://app.example.com'],
  ])('refuses "%s", which is not written as an origin, and suggests %s', (value, origin) => {
    expect(problems(value)).toEqual([
      `WEB_ORIGINS must be a comma-separated list of origins such as http://localhost:5173 (scheme://host[:port], no path), got "${value}" (did you mean "${origin}"?)`,
    ]);
  });

  it.each(['*', 'localhost:5173', 'ftp://files.example.com', 'null'])('refuses "%s" in one line naming the variable', (value) => {
    expect(problems(`http://localhost:5173,${value}`)).toEqual([
      `WEB_ORIGINS must be a comma-separated list of origins such as http://localhost:5173 (scheme://host[:port], no path), got "${value}"`,
    ]);
  });

  it('refuses a list with no origin in it', () => {
    expect(problems(' , ')).toEqual([
      'WEB_ORIGINS must be a comma-separated list of origins such as http://localhost:5173 (scheme://host[:port], no path), got none',
    ]);
  });
});
