import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { createLogger, type LogLevelName } from '@platform/server-kit';

const NEST_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** The server's JSON log lines, all on stderr: a command's stdout carries only its result. */
class StderrLogger extends ConsoleLogger {
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack);
  }
}

/** A logger for commands, at the same `LOG_LEVEL` as the server's. */
export function createStderrLogger(level: LogLevelName): ConsoleLogger {
  const server = createLogger(level);
  return new StderrLogger({ json: true, colors: false, logLevels: NEST_LEVELS.filter((nestLevel) => server.isLevelEnabled(nestLevel)) });
}
