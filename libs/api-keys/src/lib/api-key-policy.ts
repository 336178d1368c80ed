import { ConfigError } from '@platform/server-kit';

/** What an app decides about its API keys; fixed in its code, not read from the environment. */
export interface ApiKeyPolicy {
  /**
   * The app's PostgreSQL schema, the one its `DatabaseModule` is given: `api_keys` and
   * `server_secrets` live there (see `createApiKeysMigration`).
   */
  readonly schema: string;
  /** The scopes a key may be granted: the app's own, never `adminScope`. */
  readonly grantableScopes: readonly string[];
  /** The bearer-token scope the admin routes need. */
  readonly adminScope: string;
}

/** The policy and the configured pepper (`readApiKeyPepper`): what `ApiKeysModule` is registered with. */
export interface ApiKeysOptions extends ApiKeyPolicy {
  /** `API_KEY_PEPPER`; `undefined` outside production: one is generated and kept in the database. */
  readonly pepper: string | undefined;
}

/** Injection token of the `ApiKeysOptions` the module was registered with. */
export const API_KEYS_OPTIONS = Symbol('API_KEYS_OPTIONS');

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Refuses a policy that would let a key manage keys, grant nothing, or name a schema that cannot
 * be put into SQL as it is.
 *
 * @throws ConfigError naming every problem
 */
export function checkApiKeyPolicy(policy: ApiKeyPolicy): void {
  const problems: string[] = [];
  if (!SCHEMA_NAME.test(policy.schema)) {
    problems.push(`API keys: schema must be a lower-case PostgreSQL identifier, got "${policy.schema}"`);
  }
  if (policy.grantableScopes.length === 0) problems.push('API keys: grantableScopes must name at least one scope');
  // A key that could manage keys could mint itself successors: admin stays with bearer tokens.
  if (policy.grantableScopes.includes(policy.adminScope)) {
    problems.push(`API keys: the admin scope ${policy.adminScope} must not be grantable to a key`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
}
