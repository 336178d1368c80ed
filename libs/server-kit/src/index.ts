// Shared server plumbing for the apps: configuration, database, health, metrics, HTTP set-up.
export { ConfigError, EnvReader, loadConfigOrExit } from './lib/config/env-reader';
export { LOG_LEVELS, readServerConfig, type LogLevelName, type ServerConfig } from './lib/config/server-config';
export { readDatabaseConfig, type DatabaseConfig } from './lib/config/database-config';
export { startEmbeddedPostgres, type EmbeddedPostgres } from './lib/database/embedded-postgres';
export { DatabaseModule, type DatabaseModuleOptions } from './lib/database/database.module';
export { ServerSecrets, type SecretSealing, type ServerSecret } from './lib/database/server-secrets';
export { HealthModule } from './lib/health/health.module';
export { MetricsModule } from './lib/metrics/metrics.module';
export { createHttpApp, createLogger } from './lib/http/create-http-app';
export { createRequestValidationPipe, type FieldError } from './lib/http/request-validation.pipe';
export { ApiDocsModule, type ApiDocsOptions } from './lib/http/api-docs.module';
