/** Start-up configuration that cannot be used: one line per problem, each naming the variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads environment variables into typed values, collecting every problem instead of stopping
 * at the first, so an operator fixes them all in one go.
 *
 * @example
 * const env = new EnvReader(process.env);
 * const port = env.port('PORT', 3001);
 * const config = env.finish({ port });
 */
export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** The raw value, `undefined` when unset or empty. */
  optional(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.optional(name) ?? fallback;
  }

  port(name: string, fallback: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const port = Number(raw);
    if (!/^\d+$/.test(raw) || port < 0 || port > 65535) {
      return this.problem(`${name} must be a port number from 0 to 65535, got "${raw}"`, fallback);
    }
    return port;
  }

  /** A whole number from `min` to `max`. */
  integer(name: string, fallback: number, range: { min: number; max: number }): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < range.min || value > range.max) {
      return this.problem(`${name} must be a whole number from ${range.min} to ${range.max}, got "${raw}"`, fallback);
    }
    return value;
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const raw = this.optional(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (!(values as readonly string[]).includes(raw)) {
      return this.problem(`${name} must be one of ${values.join(', ')}, got "${raw}"`, fallback);
    }
    return raw as T;
  }

  /** An absolute URL whose scheme is one of `protocols` (with the colon: `postgres:`). */
  url(name: string, protocols: readonly string[]): string | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    let protocol = '';
    try {
      protocol = new URL(raw).protocol;
    } catch {
      // reported below
    }
    if (!protocols.includes(protocol)) {
      // The value may hold a password: name the variable, not its content.
      return this.problem(`${name} must be an absolute URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`, undefined);
    }
    return raw;
  }

  /** Runs a reader that reports problems by throwing an error with a `problems` list (such as `AuthConfigError`). */
  section<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch (error) {
      const problems = (error as { problems?: unknown }).problems;
      if (!Array.isArray(problems)) throw error;
      this.problems.push(...problems.map(String));
      return undefined;
    }
  }

  /** Records a problem; returns `fallback` so reading can go on. */
  problem<T>(message: string, fallback: T): T {
    this.problems.push(message);
    return fallback;
  }

  /** @throws ConfigError with every problem found */
  finish<T>(config: T): T {
    if (this.problems.length > 0) {
      throw new ConfigError(this.problems);
    }
    return config;
  }
}

/** Reads the configuration, or prints each problem on its own line and exits with status 1. */
export function loadConfigOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) {
      process.stderr.write(`config error: ${problem}\n`);
    }
    process.exit(1);
  }
}
