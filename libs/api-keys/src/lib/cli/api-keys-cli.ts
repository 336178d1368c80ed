import { type DynamicModule, HttpException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, type ServerConfig } from '@platform/server-kit';
import type { ApiKeyPolicy } from '../api-key-policy';
import { ApiKeyStore } from '../api-key-store';
import { ApiKeysCliModule } from './api-keys-cli.module';
import { API_KEYS_USAGE, parseApiKeysArgs } from './parse-api-keys-args';
import { createStderrLogger } from './stderr-logger';

/** What the command needs from the app whose keys it makes. */
export interface ApiKeysCliOptions<Config> {
  /** The app's policy: `--scopes` may name its grantable scopes only, as the admin route. */
  readonly policy: ApiKeyPolicy;
  /** The server's configuration reader: the command runs on the server's configuration. */
  readonly readConfig: (environment: NodeJS.ProcessEnv) => Config;
  /** The server's database module for that configuration, migrations included. */
  readonly database: (config: Config) => DynamicModule;
  /** The configured pepper (`API_KEY_PEPPER`), as the server reads it. */
  readonly pepper: (config: Config) => string | undefined;
}

/** Where the command writes: its result on stdout, everything else (logs included) on stderr. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * `main.js apikeys create ...`: the first key of a client when no admin token exists yet, on the
 * server's configuration and database. Prints the new key (with its secret) as JSON on stdout,
 * everything else on stderr. Resolves to the exit status: 0 done, 1 refused or failed, 2 bad arguments.
 *
 * @example
 * process.exitCode = await runApiKeysCli(process.argv.slice(3), process.env, { policy, readConfig, database, pepper });
 */
export async function runApiKeysCli<Config extends { server: ServerConfig }>(
  args: readonly string[],
  environment: NodeJS.ProcessEnv,
  app: ApiKeysCliOptions<Config>,
  output = processOutput,
): Promise<number> {
  const parsed = parseApiKeysArgs(args, app.policy.grantableScopes);
  if (!parsed.ok) {
    output.stderr(parsed.problems.map((problem) => `apikeys: ${problem}\n`).join('') + `${API_KEYS_USAGE}\n`);
    return 2;
  }
  let config: Config;
  try {
    config = app.readConfig(environment);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    output.stderr(error.problems.map((problem) => `config error: ${problem}\n`).join(''));
    return 1;
  }
  const command = ApiKeysCliModule.register(app.database(config), { ...app.policy, pepper: app.pepper(config) });
  const context = await NestFactory.createApplicationContext(command, {
    logger: createStderrLogger(config.server.logLevel),
    // Throw (exit status 1 with the reason) rather than abort the process when the database cannot be reached.
    abortOnError: false,
  });
  try {
    const { clientId, key } = parsed.command;
    const created = await context.get(ApiKeyStore).create(clientId, key);
    output.stdout(`${JSON.stringify(created, null, 2)}\n`);
    return 0;
  } catch (error) {
    // A refusal the admin route would answer with 409 (a third working key): say why, no stack.
    if (!(error instanceof HttpException)) throw error;
    output.stderr(`apikeys: ${messageOf(error)}\n`);
    return 1;
  } finally {
    await context.close();
  }
}

function messageOf(error: HttpException): string {
  const response = error.getResponse();
  return typeof response === 'object' && 'message' in response ? String(response.message) : error.message;
}
