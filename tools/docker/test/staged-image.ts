import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { type AppName, REPO_ROOT } from './docker-files';

export interface LockEntry {
  readonly version?: string;
  readonly dev?: boolean;
  readonly optional?: boolean;
}

export interface PackageLock {
  readonly packages: Record<string, LockEntry>;
}

export interface Manifest {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function run(command: string, args: readonly string[], what: string): void {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${what} failed (exit ${result.status}):\n${`${result.stdout}\n${result.stderr}`.trim().slice(-4000)}`);
  }
}

/** The app's Nx build target, alone, as the Dockerfile runs it (dist/ may not exist in CI). */
export function buildApp(app: AppName): void {
  run('npx', ['nx', 'run', `${app}:build`, '--excludeTaskDependencies', '--skip-nx-cache', '--outputStyle=stream'], `building ${app}`);
}

/** The Dockerfile's staging step: `dir` becomes the image's /app, but for node_modules. */
export function stageApp(app: AppName, dir: string): void {
  run(process.execPath, ['tools/docker/stage-app.mjs', app, dir], `staging ${app}`);
}

/**
 * What `npm ci` in the image installs, from the repository's node_modules: exactly the entries of
 * the staged lockfile, at their locations, as hard links (no copy, and unlike symbolic links Node
 * resolves from the staged path, so nothing outside it can be found). An optional entry for
 * another platform is not installed here either.
 */
export function installStagedPackages(dir: string): void {
  const { packages } = readJson<PackageLock>(join(dir, 'package-lock.json'));
  for (const [location, entry] of Object.entries(packages)) {
    if (location === '') continue;
    const source = join(REPO_ROOT, location);
    if (!existsSync(source)) {
      if (entry.optional) continue;
      throw new Error(`${location} is in the staged lockfile but not installed in the repository`);
    }
    linkTree(source, join(dir, location));
  }
}

function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    // A nested node_modules holds other lockfile entries, each linked on its own.
    if (entry.name === 'node_modules') continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else linkOrCopy(source, target);
  }
}

function linkOrCopy(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch (error) {
    // The temporary directory may be on another file system than the repository.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    copyFileSync(source, target);
  }
}
