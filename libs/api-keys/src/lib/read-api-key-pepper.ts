import type { EnvReader } from '@platform/server-kit';

/** Shorter peppers are refused: the pepper is an HMAC key, and 32 characters is the floor of a random one. */
const MIN_PEPPER_LENGTH = 32;

/**
 * `API_KEY_PEPPER`, checked; `undefined` when unset outside production (a pepper is then
 * generated and kept in the database). Problems go to `env`, to be reported with the rest of
 * the app's configuration.
 *
 * @example
 * const apiKeyPepper = readApiKeyPepper(env);
 */
export function readApiKeyPepper(env: EnvReader): string | undefined {
  // The messages never quote the value: it is a secret, even when it is too short.
  const pepper = env.optional('API_KEY_PEPPER');
  if (pepper === undefined) {
    if (env.optional('NODE_ENV') === 'production') {
      // A generated pepper lives in the same database as the hashes it protects: fine for development only.
      return env.problem(
        'API_KEY_PEPPER must be set when NODE_ENV=production: a random value of at least 32 characters, the same on every replica (openssl rand -base64 32)',
        undefined,
      );
    }
    return undefined;
  }
  if (pepper.length < MIN_PEPPER_LENGTH) {
    return env.problem(`API_KEY_PEPPER must be at least ${MIN_PEPPER_LENGTH} characters of random (openssl rand -base64 32)`, undefined);
  }
  return pepper;
}
