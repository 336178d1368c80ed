import { type DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule, HealthModule, MetricsModule } from '@platform/server-kit';
import { DataSource } from 'typeorm';
import type { AuthServerConfig } from './auth-server.config';
import { developmentClients } from './clients/development-clients';
import { InteractionsController } from './interactions/interactions.controller';
import { AuthorizationFailureMetrics } from './metrics/authorization-failure.metrics';
import { KeyEncryption } from './keys/key-encryption';
import { SigningKeyStore } from './keys/signing-key-store';
import { AUTH_SERVER_MIGRATIONS } from './migrations';
import { PLATFORM_APIS } from './oidc/api-registry';
import { ExpiredPayloadsCleaner } from './oidc/expired-payloads.cleaner';
import { OidcProviderHost } from './oidc/oidc-provider.host';
import { AUTH_SERVER_SCHEMA, createPostgresOidcAdapter } from './oidc/postgres-oidc-adapter';
import { developmentUsers } from './users/development-users';
import { UserDirectory } from './users/user-directory';

export interface AuthServerModuleOptions {
  /** How often key rotations by other processes are picked up (default 30 s). */
  readonly keyPollIntervalMs?: number;
}

@Module({})
export class AuthServerModule {
  static register(config: AuthServerConfig, options: AuthServerModuleOptions = {}): DynamicModule {
    return {
      module: AuthServerModule,
      imports: [
        DatabaseModule.forRoot({ config: config.database, schema: AUTH_SERVER_SCHEMA, entities: [], migrations: AUTH_SERVER_MIGRATIONS }),
        HealthModule,
        MetricsModule,
      ],
      controllers: [InteractionsController],
      providers: [
        { provide: UserDirectory, useFactory: async () => UserDirectory.create(config.users ?? (await developmentUsers())) },
        {
          provide: SigningKeyStore,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new SigningKeyStore(dataSource, new KeyEncryption(config.keysEncryptionKey)),
        },
        {
          provide: OidcProviderHost,
          inject: [DataSource, UserDirectory, SigningKeyStore, AuthorizationFailureMetrics],
          useFactory: async (dataSource: DataSource, users: UserDirectory, keys: SigningKeyStore, metrics: AuthorizationFailureMetrics) => {
            const host = new OidcProviderHost({
              config,
              apis: PLATFORM_APIS,
              clients: config.clients ?? developmentClients(config.server.webOrigins),
              users,
              adapter: createPostgresOidcAdapter(dataSource),
              keys,
              keyPollIntervalMs: options.keyPollIntervalMs,
              onProviderBuilt: (provider) => metrics.observe(provider),
            });
            await host.start();
            return host;
          },
        },
        AuthorizationFailureMetrics,
        ExpiredPayloadsCleaner,
      ],
    };
  }
}
