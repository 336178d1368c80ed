import { readFileSync } from 'node:fs';
import { type DatabaseConfig, EnvReader, readDatabaseConfig, readServerConfig, type ServerConfig } from '@platform/server-kit';
import type { ClientMetadata } from 'oidc-provider';
import { isPasswordHash } from './users/password-hash';
import type { UserAccount } from './users/user-directory';
import { developmentClients } from './clients/development-clients';
import { PLATFORM_APIS, resourceServerClientIdOf } from './oidc/api-registry';

export const APP_NAME = 'auth-server';

export interface AuthServerConfig {
  readonly server: ServerConfig;
  readonly database: DatabaseConfig;
  /** The `iss` of every token, exactly as resource servers compare it. */
  readonly issuer: string;
  /** From CLIENTS_FILE; `undefined` means the built-in development clients. */
  readonly clients: readonly ClientMetadata[] | undefined;
  /** From USERS_FILE; `undefined` means the built-in development accounts. */
  readonly users: readonly UserAccount[] | undefined;
  readonly keysEncryptionKey: string | undefined;
  readonly accessTokenTtlS: number;
  /** How long a new signing key is published before it signs: longer than resource servers cache the JWKS. */
  readonly keyRotationLeadS: number;
  /** From OPAQUE_TOKEN_APIS: audiences of the APIs whose access tokens are opaque instead of JWTs. */
  readonly opaqueTokenApis: readonly string[];
  readonly production: boolean;
}

/** The whole configuration of auth-server, from the environment (see the interface contract). */
export function readAuthServerConfig(environment: NodeJS.ProcessEnv): AuthServerConfig {
  const env = new EnvReader(environment);
  const production = environment['NODE_ENV'] === 'production';
  const server = readServerConfig(env, 3000);
  const database = readDatabaseConfig(env, APP_NAME);
  const issuer = readIssuer(env);
  const clients = readJsonFile(env, 'CLIENTS_FILE', validateClients);
  const users = readJsonFile(env, 'USERS_FILE', validateUsers);
  if (production && env.optional('CLIENTS_FILE') === undefined) {
    env.problem('CLIENTS_FILE must be set when NODE_ENV=production: the built-in development clients have public secrets', undefined);
  }
  if (production && env.optional('USERS_FILE') === undefined) {
    env.problem('USERS_FILE must be set when NODE_ENV=production: the built-in development accounts have public passwords', undefined);
  }
  const registeredClients = clients ?? developmentClients(server.webOrigins);
  refuseUsersNamedLikeClients(env, users, registeredClients);
  const opaqueTokenApis = readOpaqueTokenApis(env, registeredClients);
  const keysEncryptionKey = env.optional('KEYS_ENCRYPTION_KEY');
  if (keysEncryptionKey !== undefined && keysEncryptionKey.length < 16) {
    env.problem('KEYS_ENCRYPTION_KEY must be at least 16 characters (a long random passphrase)', undefined);
  }
  return env.finish({
    server,
    database,
    issuer,
    clients,
    users,
    keysEncryptionKey,
    accessTokenTtlS: env.integer('ACCESS_TOKEN_TTL_S', 600, { min: 1, max: 86_400 }),
    keyRotationLeadS: env.integer('KEY_ROTATION_LEAD_S', 660, { min: 0, max: 7 * 86_400 }),
    opaqueTokenApis,
    production,
  });
}

/**
 * A user whose `sub` is a client id would get tokens with `sub` = that `client_id` through that
 * client, which resource servers take for the client's own client-credentials tokens (the
 * machine-token rules): such a user could pay as the job runner. Refused at start-up.
 */
function refuseUsersNamedLikeClients(env: EnvReader, users: readonly UserAccount[] | undefined, clients: readonly ClientMetadata[]): void {
  const clientIds = new Set(clients.map((client) => client.client_id));
  for (const user of users ?? []) {
    if (clientIds.has(user.sub)) {
      env.problem(
        `USERS_FILE: the user "${user.username}" has the sub "${user.sub}", which is also a client id: its tokens would pass as that client's own (client credentials); give the user another sub`,
        undefined,
      );
    }
  }
}

