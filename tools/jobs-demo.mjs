// npm run jobs:demo: starts auth-server, orders-api and payments-api from dist/ on free ports and
// fresh embedded databases, then runs dist/apps/job-runner/demo.js against them: alice places
// three orders, three misconfigured jobs and the correct one make one pass each, and one summary
// counts every 401, 403 and token failure by its reason. Everything is removed afterwards.
import { spawn } from 'node:child_process';
import { startBuiltApp } from './lib/start-built-app.mjs';

const started = [];
try {
  // The servers log only errors here: the job runner's lines are the point of the demo.
  const authServer = await startBuiltApp('auth-server', (url) => ({ ISSUER: url, NODE_ENV: 'development', LOG_LEVEL: 'error' }));
  started.push(authServer);
  const apiEnv = { AUTH_ISSUER: authServer.url, LOG_LEVEL: 'error' };
  const ordersApi = await startBuiltApp('orders-api', apiEnv);
  started.push(ordersApi);
  const paymentsApi = await startBuiltApp('payments-api', apiEnv);
  started.push(paymentsApi);

  const demo = spawn(process.execPath, ['dist/apps/job-runner/demo.js'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      AUTH_ISSUER: authServer.url,
      ORDERS_API_URL: ordersApi.url,
      PAYMENTS_API_URL: paymentsApi.url,
      LOG_LEVEL: 'info',
    },
  });
  const code = await new Promise((done) => demo.once('exit', done));
  process.exitCode = code ?? 1;
} finally {
  for (const app of started.reverse()) await app.stop();
}
