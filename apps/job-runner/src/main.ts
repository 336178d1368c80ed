import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfigOrExit } from '@platform/server-kit';
import { readJobRunnerConfig } from './job-runner.config';
import { JobRunner } from './job-runner';

const USAGE = 'usage: node dist/apps/job-runner/main.js [--once]';

async function main(args: readonly string[]): Promise<number> {
  const unknown = args.filter((arg) => arg !== '--once');
  if (unknown.length > 0) {
    process.stderr.write(`unknown argument ${unknown.join(' ')}\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfigOrExit(() => readJobRunnerConfig(process.env));
  const runner = new JobRunner(config);

  if (args.includes('--once')) {
    // 0 when the pass ran, even with refused calls (they are in the log and the summary).
    const result = await runner.runPass();
    runner.printSummary();
    return result.listed ? 0 : 1;
  }

  const metrics = config.metricsPort === undefined ? undefined : await runner.serveMetrics(config.metricsPort);
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  runner.log.write('info', { event: 'started', clientId: config.clientId, intervalS: config.intervalS, issuer: config.issuer });
  let lastSummary = Date.now();
  while (!stop.signal.aborted) {
    await runner.runPass();
    if (Date.now() - lastSummary >= config.summaryIntervalS * 1000) {
      runner.printSummary();
      lastSummary = Date.now();
    }
    await sleep(config.intervalS * 1000, undefined, { signal: stop.signal }).catch(() => undefined);
  }
  runner.printSummary();
  metrics?.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`job-runner failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
