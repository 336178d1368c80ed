import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { runApiKeysCli } from '@platform/api-keys';
import { createHttpApp, loadConfigOrExit } from '@platform/server-kit';
import { ORDERS_API_KEYS_COMMAND } from './api-keys/api-keys.command';
import { readOrdersApiConfig } from './orders-api.config';
import { OrdersApiModule } from './orders-api.module';

/** `node main.js` serves; `node main.js apikeys create ...` creates an API key (see `runApiKeysCli`). */
async function main(command: string | undefined): Promise<void> {
  if (command === 'apikeys') {
    process.exitCode = await runApiKeysCli(process.argv.slice(3), process.env, ORDERS_API_KEYS_COMMAND);
    return;
  }
  if (command !== undefined) throw new Error(`unknown command "${command}" (use apikeys)`);
  const config = loadConfigOrExit(() => readOrdersApiConfig(process.env));
  const app = await createHttpApp(OrdersApiModule.register(config), config.server);
  await app.listen(config.server.port, config.server.host);
  const scheme = config.server.tls ? 'https' : 'http';
  const database = config.database.url ? 'PostgreSQL from DATABASE_URL' : `embedded PostgreSQL in ${config.database.dataDir}`;
  new Logger('Bootstrap').log(`orders-api listening on ${scheme}://${config.server.host}:${config.server.port} (${database})`);
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`orders-api failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