/**
 * OPAQUE_TOKEN_APIS: API names (audiences). Each needs a confidential resource-server client:
 * only that client may introspect the API's tokens, so without it they would work nowhere.
 */
function readOpaqueTokenApis(env: EnvReader, clients: readonly ClientMetadata[]): readonly string[] {
  const names = [...new Set((env.optional('OPAQUE_TOKEN_APIS') ?? '').split(',').map((name) => name.trim()))].filter(Boolean);
  const unknown = names.filter((name) => !PLATFORM_APIS.some((api) => api.audience === name));
  if (unknown.length > 0) {
    const known = PLATFORM_APIS.map((api) => api.audience).join(', ');
    return env.problem(`OPAQUE_TOKEN_APIS must list API names from ${known}, got unknown "${unknown.join('", "')}"`, []);
  }
  for (const api of PLATFORM_APIS.filter((candidate) => names.includes(candidate.audience))) {
    const clientId = resourceServerClientIdOf(api);
    const client = clients.find((candidate) => candidate.client_id === clientId);
    // oidc-provider's default method is client_secret_basic; `none` would let anyone read the API's tokens.
    if (client === undefined || client.token_endpoint_auth_method === 'none') {
      env.problem(
        `OPAQUE_TOKEN_APIS lists ${api.audience}, but no confidential client "${clientId}" (its resource server, which introspects its tokens) is registered`,
        undefined,
      );
    }
  }
  return names;
}

function readIssuer(env: EnvReader): string {
  const issuer = env.url('ISSUER', ['http:', 'https:']) ?? 'http://localhost:3000';
  const url = new URL(issuer);
  if (issuer.endsWith('/') || url.search || url.hash) {
    // Resource servers compare `iss` byte for byte: one canonical form avoids a silent mismatch.
    return env.problem(`ISSUER must have no trailing slash, query or fragment, got "${issuer}"`, issuer);
  }
  return issuer;
}

function readJsonFile<T>(env: EnvReader, name: string, validate: (value: unknown) => string | T): T | undefined {
  const path = env.optional(name);
  if (path === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason =
      error instanceof SyntaxError
        ? `is not valid JSON (${error.message})`
        : `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    return env.problem(`${name} ${reason}: ${path}`, undefined);
  }
  const result = validate(value);
  return typeof result === 'string' ? env.problem(`${name} ${result}: ${path}`, undefined) : result;
}

function validateClients(value: unknown): string | ClientMetadata[] {
  if (!Array.isArray(value) || value.length === 0) return 'must hold a non-empty JSON array of client metadata';
  for (const [index, client] of value.entries()) {
    if (typeof client !== 'object' || client === null || typeof (client as ClientMetadata).client_id !== 'string') {
      return `entry ${index} must be an object with a client_id`;
    }
  }
  return value as ClientMetadata[];
}

function validateUsers(value: unknown): string | UserAccount[] {
  if (!Array.isArray(value) || value.length === 0) return 'must hold a non-empty JSON array of accounts';
  const accounts: UserAccount[] = [];
  for (const [index, entry] of (value as unknown[]).entries()) {
    const user = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (typeof user['username'] !== 'string' || user['username'] === '') return `entry ${index} needs a username`;
    if (!isPasswordHash(user['password_hash'])) {
      return `entry ${index} (${user['username']}) needs a password_hash made by \`npm run users:hash-password\``;
    }
    if (user['scope'] !== undefined && typeof user['scope'] !== 'string')
      return `entry ${index} (${user['username']}): scope must be a string`;
    accounts.push({
      sub: typeof user['sub'] === 'string' ? user['sub'] : user['username'],
      username: user['username'],
      name: typeof user['name'] === 'string' ? user['name'] : user['username'],
      email: typeof user['email'] === 'string' ? user['email'] : '',
      scopes: (typeof user['scope'] === 'string' ? user['scope'] : '').split(' ').filter(Boolean),
      passwordHash: user['password_hash'],
    });
  }
  return accounts;
}
