import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@platform/server-kit';
import { readAuthServerConfig } from './auth-server.config';

const dir = mkdtempSync(join(tmpdir(), 'auth-server-config-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    readAuthServerConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('readAuthServerConfig', () => {
  it('applies the contract defaults: port 3000, issuer http://localhost:3000, built-in clients and users, 10-minute tokens', () => {
    expect(readAuthServerConfig({})).toMatchObject({
      server: { port: 3000, host: '127.0.0.1' },
      issuer: 'http://localhost:3000',
      clients: undefined,
      users: undefined,
      accessTokenTtlS: 600,
      keyRotationLeadS: 660,
      opaqueTokenApis: [],
      production: false,
    });
  });

  it('refuses to start in production without CLIENTS_FILE and USERS_FILE, naming both', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^CLIENTS_FILE must be set when NODE_ENV=production/);
    expect(problems[1]).toMatch(/^USERS_FILE must be set when NODE_ENV=production/);
  });

  it('refuses an ISSUER with a trailing slash, which resource servers would not match', () => {
    expect(problemsOf({ ISSUER: 'http://localhost:3000/' })).toEqual([
      'ISSUER must have no trailing slash, query or fragment, got "http://localhost:3000/"',
    ]);
  });

  it('reads clients and users from their files', () => {
    const clients = file(
      'clients.json',
      JSON.stringify([{ client_id: 'partner', client_secret: 's', grant_types: ['client_credentials'] }]),
    );
    const users = file(
      'users.json',
      JSON.stringify([
        { username: 'carol', password_hash: 'scrypt$16384$8$1$c2FsdA$aGFzaA', scope: 'read:orders', email: 'c@example.com' },
      ]),
    );
    const config = readAuthServerConfig({ CLIENTS_FILE: clients, USERS_FILE: users, NODE_ENV: 'production' });
    expect(config.clients).toEqual([expect.objectContaining({ client_id: 'partner' })]);
    expect(config.users).toEqual([expect.objectContaining({ sub: 'carol', username: 'carol', scopes: ['read:orders'] })]);
  });

  it('refuses a user whose sub is a client id (its tokens would pass as that client own), in files and against the built-in clients', () => {
    const hash = 'scrypt$16384$8$1$c2FsdA$aGFzaA';
    const clients = file(
      'pay-clients.json',
      JSON.stringify([{ client_id: 'payer', client_secret: 's', grant_types: ['client_credentials'] }]),
    );
    const users = file(
      'pay-users.json',
      JSON.stringify([
        { username: 'payer', password_hash: hash },
        { username: 'eve', sub: 'job-runner', password_hash: hash },
      ]),
    );
    expect(problemsOf({ CLIENTS_FILE: clients, USERS_FILE: users })).toEqual([
      expect.stringMatching(/^USERS_FILE: the user "payer" has the sub "payer", which is also a client id/),
    ]);
    expect(problemsOf({ USERS_FILE: users })).toEqual([
      expect.stringMatching(/^USERS_FILE: the user "eve" has the sub "job-runner", which is also a client id/),
    ]);
  });

  it('reads OPAQUE_TOKEN_APIS as API names, none by default', () => {
    expect(readAuthServerConfig({}).opaqueTokenApis).toEqual([]);
    expect(readAuthServerConfig({ OPAQUE_TOKEN_APIS: ' orders-api , orders-api,' }).opaqueTokenApis).toEqual(['orders-api']);
  });

  it('refuses an unknown API in OPAQUE_TOKEN_APIS in one line naming the variable', () => {
    expect(problemsOf({ OPAQUE_TOKEN_APIS: 'orders-api,urn:orders-api,billing-api' })).toEqual([
      'OPAQUE_TOKEN_APIS must list API names from orders-api, payments-api, got unknown "urn:orders-api", "billing-api"',
    ]);
  });

  it('refuses an API in OPAQUE_TOKEN_APIS without a confidential resource-server client to introspect its tokens', () => {
    // The built-in clients have no payments-api client.
    expect(problemsOf({ OPAQUE_TOKEN_APIS: 'payments-api' })).toEqual([
      'OPAQUE_TOKEN_APIS lists payments-api, but no confidential client "payments-api" (its resource server, which introspects its tokens) is registered',
    ]);
    const publicClient = file(
      'public-orders-api.json',
      JSON.stringify([
        { client_id: 'orders-api', token_endpoint_auth_method: 'none', grant_types: [], response_types: [], redirect_uris: [] },
      ]),
    );
    expect(problemsOf({ OPAQUE_TOKEN_APIS: 'orders-api', CLIENTS_FILE: publicClient })).toEqual([
      expect.stringMatching(/^OPAQUE_TOKEN_APIS lists orders-api, but no confidential client "orders-api"/),
    ]);
  });

  it('names the file and the problem for unreadable, invalid or malformed files', () => {
    const problems = problemsOf({
      CLIENTS_FILE: file('bad.json', '{ not json'),
      USERS_FILE: file('plain.json', JSON.stringify([{ username: 'dave', password: 'plain text' }])),
      KEYS_ENCRYPTION_KEY: 'short',
    });
    expect(problems[0]).toMatch(/^CLIENTS_FILE is not valid JSON/);
    expect(problems[1]).toMatch(/^USERS_FILE entry 0 \(dave\) needs a password_hash/);
    expect(problems[2]).toMatch(/^KEYS_ENCRYPTION_KEY must be at least 16 characters/);
    expect(problemsOf({ CLIENTS_FILE: join(dir, 'missing.json') })[0]).toMatch(/^CLIENTS_FILE cannot be read \(ENOENT\)/);
  });
});
