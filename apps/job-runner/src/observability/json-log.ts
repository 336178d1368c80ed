import type { LogLevelName } from '@platform/server-kit';

const SEVERITY: Record<LogLevelName, number> = { fatal: 60, error: 50, warn: 40, info: 30, debug: 20, trace: 10 };

/** Where log lines go: `process.stdout`, or a collector in tests. */
export interface LineSink {
  write(line: string): unknown;
}

/**
 * One JSON object per line on stdout, so a log pipeline can filter on `event`. Callers pass
 * decoded claims and error codes, never a token or a secret: nothing here could redact them.
 */
export class JsonLog {
  constructor(
    private readonly sink: LineSink,
    private readonly level: LogLevelName = 'info',
    private readonly now: () => Date = () => new Date(),
  ) {}

  write(level: LogLevelName, fields: Record<string, unknown>): void {
    if (SEVERITY[level] < SEVERITY[this.level]) return;
    this.sink.write(`${JSON.stringify({ time: this.now().toISOString(), level, ...fields })}\n`);
  }

  /** Text for people (the summary table): written as it is, after the JSON lines. */
  text(text: string): void {
    this.sink.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}
