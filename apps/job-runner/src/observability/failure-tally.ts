/** A refused call: an API's 401/403 (`auth_failure`) or a failed token request (`token_failure`). */
export interface FailureKey {
  readonly event: 'auth_failure' | 'token_failure';
  readonly api: string;
  /** HTTP status; 0 when no answer came (network error). */
  readonly status: number;
  readonly reason: string;
}

export interface FailureCount extends FailureKey {
  readonly count: number;
}

/**
 * Counts failures by event, API, status and reason, so a pass ends with the causes ranked instead
 * of a scroll of log lines. `onRecord` lets the Prometheus counters follow along.
 */
export class FailureTally {
  private readonly counts = new Map<string, FailureCount>();

  constructor(private readonly onRecord: (key: FailureKey) => void = () => undefined) {}

  record(key: FailureKey): void {
    const id = JSON.stringify([key.event, key.api, key.status, key.reason]);
    const current = this.counts.get(id);
    this.counts.set(id, { ...key, count: (current?.count ?? 0) + 1 });
    this.onRecord(key);
  }

  /** Most frequent first, then by API and reason, so the table reads the same from run to run. */
  entries(): FailureCount[] {
    return [...this.counts.values()].sort(
      (a, b) => b.count - a.count || a.api.localeCompare(b.api) || a.status - b.status || a.reason.localeCompare(b.reason),
    );
  }

  get total(): number {
    return this.entries().reduce((sum, entry) => sum + entry.count, 0);
  }
}

/**
 * The failure counts as a plain-text table.
 *
 * @example
 * renderFailureTable(tally.entries());
 * // event         api           status  reason              count
 * // auth_failure  payments-api  403     insufficient_scope      1
 */
export function renderFailureTable(entries: readonly FailureCount[]): string {
  if (entries.length === 0) return 'no 401, 403 or token failures\n';
  const header = ['event', 'api', 'status', 'reason', 'count'];
  const rows = entries.map((entry) => [entry.event, entry.api, String(entry.status), entry.reason, String(entry.count)]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
