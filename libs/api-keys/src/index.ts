// The public API of @platform/api-keys: API-key management for an app on @platform/auth.
export { API_KEY_PEPPER } from './lib/api-key-pepper';
export type { ApiKeyPolicy, ApiKeysOptions } from './lib/api-key-policy';
export { ApiKeyEntity } from './lib/api-key.entity';
export { ApiKeysModule } from './lib/api-keys.module';
export { createApiKeysMigration } from './lib/migrations/1764604800000-create-api-keys';
export { readApiKeyPepper } from './lib/read-api-key-pepper';
export { runApiKeysCli, type ApiKeysCliOptions, type CliOutput } from './lib/cli/api-keys-cli';
