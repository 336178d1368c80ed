import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createHttpApp, loadConfigOrExit } from '@platform/server-kit';
import { readOrdersApiConfig } from './orders-api.config';
import { OrdersApiModule } from './orders-api.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => readOrdersApiConfig(process.env));
  const app = await createHttpApp(OrdersApiModule.register(config), config.server);
  await app.listen(config.server.port, config.server.host);
  const scheme = config.server.tls ? 'https' : 'http';
  const database = config.database.url ? 'PostgreSQL from DATABASE_URL' : `embedded PostgreSQL in ${config.database.dataDir}`;
  new Logger('Bootstrap').log(`orders-api listening on ${scheme}://${config.server.host}:${config.server.port} (${database})`);
}

main().catch((error: unknown) => {
  process.stderr.write(`orders-api failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
