import { parseArgs } from 'node:util';
import { CLIENT_ID_PATTERN, EXPIRES_IN_DAYS, MAX_SCOPES_PER_KEY, RATE_LIMIT_PER_MINUTE } from '../api-key-rules';
import type { NewApiKey } from '../api-key-store';

export const API_KEYS_USAGE =
  'usage: apikeys create --client <clientId> --scopes <scope,...> --rpm <1-10000000> [--expires-in-days <1-3650>]';

export interface CreateApiKeyCommand {
  readonly name: 'create';
  readonly clientId: string;
  readonly key: NewApiKey;
}

export type ParsedApiKeysArgs =
  { readonly ok: true; readonly command: CreateApiKeyCommand } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * The arguments of `apikeys`, checked by the same rules as the admin route (`grantableScopes`
 * are the policy's), every problem reported at once. Scopes may be separated by commas or spaces.
 *
 * @example
 * parseApiKeysArgs(['create', '--client', 'acme', '--scopes', 'read:orders', '--rpm', '600'], ['read:orders']);
 */
export function parseApiKeysArgs(args: readonly string[], grantableScopes: readonly string[]): ParsedApiKeysArgs {
  let parsed: ReturnType<typeof parseKnownOptions>;
  try {
    parsed = parseKnownOptions(args);
  } catch (error) {
    // parseArgs names the unknown option or the missing value (its errors are TypeErrors with a code).
    const message = (error as { message?: unknown }).message;
    return { ok: false, problems: [typeof message === 'string' ? message : String(error)] };
  }
  const { positionals, values } = parsed;
  const problems: string[] = [];
  if (positionals.length !== 1 || positionals[0] !== 'create') {
    problems.push(`the command must be "create", got "${positionals.join(' ')}"`);
  }
  const clientId = values.client;
  if (clientId === undefined || !CLIENT_ID_PATTERN.test(clientId)) {
    problems.push('--client must be 1-64 letters, digits, ".", "_" or "-"');
  }
  const scopes = (values.scopes ?? '').split(/[\s,]+/).filter((scope) => scope !== '');
  const unknown = scopes.filter((scope) => !grantableScopes.includes(scope));
  if (scopes.length === 0 || scopes.length > MAX_SCOPES_PER_KEY) {
    problems.push(`--scopes must list 1 to ${MAX_SCOPES_PER_KEY} scopes`);
  } else if (unknown.length > 0) {
    problems.push(`--scopes: unknown ${unknown.join(', ')} (known: ${grantableScopes.join(', ')})`);
  } else if (new Set(scopes).size !== scopes.length) {
    problems.push('--scopes must not repeat a scope');
  }
  const rateLimitPerMinute = wholeNumber(values.rpm, '--rpm', RATE_LIMIT_PER_MINUTE, problems);
  const expiresInDays =
    values['expires-in-days'] === undefined
      ? undefined
      : wholeNumber(values['expires-in-days'], '--expires-in-days', EXPIRES_IN_DAYS, problems);
  if (problems.length > 0 || clientId === undefined || rateLimitPerMinute === undefined) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    command: { name: 'create', clientId, key: { scopes, rateLimitPerMinute, ...(expiresInDays === undefined ? {} : { expiresInDays }) } },
  };
}

function parseKnownOptions(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      client: { type: 'string' },
      scopes: { type: 'string' },
      rpm: { type: 'string' },
      'expires-in-days': { type: 'string' },
    },
  });
}

function wholeNumber(raw: string | undefined, flag: string, range: { min: number; max: number }, problems: string[]): number | undefined {
  const value = Number(raw);
  if (raw === undefined || !/^\d+$/.test(raw) || value < range.min || value > range.max) {
    problems.push(`${flag} must be a whole number from ${range.min} to ${range.max}`);
    return undefined;
  }
  return value;
}
