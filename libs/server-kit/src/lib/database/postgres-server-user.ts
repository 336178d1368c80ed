import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, stat } from 'node:fs/promises';

/**
 * Who runs initdb and the server. PostgreSQL refuses to run as root (a compromised server must
 * not own the machine), so root starts them as `nobody`, or, when `nobody` cannot reach the
 * files (a checkout under a 0700 /root), in a user namespace where root's uid is 65534.
 */
export interface PostgresServerUser {
  /** Put before the command: `unshare ...` for the user namespace, else empty. */
  readonly command: readonly string[];
  /** For `spawn`: the unprivileged user, unset to run as ourselves. */
  readonly uid?: number;
  readonly gid?: number;
}

const OURSELVES: PostgresServerUser = { command: [] };
const USER_NAMESPACE: PostgresServerUser = { command: ['unshare', '--user', '--map-user=65534', '--map-group=65534'] };

/**
 * The user for the cluster in `clusterDir` (under `dataDir`). An existing cluster keeps the user
 * that created it: PostgreSQL insists that its owner runs it.
 */
export async function postgresServerUser(dataDir: string, clusterDir: string, postgres: string): Promise<PostgresServerUser> {
  if (process.getuid?.() !== 0) return OURSELVES;
  const existing = await stat(clusterDir).catch(() => undefined);
  if (existing) return existing.uid === 0 ? userNamespaceOrThrow(clusterDir) : { command: [], uid: existing.uid, gid: existing.gid };
  const nobody = { command: [], uid: idOf('-u'), gid: idOf('-g') };
  // The data directory is ours: let `nobody` pass through it (x only) to the cluster it will own.
  const { mode } = await stat(dataDir);
  if ((mode & 0o001) === 0) await chmod(dataDir, mode | 0o001);
  if (canReach(nobody, postgres, dataDir)) return nobody;
  return userNamespaceOrThrow(dataDir);
}

function idOf(flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
}

function canReach(user: PostgresServerUser, postgres: string, dataDir: string): boolean {
  const probe = spawnSync('/bin/sh', ['-c', 'test -x "$1" && test -x "$2"', 'sh', postgres, dataDir], { uid: user.uid, gid: user.gid });
  return probe.status === 0;
}

function userNamespaceOrThrow(path: string): PostgresServerUser {
  const probe = spawnSync(USER_NAMESPACE.command[0], [...USER_NAMESPACE.command.slice(1), 'true']);
  if (probe.status === 0) return USER_NAMESPACE;
  throw new Error(
    `PostgreSQL refuses to run as root, and here neither can user nobody reach ${path} nor can a user namespace be created: run as another user, make the directories above it traversable (chmod o+x), or set DATABASE_URL`,
  );
}
