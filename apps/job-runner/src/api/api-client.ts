import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type BearerTokenSource, fetchWithToken, TokenRequestError } from '@platform/auth';
import type { ApiEndpoint } from '../job-runner.config';
import { authFailureEvent, type RefusedCall } from '../observability/auth-failure-event';
import type { FailureTally } from '../observability/failure-tally';
import type { JsonLog } from '../observability/json-log';
import { backoffDelayMs, type BackoffPolicy, DEFAULT_BACKOFF } from './backoff';

/** What a call came to. `refused` is a 401/403 (already logged and counted); `unavailable` ran out of retries or had no token. */
export type ApiOutcome =
  | { readonly kind: 'answered'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'refused'; readonly status: 401 | 403 }
  | { readonly kind: 'unavailable'; readonly detail: string };

export interface ApiClientOptions {
  readonly endpoint: ApiEndpoint;
  readonly tokens: BearerTokenSource;
  readonly clientId: string;
  readonly log: JsonLog;
  readonly failures: FailureTally;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
}

// Token endpoint failures worth another try: the server or the network, not the request.
const TRANSIENT_TOKEN_ERRORS = new Set(['network_error', 'server_error', 'temporarily_unavailable']);

/**
 * Calls one API with client-credentials tokens. Network errors and 5xx answers are retried with
 * backoff and jitter; a 401 `invalid_token` gets one new token (fetchWithToken); a 401 or 403
 * that remains is logged as one `auth_failure` line, counted, and never retried: a new token
 * carries the same grants.
 */
export class ApiClient {
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;

  constructor(private readonly options: ApiClientOptions) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
  }

  get name(): string {
    return this.options.endpoint.name;
  }

  async call(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    request: { body?: unknown; idempotencyKey?: string } = {},
  ): Promise<ApiOutcome> {
    const { endpoint } = this.options;
    const requestId = randomUUID();
    const headers: Record<string, string> = { accept: 'application/json', 'x-request-id': requestId };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.idempotencyKey !== undefined) headers['idempotency-key'] = request.idempotencyKey;
    const init = { method, headers, ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }) };

    let lastProblem = '';
    for (let attempt = 1; attempt <= this.backoff.attempts; attempt += 1) {
      if (attempt > 1) await sleep(backoffDelayMs(attempt - 1, this.backoff, this.random));
      try {
        const result = await fetchWithToken(this.options.tokens, { resource: endpoint.resource }, `${endpoint.baseUrl}${path}`, init);
        const { response } = result;
        if (response.status >= 500) {
          lastProblem = `HTTP ${response.status}`;
          await response.body?.cancel();
          this.options.log.write('warn', {
            event: 'api_retry',
            api: endpoint.name,
            method,
            path,
            status: response.status,
            attempt,
            requestId,
          });
          continue;
        }
        if (result.retriedAfter) {
          // Recovered or not, the refusal happened: an early expiry or a key rotation shows up here.
          const refused = result.retriedAfter;
          this.reportRefusal({
            method,
            path,
            status: 401,
            challenge: refused.challenge,
            body: parseJson(refused.body),
            accessToken: refused.accessToken,
            requestId,
            retried: true,
          });
        }
        const body = parseJson(await response.text());
        if (response.status === 401 || response.status === 403) {
          this.reportRefusal({
            method,
            path,
            status: response.status,
            challenge: result.challenge,
            body,
            accessToken: result.accessToken,
            requestId,
            retried: false,
          });
          return { kind: 'refused', status: response.status };
        }
        return { kind: 'answered', status: response.status, body };
      } catch (error) {
        if (error instanceof TokenRequestError) {
          this.logTokenFailure(error);
          if (!TRANSIENT_TOKEN_ERRORS.has(error.code)) return { kind: 'unavailable', detail: `no token: ${error.code}` };
          lastProblem = `token ${error.code}`;
          continue;
        }
        // fetch rejects only when no answer came (refused connection, reset, DNS): worth a retry.
        lastProblem = error instanceof Error ? error.message : String(error);
        this.options.log.write('warn', { event: 'api_retry', api: endpoint.name, method, path, error: lastProblem, attempt, requestId });
      }
    }
    this.options.log.write('error', { event: 'api_unavailable', api: endpoint.name, method, path, error: lastProblem, requestId });
    return { kind: 'unavailable', detail: lastProblem };
  }

  private reportRefusal(call: Omit<RefusedCall, 'api' | 'clientId'>): void {
    const event = authFailureEvent({ ...call, api: this.options.endpoint.name, clientId: this.options.clientId });
    this.options.log.write('warn', event);
    this.options.failures.record({
      event: 'auth_failure',
      api: this.options.endpoint.name,
      status: call.status,
      reason: String(event['reason']),
    });
  }

  private logTokenFailure(error: TokenRequestError): void {
    this.options.log.write('warn', {
      event: 'token_failure',
      api: this.options.endpoint.name,
      resource: this.options.endpoint.resource,
      status: error.status ?? null,
      error: error.oauthError ?? error.code,
      reason: error.code,
      errorDescription: error.errorDescription ?? null,
      clientId: this.options.clientId,
    });
    this.options.failures.record({
      event: 'token_failure',
      api: this.options.endpoint.name,
      status: error.status ?? 0,
      reason: error.code,
    });
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
