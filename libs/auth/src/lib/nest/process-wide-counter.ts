import { Counter, register } from 'prom-client';

/**
 * A counter in prom-client's default registry, created once per process however many Nest
 * applications ask for it (tests create several; registering a name twice throws).
 */
export function processWideCounter<Label extends string>(name: string, help: string, labelNames: readonly Label[]): Counter<Label> {
  return (register.getSingleMetric(name) as Counter<Label> | undefined) ?? new Counter({ name, help, labelNames });
}
