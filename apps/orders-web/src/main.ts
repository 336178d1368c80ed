import { join } from 'node:path';
import { logs, OrdersWebConfigError, readOrdersWebConfig, type OrdersWebConfig } from './orders-web.config';
import { startOrdersWebServer } from './orders-web.server';

async function main(): Promise<void> {
  let config: OrdersWebConfig;
  try {
    config = readOrdersWebConfig(process.env);
  } catch (error) {
    if (!(error instanceof OrdersWebConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`config error: ${problem}\n`);
    process.exit(1);
  }
  // The build puts the Vite output beside this file (dist/apps/orders-web/public).
  const running = await startOrdersWebServer(config, join(__dirname, 'public'));
  if (logs(config.logLevel, 'info')) {
    process.stdout.write(`${JSON.stringify({ level: 'info', event: 'listening', url: running.url, issuer: config.browser.issuer })}\n`);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      running.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`orders-web failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
