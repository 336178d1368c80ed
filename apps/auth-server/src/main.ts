import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@platform/server-kit';
import { readAuthServerConfig } from './auth-server.config';
import { createAuthServerApp } from './create-auth-server-app';
import { OidcProviderHost } from './oidc/oidc-provider.host';
import { hashPassword } from './users/password-hash';

/**
 * `node main.js` serves; `node main.js keys:rotate` publishes a new signing key (it signs once
 * KEY_ROTATION_LEAD_S has passed); `node main.js users:hash-password` reads a password on stdin
 * and prints the hash USERS_FILE expects.
 */
async function main(command: string | undefined): Promise<void> {
  if (command === 'users:hash-password') {
    const password = (await readStdin()).replace(/\r?\n$/, '');
    if (password === '') throw new Error('give the password on stdin: echo -n "..." | npm run users:hash-password');
    process.stdout.write(`${await hashPassword(password)}\n`);
    return;
  }
  const config = loadConfigOrExit(() => readAuthServerConfig(process.env));
  const app = await createAuthServerApp(config);
  if (command === 'keys:rotate') {
    const { kid, signsFrom } = await app.get(OidcProviderHost).rotate();
    process.stdout.write(`published signing key ${kid}; it signs from ${signsFrom.toISOString()}\n`);
    await app.close();
    return;
  }
  if (command !== undefined) throw new Error(`unknown command "${command}" (use keys:rotate or users:hash-password)`);
  await app.listen(config.server.port, config.server.host);
  const scheme = config.server.tls ? 'https' : 'http';
  const database = config.database.url ? 'PostgreSQL from DATABASE_URL' : `embedded PostgreSQL in ${config.database.dataDir}`;
  const clients = config.clients ? 'clients from CLIENTS_FILE' : 'built-in development clients';
  new Logger('Bootstrap').log(
    `auth-server listening on ${scheme}://${config.server.host}:${config.server.port}, issuer ${config.issuer} (${database}; ${clients})`,
  );
}

async function readStdin(): Promise<string> {
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  return input;
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`auth-server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
