import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './docker-files';
import { type Manifest, type PackageLock, readJson } from './staged-image';

const STAGE_APP = join(REPO_ROOT, 'tools/docker/stage-app.mjs');

/**
 * A monorepo in miniature: `a` needs `c` (its own nested copy, while the top-level `c` is another
 * version only a devDependency needs) and names `b` (a production dependency) and `d` as optional
 * peers; `unused` is a production dependency no bundle requires; `jest` is a devDependency.
 */
const LOCKFILE = {
  name: 'fixture',
  version: '1.0.0',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': {
      name: 'fixture',
      version: '1.0.0',
      dependencies: { a: '^1.0.0', b: '^1.0.0', unused: '^1.0.0' },
      devDependencies: { jest: '^30.0.0' },
    },
    'node_modules/a': {
      version: '1.0.0',
      dependencies: { c: '^1.0.0' },
      peerDependencies: { b: '^1.0.0', d: '^1.0.0' },
      peerDependenciesMeta: { b: { optional: true }, d: { optional: true } },
    },
    'node_modules/a/node_modules/c': { version: '1.0.0' },
    'node_modules/b': { version: '1.0.0' },
    'node_modules/c': { version: '2.0.0', dev: true },
    'node_modules/d': { version: '1.0.0', dev: true },
    'node_modules/jest': { version: '30.0.0', dev: true, dependencies: { c: '^2.0.0' } },
    'node_modules/unused': { version: '1.0.0' },
  },
};

describe('tools/docker/stage-app.mjs', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const stage = (app: string) => spawnSync(process.execPath, [STAGE_APP, app, 'image'], { cwd: root, encoding: 'utf8' });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'stage-app-'));
    write('package.json', JSON.stringify({ license: 'MIT', ...LOCKFILE.packages[''] }));
    write('package-lock.json', JSON.stringify(LOCKFILE));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("keeps the bundle's packages, what they need, and production dependencies they name as optional peers", () => {
    write('dist/apps/x/main.js', 'require("node:fs"); require("path"); module.exports = require("a/sub");');
    expect(stage('x').status).toBe(0);

    expect(readJson<Manifest>(join(root, 'image/package.json'))).toEqual({
      name: 'x',
      version: '1.0.0',
      license: 'MIT',
      dependencies: { a: '^1.0.0', b: '^1.0.0' },
      private: true,
    });
    const { packages } = readJson<PackageLock>(join(root, 'image/package-lock.json'));
    expect(Object.keys(packages)).toEqual(['', 'node_modules/a', 'node_modules/a/node_modules/c', 'node_modules/b']);
    expect(packages['']).toEqual({ name: 'x', version: '1.0.0', license: 'MIT', dependencies: { a: '^1.0.0', b: '^1.0.0' } });
  });

  it("stages main.js and the files it serves, not the build's other entry points, and the health check beside them", () => {
    write('dist/apps/x/main.js', 'require("a");');
    write('dist/apps/x/main.js.map', '{}');
    write('dist/apps/x/demo.js', 'require("jest");');
    write('dist/apps/x/demo.js.map', '{}');
    write('dist/apps/x/public/assets/app.js', '');
    expect(stage('x').status).toBe(0);

    const staged = ['dist/main.js', 'dist/main.js.map', 'dist/public/assets/app.js', 'healthcheck.mjs', 'dist/demo.js', 'dist/demo.js.map'];
    expect(staged.map((path) => [path, existsSync(join(root, 'image', path))])).toEqual(
      staged.map((path) => [path, !path.includes('demo')]),
    );
  });

  it('refuses a bundle that requires a devDependency or an undeclared package, naming each', () => {
    write('dist/apps/x/main.js', 'require("jest"); require("left-pad");');
    const result = stage('x');

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`x's bundle requires jest (a devDependency), left-pad (not a dependency)`);
    expect(existsSync(join(root, 'image'))).toBe(false);
  });
});
