import { createServer, type Server } from 'node:http';
import { type BearerTokenSource, ClientCredentialsTokenClient } from '@platform/auth';
import { Counter, Registry } from 'prom-client';
import { ApiClient } from './api/api-client';
import type { ApiEndpoint, JobRunnerConfig } from './job-runner.config';
import { PayPendingOrdersJob, type PassResult } from './jobs/pay-pending-orders.job';
import { FailureTally, renderFailureTable } from './observability/failure-tally';
import { JsonLog, type LineSink } from './observability/json-log';

export interface JobRunnerDependencies {
  /** Default `process.stdout`. */
  readonly sink?: LineSink;
  /** Default: a `ClientCredentialsTokenClient` for the configured client. */
  readonly tokens?: BearerTokenSource;
  /** Per-API token sources that replace `tokens` for that API (the jobs demo uses one to send a stale token). */
  readonly tokensFor?: Partial<Record<ApiEndpoint['name'], BearerTokenSource>>;
  /** Shared by several runners when one summary should cover them (the jobs demo). */
  readonly failures?: FailureTally;
}

/** The job runner, wired: clients for both APIs, the pass, the log, the failure counts and their metrics. */
export class JobRunner {
  readonly log: JsonLog;
  readonly failures: FailureTally;
  readonly registry = new Registry();
  private readonly job: PayPendingOrdersJob;
  private readonly paidTotal: Counter;
  private readonly totals = { passes: 0, paid: 0, alreadyPaid: 0, leftPending: 0 };

  constructor(
    private readonly config: JobRunnerConfig,
    dependencies: JobRunnerDependencies = {},
  ) {
    this.log = new JsonLog(dependencies.sink ?? process.stdout, config.logLevel);
    const failureCounter = new Counter({
      name: 'job_runner_failures_total',
      help: '401/403 answers and failed token requests, by event, api, status and reason',
      labelNames: ['event', 'api', 'status', 'reason'],
      registers: [this.registry],
    });
    this.paidTotal = new Counter({ name: 'job_runner_orders_paid_total', help: 'Orders paid and marked paid', registers: [this.registry] });
    this.failures =
      dependencies.failures ??
      new FailureTally((key) => failureCounter.inc({ event: key.event, api: key.api, status: String(key.status), reason: key.reason }));
    const tokens =
      dependencies.tokens ??
      new ClientCredentialsTokenClient({
        issuer: config.issuer,
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        ...(config.tokenEndpoint === undefined ? {} : { tokenEndpoint: config.tokenEndpoint }),
      });
    const client = (endpoint: ApiEndpoint) =>
      new ApiClient({
        endpoint,
        tokens: dependencies.tokensFor?.[endpoint.name] ?? tokens,
        clientId: config.clientId,
        log: this.log,
        failures: this.failures,
      });
    this.job = new PayPendingOrdersJob(client(config.ordersApi), client(config.paymentsApi), this.log);
  }

  async runPass(): Promise<PassResult> {
    const result = await this.job.runPass();
    this.totals.passes += 1;
    this.totals.paid += result.paid;
    this.totals.alreadyPaid += result.alreadyPaid;
    this.totals.leftPending += result.leftPending;
    this.paidTotal.inc(result.paid);
    this.log.write(result.listed ? 'info' : 'error', { event: 'pass_finished', clientId: this.config.clientId, ...result });
    return result;
  }

  /** The failure counts so far, as a JSON line and as a table for people. */
  printSummary(): void {
    this.log.write('info', { event: 'summary', ...this.totals, failures: this.failures.entries() });
    this.log.text(
      `\njob-runner summary: ${this.totals.passes} pass(es), ${this.totals.paid} order(s) paid, ${this.totals.leftPending} left pending\n${renderFailureTable(this.failures.entries())}`,
    );
  }

  /** Serves the counters for Prometheus on loopback (only when METRICS_PORT is set). */
  async serveMetrics(port: number): Promise<Server> {
    const server = createServer((req, res) => {
      if (req.url !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      void this.registry.metrics().then((text) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(text));
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return server;
  }
}
