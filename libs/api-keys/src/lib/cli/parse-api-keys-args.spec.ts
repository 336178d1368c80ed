import { parseApiKeysArgs as parseWithScopes } from './parse-api-keys-args';

// The scopes orders-api lets keys have, as a policy would pass them.
const GRANTABLE = ['read:orders', 'read:orders:own', 'read:orders:any', 'write:orders', 'write:orders:status'];
const parseApiKeysArgs = (args: readonly string[]) => parseWithScopes(args, GRANTABLE);

describe('apikeys arguments', () => {
  it('reads a create command', () => {
    expect(parseApiKeysArgs(['create', '--client', 'acme', '--scopes', 'read:orders', '--rpm', '600'])).toEqual({
      ok: true,
      command: { name: 'create', clientId: 'acme', key: { scopes: ['read:orders'], rateLimitPerMinute: 600 } },
    });
  });

  it('reads --flag=value, scopes separated by commas or spaces, and an expiry', () => {
    expect(
      parseApiKeysArgs([
        'create',
        '--client=acme.eu_1',
        '--scopes=read:orders, write:orders read:orders:any',
        '--rpm=1',
        '--expires-in-days',
        '90',
      ]),
    ).toEqual({
      ok: true,
      command: {
        name: 'create',
        clientId: 'acme.eu_1',
        key: { scopes: ['read:orders', 'write:orders', 'read:orders:any'], rateLimitPerMinute: 1, expiresInDays: 90 },
      },
    });
  });

  it.each([
    ['no command', ['--client', 'acme', '--scopes', 'read:orders', '--rpm', '600'], 'the command must be "create", got ""'],
    [
      'another command',
      ['delete', '--client', 'acme', '--scopes', 'read:orders', '--rpm', '600'],
      'the command must be "create", got "delete"',
    ],
    ['no client', ['create', '--scopes', 'read:orders', '--rpm', '600'], '--client must be 1-64 letters, digits, ".", "_" or "-"'],
    [
      'a client with a slash',
      ['create', '--client', 'acme/eu', '--scopes', 'read:orders', '--rpm', '600'],
      '--client must be 1-64 letters, digits, ".", "_" or "-"',
    ],
    ['no scopes', ['create', '--client', 'acme', '--rpm', '600'], '--scopes must list 1 to 20 scopes'],
    [
      'an unknown scope',
      ['create', '--client', 'acme', '--scopes', 'read:orders,admin:api-keys', '--rpm', '600'],
      '--scopes: unknown admin:api-keys (known: read:orders, read:orders:own, read:orders:any, write:orders, write:orders:status)',
    ],
    [
      'a repeated scope',
      ['create', '--client', 'acme', '--scopes', 'read:orders,read:orders', '--rpm', '600'],
      '--scopes must not repeat a scope',
    ],
    ['no rpm', ['create', '--client', 'acme', '--scopes', 'read:orders'], '--rpm must be a whole number from 1 to 10000000'],
    [
      'a zero rpm',
      ['create', '--client', 'acme', '--scopes', 'read:orders', '--rpm', '0'],
      '--rpm must be a whole number from 1 to 10000000',
    ],
    [
      'a fractional rpm',
      ['create', '--client', 'acme', '--scopes', 'read:orders', '--rpm', '1.5'],
      '--rpm must be a whole number from 1 to 10000000',
    ],
    [
      'an expiry beyond ten years',
      ['create', '--client', 'acme', '--scopes', 'read:orders', '--rpm', '600', '--expires-in-days', '3651'],
      '--expires-in-days must be a whole number from 1 to 3650',
    ],
  ])('refuses %s, saying why', (_name, args, problem) => {
    expect(parseApiKeysArgs(args)).toEqual({ ok: false, problems: [problem] });
  });

  it('refuses an unknown option and an option without a value', () => {
    const unknown = parseApiKeysArgs(['create', '--client', 'acme', '--scope', 'read:orders', '--rpm', '600']);
    expect(unknown).toEqual({ ok: false, problems: [expect.stringContaining("Unknown option '--scope'")] });
    const missing = parseApiKeysArgs(['create', '--client']);
    expect(missing).toEqual({ ok: false, problems: [expect.stringContaining("'--client <value>' argument missing")] });
  });

  it('reports every problem at once', () => {
    const parsed = parseApiKeysArgs(['create']);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.problems).toHaveLength(3);
  });
});
