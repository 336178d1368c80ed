import { HttpException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError } from '@platform/server-kit';
import { ApiKeyStore } from '../api-keys/api-key-store';
import { type OrdersApiConfig, readOrdersApiConfig } from '../orders-api.config';
import { ApiKeysCliModule } from './api-keys-cli.module';
import { API_KEYS_USAGE, parseApiKeysArgs } from './parse-api-keys-args';
import { createStderrLogger } from './stderr-logger';

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
 */
export async function runApiKeysCli(args: readonly string[], environment: NodeJS.ProcessEnv, output = processOutput): Promise<number> {
  const parsed = parseApiKeysArgs(args);
  if (!parsed.ok) {
    output.stderr(parsed.problems.map((problem) => `apikeys: ${problem}\n`).join('') + `${API_KEYS_USAGE}\n`);
    return 2;
  }
  let config: OrdersApiConfig;
  try {
    config = readOrdersApiConfig(environment);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    output.stderr(error.problems.map((problem) => `config error: ${problem}\n`).join(''));
    return 1;
  }
  const app = await NestFactory.createApplicationContext(ApiKeysCliModule.register(config), {
    logger: createStderrLogger(config.server.logLevel),
    // Throw (exit status 1 with the reason) rather than abort the process when the database cannot be reached.
    abortOnError: false,
  });
  try {
    const { clientId, key } = parsed.command;
    const created = await app.get(ApiKeyStore).create(clientId, key);
    output.stdout(`${JSON.stringify(created, null, 2)}\n`);
    return 0;
  } catch (error) {
    // A refusal the admin route would answer with 409 (a third working key): say why, no stack.
    if (!(error instanceof HttpException)) throw error;
    output.stderr(`apikeys: ${messageOf(error)}\n`);
    return 1;
  } finally {
    await app.close();
  }
}

function messageOf(error: HttpException): string {
  const response = error.getResponse();
  return typeof response === 'object' && 'message' in response ? String(response.message) : error.message;
}
