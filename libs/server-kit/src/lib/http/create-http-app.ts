import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { appRoutes } from '@platform/auth';
import type { LogLevelName, ServerConfig } from '../config/server-config';
import { corsOptions } from './cors-options';
import { createRequestValidationPipe } from './request-validation.pipe';

const NEST_LEVELS: Record<LogLevelName, LogLevel[]> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** JSON log lines at the configured level. */
export function createLogger(level: LogLevelName): ConsoleLogger {
  return new ConsoleLogger({ json: true, colors: false, logLevels: NEST_LEVELS[level] });
}

/**
 * A Nest application on Fastify (HTTPS when TLS files are configured), with JSON logs, request
 * validation, CORS for `WEB_ORIGINS` and graceful shutdown. Call `app.listen(config.port, config.host)` to serve.
 */
export async function createHttpApp(module: unknown, server: ServerConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    ...(server.tls ? { https: { cert: server.tls.cert, key: server.tls.key } } : {}),
    bodyLimit: 1024 * 1024,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, {
    logger: createLogger(server.logLevel),
  });
  app.useGlobalPipes(createRequestValidationPipe());
  // The methods a preflight allows are the ones the app's routes have.
  app.enableCors(corsOptions(server.webOrigins, [...new Set(appRoutes(app).map((route) => route.method))].sort()));
  app.enableShutdownHooks();
  return app;
}
