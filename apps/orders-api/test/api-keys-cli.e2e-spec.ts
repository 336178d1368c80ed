import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApiKeysCli } from '@platform/api-keys';
import { TestIssuer } from '@platform/auth/testing';
import { ORDERS_API_KEYS_COMMAND } from '../src/api-keys/api-keys.command';
import { startOrdersApi } from './support/start-orders-api';

interface CliRun {
  status: number;
  stdout: string;
  /** What the command wrote to stderr, its logs included. */
  stderr: string;
}

/**
 * `main.js apikeys create ...`, in-process: the first key of a client, made on the server's
 * configuration and database (a fresh embedded one here, or DATABASE_URL), then used against the server.
 */
describe('orders-api apikeys command', () => {
  let dataDir: string;
  let env: Record<string, string>;
  const clientId = `cli-${randomUUID().slice(0, 8)}`;

  async function runCli(args: string[]): Promise<CliRun> {
    let stdout = '';
    let stderr = '';
    const originalStderr = process.stderr.write.bind(process.stderr);
    process.stderr.write = (chunk: string | Uint8Array) => {
      stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return true;
    };
    try {
      const status = await runApiKeysCli(args, env, ORDERS_API_KEYS_COMMAND, {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
      });
      return { status, stdout, stderr };
    } finally {
      process.stderr.write = originalStderr;
    }
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'orders-api-cli-e2e-'));
    env = {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...(process.env['DATABASE_URL'] ? { DATABASE_URL: process.env['DATABASE_URL'] } : {}),
    };
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers bad arguments with the problem and a usage line on stderr, exit status 2', async () => {
    const run = await runCli(['create', '--client', 'acme', '--scopes', 'read:everything']);
    expect(run).toEqual({
      status: 2,
      stdout: '',
      stderr: [
        'apikeys: --scopes: unknown read:everything (known: read:orders, read:orders:own, read:orders:any, write:orders, write:orders:status)',
        'apikeys: --rpm must be a whole number from 1 to 10000000',
        'usage: apikeys create --client <clientId> --scopes <scope,...> --rpm <1-10000000> [--expires-in-days <1-3650>]',
        '',
      ].join('\n'),
    });
  });

  it('creates a key, prints it as JSON with its secret on stdout only; the server accepts it and writes its usage on shutdown', async () => {
    const run = await runCli([
      'create',
      '--client',
      clientId,
      '--scopes',
      'read:orders,read:orders:own',
      '--rpm',
      '600',
      '--expires-in-days',
      '7',
    ]);
    expect(run.status).toBe(0);
    const created = JSON.parse(run.stdout) as { id: string; secret: string; expiresAt: string };
    expect(created).toEqual({
      id: expect.stringMatching(/^key_/),
      secret: expect.stringMatching(/^apk_/),
      clientId,
      scopes: ['read:orders', 'read:orders:own'],
      rateLimitPerMinute: 600,
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    // No API_KEY_PEPPER: the command generated one in the database, and warns that production must set it.
    expect(run.stderr).toContain('production must set API_KEY_PEPPER');
    expect(run.stderr).not.toContain(created.secret);

    const issuer = await TestIssuer.start({ audience: 'orders-api' });
    const serverEnv = { ...env, AUTH_ISSUER: issuer.url, AUTH_JWKS_URI: issuer.jwksUri, LOG_LEVEL: 'error' };
    try {
      // The server finds the pepper the command stored, so the key verifies.
      const api = await startOrdersApi(serverEnv);
      try {
        const response = await api.request('/me', { headers: { 'x-api-key-id': created.id, 'x-api-key': created.secret } });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({
          sub: clientId,
          clientId,
          scopes: ['read:orders', 'read:orders:own'],
          authMethod: 'api_key',
        });
      } finally {
        await api.close();
      }
      // Usage not yet flushed when the server stopped was written on the way out.
      const restarted = await startOrdersApi(serverEnv);
      try {
        const token = await issuer.mint({ claims: { sub: 'admin', scope: 'admin:api-keys' } });
        const list = await restarted.request(`/admin/clients/${clientId}/api-keys`, { token });
        expect(await list.json()).toEqual({
          apiKeys: [expect.objectContaining({ id: created.id, usageCount: 1, lastUsedAt: expect.any(String) })],
        });
      } finally {
        await restarted.close();
      }
    } finally {
      await issuer.stop();
    }
  });

  it('refuses a third working key for the client with exit status 1 and the reason', async () => {
    expect((await runCli(['create', '--client', clientId, '--scopes', 'read:orders', '--rpm', '60'])).status).toBe(0);
    const run = await runCli(['create', '--client', clientId, '--scopes', 'read:orders', '--rpm', '60']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`apikeys: client ${clientId} already has 2 working API keys`);
  });
});
