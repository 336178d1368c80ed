import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createHttpApp, loadConfigOrExit } from '@platform/server-kit';
import { readPaymentsApiConfig } from './payments-api.config';
import { PaymentsApiModule } from './payments-api.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => readPaymentsApiConfig(process.env));
  const app = await createHttpApp(PaymentsApiModule.register(config), config.server);
  await app.listen(config.server.port, config.server.host);
  const scheme = config.server.tls ? 'https' : 'http';
  const database = config.database.url ? 'PostgreSQL from DATABASE_URL' : `embedded PostgreSQL in ${config.database.dataDir}`;
  new Logger('Bootstrap').log(`payments-api listening on ${scheme}://${config.server.host}:${config.server.port} (${database})`);
}

main().catch((error: unknown) => {
  process.stderr.write(`payments-api failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
