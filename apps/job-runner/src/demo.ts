// `npm run jobs:demo`: one pass of the job runner against a local stack, with three deliberate
// mistakes run alongside the correct job, and one summary counting every failure by its reason.
// tools/jobs-demo.mjs starts the stack and runs this with AUTH_ISSUER, ORDERS_API_URL and
// PAYMENTS_API_URL pointing at it.
import { ORDERS_API, OrderScopes, PAYMENTS_API } from '@platform/api-catalog';
import type { BearerTokenSource } from '@platform/auth';
import { loadConfigOrExit } from '@platform/server-kit';
import { retiredKeyToken } from './demo/retired-key-token';
import { signInWithPassword } from './demo/sign-in-with-password';
import { readJobRunnerConfig } from './job-runner.config';
import { JobRunner } from './job-runner';
import { FailureTally } from './observability/failure-tally';

async function main(): Promise<void> {
  const base = loadConfigOrExit(() => readJobRunnerConfig(process.env));
  const aliceToken = await signInWithPassword({
    issuer: base.issuer,
    clientId: 'orders-spa',
    redirectUri: 'http://localhost:5173/callback',
    scope: `openid ${OrderScopes.write}`,
    resource: ORDERS_API.identifier,
    username: 'alice',
    password: 'alice-password',
  });
  for (const unitPrice of ['12.50', '3.99', '100.00']) {
    const response = await fetch(`${base.ordersApi.baseUrl}/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${aliceToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ sku: 'DEMO-1', quantity: 1, unitPrice }] }),
    });
    if (response.status !== 201) throw new Error(`placing a demo order failed: HTTP ${response.status}`);
  }
  process.stdout.write('alice placed 3 orders; now the jobs run, the three mistakes first\n\n');

  const failures = new FailureTally();
  const run = async (
    title: string,
    env: NodeJS.ProcessEnv,
    tokensFor?: Partial<Record<'orders-api' | 'payments-api', BearerTokenSource>>,
  ) => {
    process.stdout.write(`--- ${title}\n`);
    const runner = new JobRunner(readJobRunnerConfig({ ...process.env, ...env }), { failures, ...(tokensFor ? { tokensFor } : {}) });
    await runner.runPass();
    return runner;
  };

  await run('mistake 1: orders-api called with a token for the wrong audience (ORDERS_API_RESOURCE=urn:payments-api)', {
    ORDERS_API_RESOURCE: PAYMENTS_API.identifier,
  });
  await run('mistake 2: a client without process:payment (CLIENT_ID=reporting)', {
    CLIENT_ID: 'reporting',
    CLIENT_SECRET: 'dev-only-reporting-secret',
  });
  const stale = retiredKeyToken({
    issuer: base.issuer,
    audience: ORDERS_API.audience,
    clientId: base.clientId,
    scope: [OrderScopes.readAny, OrderScopes.writeStatus].join(' '),
  });
  await run(
    'mistake 3: a token signed by a retired key',
    {},
    {
      'orders-api': { getToken: () => Promise.resolve({ accessToken: stale }), invalidate: () => undefined },
    },
  );
  const correct = await run('the correct job', {});
  correct.printSummary();
}

main().catch((error: unknown) => {
  process.stderr.write(`jobs demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
