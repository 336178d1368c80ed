import type { AuthFailureReason } from '../core/auth-failure-reason';

/** Where the lines go: Nest's `Logger` fits. */
export interface LineSink {
  warn(message: Record<string, unknown>): void;
}

/**
 * One `auth_failure` log line per refused request, up to `perSecond` lines per reason each
 * second; beyond that the refusals are only counted, and the next line after that second says
 * how many of each reason were not logged (`auth_failures_not_logged`). A flood of forged tokens
 * would otherwise cost a log write for every request and fill the disk; `auth_failures_total`
 * still counts every one of them.
 */
export class AuthFailureLog {
  private windowStartMs = Number.NEGATIVE_INFINITY;
  private readonly logged = new Map<AuthFailureReason, number>();
  private readonly notLogged = new Map<AuthFailureReason, number>();

  constructor(
    private readonly sink: LineSink,
    private readonly perSecond = 20,
    private readonly now: () => number = Date.now,
  ) {}

  record(reason: AuthFailureReason, line: () => Record<string, unknown>): void {
    const now = this.now();
    if (now - this.windowStartMs >= 1000) {
      this.windowStartMs = now;
      this.logged.clear();
      if (this.notLogged.size > 0) {
        this.sink.warn({ event: 'auth_failures_not_logged', byReason: Object.fromEntries(this.notLogged) });
        this.notLogged.clear();
      }
    }
    const count = (this.logged.get(reason) ?? 0) + 1;
    this.logged.set(reason, count);
    if (count <= this.perSecond) {
      this.sink.warn(line());
    } else {
      this.notLogged.set(reason, (this.notLogged.get(reason) ?? 0) + 1);
    }
  }
}
