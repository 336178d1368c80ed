import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { appRoutes } from '@platform/auth';
import type { LogLevelName, ServerConfig } from '../config/server-config';
import { API_DOCS_OPTIONS, ApiDocsModule, type ApiDocsOptions } from './api-docs.module';
import { corsOptions } from './cors-options';
import { serveApiDocs } from './serve-api-docs';
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
 * validation, CORS for `WEB_ORIGINS`, `/openapi.json` and `/docs` when the app imports `ApiDocsModule`,
 * and graceful shutdown. Call `app.listen(config.port, config.host)` to serve.
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
  const docs = apiDocsOptions(app);
  if (docs) serveApiDocs(app, docs);
  app.enableShutdownHooks();
  return app;
}

/** The options of the app's `ApiDocsModule`, if it imports one. */
function apiDocsOptions(app: NestFastifyApplication): ApiDocsOptions | undefined {
  const module = [...app.get(ModulesContainer).values()].find((candidate) => candidate.metatype === ApiDocsModule);
  return module?.getProviderByKey<ApiDocsOptions>(API_DOCS_OPTIONS).instance;
}
