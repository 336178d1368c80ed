// Stages one built app as its image's /app directory, node_modules aside: dist/ (main.js and the
// files it serves), the health check, and a package.json and package-lock.json holding only the
// npm packages the app needs. tools/build-app.mjs bundles the workspace libs and leaves npm
// packages external, so the bundle's require() calls name the packages it loads; their locked
// versions, and all they need, come from the monorepo's lockfile, so `npm ci` in the image
// installs the versions CI tested.
//
//   node tools/docker/stage-app.mjs <app> <out-dir>   (in the repository, after the app's build)
import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import { copyFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const BUILTINS = new Set(builtinModules);

/** The npm packages a built bundle requires or imports, by package name, sorted. */
async function bundleRequires(bundlePath) {
  // Bundling the bundle again with every package external gives esbuild's own parse of each
  // require() and import(): no pattern matching on the text.
  const { metafile } = await build({
    entryPoints: [bundlePath],
    bundle: true,
    packages: 'external',
    platform: 'node',
    write: false,
    metafile: true,
    outdir: 'unused',
    logLevel: 'silent',
  });
  const names = Object.values(metafile.inputs)
    .flatMap((input) => input.imports)
    .filter((imported) => imported.external && !imported.path.startsWith('node:') && !BUILTINS.has(imported.path.split('/')[0]))
    .map((imported) => packageName(imported.path));
  return [...new Set(names)].sort();
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * The app's manifest and lockfile. Its packages are the bundle's `requires`, plus each production
 * dependency of the monorepo that an included package names as an optional peer: those are loaded
 * by name at run time (typeorm loads `pg`, @nestjs/common loads class-transformer), so no require()
 * in the bundle shows them.
 *
 * @throws Error naming each required package that is not a production dependency
 */
function prunePackages({ app, requires, manifest, lockfile }) {
  const production = manifest.dependencies ?? {};
  const notProduction = requires.filter((name) => !(name in production));
  if (notProduction.length > 0) {
    const what = (name) => (name in (manifest.devDependencies ?? {}) ? `${name} (a devDependency)` : `${name} (not a dependency)`);
    throw new Error(`${app}'s bundle requires ${notProduction.map(what).join(', ')}: list it under "dependencies" in package.json`);
  }
  const packages = lockfile.packages;
  const selected = new Map();
  const topLevel = new Set(requires);
  const visit = (location) => {
    if (selected.has(location)) return;
    const entry = packages[location];
    if (entry === undefined) throw new Error(`${location} is missing from package-lock.json: run npm install`);
    selected.set(location, entry);
    const peers = Object.keys(entry.peerDependencies ?? {});
    const optionalPeers = peers.filter((name) => entry.peerDependenciesMeta?.[name]?.optional);
    for (const name of optionalPeers.filter((peer) => peer in production)) {
      topLevel.add(name);
      visit(`node_modules/${name}`);
    }
    const needed = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...peers.filter((name) => !optionalPeers.includes(name)),
    ];
    for (const name of needed) {
      const found = resolve(packages, location, name);
      // An optional dependency for another platform is not in the lockfile.
      if (found !== undefined) visit(found);
    }
  };
  for (const name of requires) visit(`node_modules/${name}`);

  const dependencies = Object.fromEntries([...topLevel].sort().map((name) => [name, production[name]]));
  const root = { name: app, version: manifest.version, license: manifest.license, dependencies };
  const entries = [...selected.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([location, entry]) => [location, productionFlags(entry)]);
  return {
    manifest: { ...root, private: true },
    lockfile: {
      name: app,
      version: manifest.version,
      lockfileVersion: lockfile.lockfileVersion,
      requires: true,
      packages: { '': root, ...Object.fromEntries(entries) },
    },
  };
}

/** Node's lookup from `location` upward: its own node_modules first, then each parent's. */
function resolve(packages, location, name) {
  let base = location;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent === -1 ? '' : base.slice(0, parent);
  }
}

/** `npm ci --omit=dev` skips entries flagged dev; every entry here is needed in production. */
function productionFlags(entry) {
  const { dev, devOptional, peer, ...rest } = entry;
  return devOptional ? { ...rest, optional: true } : rest;
}

const [app, outDir] = process.argv.slice(2);
if (!app || !outDir) {
  console.error('usage: node tools/docker/stage-app.mjs <app> <out-dir>');
  process.exit(2);
}
try {
  const [manifest, lockfile] = await Promise.all(
    ['package.json', 'package-lock.json'].map(async (file) => JSON.parse(await readFile(file, 'utf8'))),
  );
  const built = join('dist/apps', app);
  const pruned = prunePackages({ app, requires: await bundleRequires(join(built, 'main.js')), manifest, lockfile });
  await mkdir(outDir, { recursive: true });
  // The image runs only `node dist/main.js`: other entry points (the job runner's development
  // demo) stay out, whatever else the build put beside it (orders-web's public/) goes in.
  await cp(built, join(outDir, 'dist'), {
    recursive: true,
    filter: (source) => !/^(?!main\.js)[^/]+\.js(\.map)?$/.test(source.slice(built.length + 1)),
  });
  await copyFile(new URL('healthcheck.mjs', import.meta.url), join(outDir, 'healthcheck.mjs'));
  await writeFile(join(outDir, 'package.json'), `${JSON.stringify(pruned.manifest, null, 2)}\n`);
  await writeFile(join(outDir, 'package-lock.json'), `${JSON.stringify(pruned.lockfile, null, 2)}\n`);
  const count = Object.keys(pruned.lockfile.packages).length - 1;
  console.log(`${app}: ${Object.keys(pruned.manifest.dependencies).join(', ')} (${count} packages in all) staged in ${outDir}`);
} catch (error) {
  console.error(`stage-app: ${error.message}`);
  process.exit(1);
}
