import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import type { DatabaseConfig } from '../config/database-config';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

export interface DatabaseModuleOptions {
  readonly config: DatabaseConfig;
  /** The app's own PostgreSQL schema: apps may share one database. */
  readonly schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function | string>;
}

/**
 * TypeORM on PostgreSQL: `DATABASE_URL` when set, else the embedded PostgreSQL in `DATA_DIR`.
 * The schema is created if missing and migrations run at start-up (never `synchronize`), under
 * an advisory lock so replicas starting together do not race.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    let embedded: EmbeddedPostgres | undefined;
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async (): Promise<DataSourceOptions> => {
            let url = options.config.url;
            if (url === undefined) {
              embedded = await startEmbeddedPostgres(options.config.dataDir);
              url = embedded.url;
            }
            return {
              type: 'postgres',
              url,
              schema: options.schema,
              entities: options.entities,
              migrations: options.migrations,
              migrationsTableName: 'migrations',
              migrationsRun: false,
              synchronize: false,
              // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
              uuidExtension: 'pgcrypto',
              installExtensions: false,
            };
          },
          dataSourceFactory: async (dataSourceOptions) => {
            const dataSource = new DataSource(dataSourceOptions as DataSourceOptions);
            try {
              await dataSource.initialize();
              await runMigrationsLocked(dataSource, options.schema);
            } catch (error) {
              // Nest never destroys a data source that failed to start: stop its server here.
              if (dataSource.isInitialized) await dataSource.destroy();
              await embedded?.stop();
              throw error;
            }
            const destroy = dataSource.destroy.bind(dataSource);
            dataSource.destroy = async () => {
              await destroy();
              await embedded?.stop();
            };
            return dataSource;
          },
        }),
      ],
    };
  }
}

async function runMigrationsLocked(dataSource: DataSource, schema: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // Concurrent CREATE SCHEMA IF NOT EXISTS can still collide in pg_namespace: lock first.
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrations:${schema}`]);
    await runner.release();
  }
}
