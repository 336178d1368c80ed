import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { APPS, type AppName, composeServices, imageRecipe, REPO_ROOT } from './docker-files';
import { buildApp, installStagedPackages, type Manifest, type PackageLock, readJson, stageApp } from './staged-image';

// The compose stack's postgres and redis services, as CI runs them on loopback.
const TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test_h_docker';
const TEST_REDIS_URL = 'redis://127.0.0.1:6379/10';

const services = composeServices();
const recipe = imageRecipe();

/** The apps in the order depends_on starts them. */
function startOrder(): AppName[] {
  const order: AppName[] = [];
  const place = (app: AppName) => {
    if (order.includes(app)) return;
    for (const dependency of Object.keys(services[app].depends_on ?? {})) {
      if ((APPS as readonly string[]).includes(dependency)) place(dependency as AppName);
    }
    order.push(app);
  };
  APPS.forEach(place);
  return order;
}

/** `@scope/name/sub` and `name/sub` are the packages `@scope/name` and `name`. */
function packageOf(specifier: string): string {
  return specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface RunningApp {
  readonly child: ChildProcess;
  readonly output: string[];
  readonly exited: Promise<unknown>;
}

describe('the images, staged as the Dockerfile stages them', () => {
  const dirs = new Map<AppName, string>();
  /** The port each app listens on here: PORT for a server, METRICS_PORT for the job runner. */
  const ports = new Map<AppName, number>();
  const running = new Map<AppName, RunningApp>();

  /** A compose URL on loopback: service names become the test servers and the apps' ports here. */
  const onLoopback = (value: string): string => {
    if (!URL.canParse(value)) return value;
    const { hostname, host } = new URL(value);
    if (hostname === 'postgres') return TEST_DATABASE_URL;
    if (hostname === 'redis') return TEST_REDIS_URL;
    const port = ports.get(hostname as AppName);
    return port === undefined ? value : value.replace(`//${host}`, `//127.0.0.1:${port}`);
  };

  /** The image's ENV, then compose's environment on loopback; nothing from this process but PATH. */
  const containerEnv = (app: AppName): Record<string, string> => {
    const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', ...recipe.env };
    for (const [name, value] of Object.entries(services[app].environment ?? {})) env[name] = onLoopback(value);
    // The image's 0.0.0.0 would listen on every interface of the test machine.
    env['HOST'] = '127.0.0.1';
    env[app === 'job-runner' ? 'METRICS_PORT' : 'PORT'] = String(ports.get(app));
    return env;
  };

  const healthy = (app: AppName): Promise<boolean> => {
    const [command, ...args] = recipe.healthcheck;
    expect(command).toBe('node');
    return new Promise((resolve) => {
      execFile(process.execPath, args, { cwd: dirs.get(app), env: containerEnv(app), timeout: 5000 }, (error) => resolve(error === null));
    });
  };

  beforeAll(async () => {
    for (const app of APPS) {
      buildApp(app);
      const dir = mkdtempSync(join(tmpdir(), `image-${app}-`));
      dirs.set(app, dir);
      stageApp(app, dir);
      installStagedPackages(dir);
      ports.set(app, await freePort());
    }
    const psql = (sql: string) =>
      execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-qc', sql], { stdio: 'pipe' });
    psql('drop database if exists test_h_docker with (force)');
    psql('create database test_h_docker');
  }, 300_000);

  afterAll(async () => {
    for (const { child, exited } of running.values()) {
      child.kill('SIGTERM');
      await exited;
    }
    for (const dir of dirs.values()) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  describe.each(APPS)('%s', (app) => {
    it('holds every package its bundle requires, and nothing only devDependencies need', () => {
      const dir = dirs.get(app) as string;
      const manifest = readJson<Manifest>(join(dir, 'package.json'));
      const staged = readJson<PackageLock>(join(dir, 'package-lock.json'));
      const monorepo = readJson<Manifest>(join(REPO_ROOT, 'package.json'));
      const monorepoLock = readJson<PackageLock>(join(REPO_ROOT, 'package-lock.json'));
      // A text scan, independent of the esbuild parse stage-app.mjs uses: esbuild writes each
      // external require as require("name").
      const bundle = readFileSync(join(dir, 'dist/main.js'), 'utf8');
      const specifiers = [...bundle.matchAll(/\brequire\("([^"./][^"]*)"\)/g)].map(([, specifier]) => specifier);
      const packages = specifiers.filter((name) => !name.startsWith('node:') && !builtinModules.includes(name.split('/')[0]));
      const required = [...new Set(packages.map(packageOf))];

      expect(manifest.name).toBe(app);
      for (const name of required) {
        expect([name, manifest.dependencies?.[name] ?? 'missing']).toEqual([
          name,
          monorepo.dependencies?.[name] ?? 'a production dependency',
        ]);
        expect([name, existsSync(join(dir, 'node_modules', name, 'package.json'))]).toEqual([name, true]);
      }
      expect(manifest.devDependencies).toBeUndefined();
      expect(Object.keys(manifest.dependencies ?? {}).filter((name) => name in (monorepo.devDependencies ?? {}))).toEqual([]);
      const devOnly = Object.keys(staged.packages).filter((location) => location !== '' && monorepoLock.packages[location]?.dev);
      expect(devOnly).toEqual([]);
    });
  });

  describe('started in depends_on order, each as its image CMD and with its compose environment', () => {
    it.each(startOrder())(
      "%s passes the image's HEALTHCHECK",
      async (app) => {
        const [command, ...args] = recipe.cmd;
        expect(command).toBe('node');
        const child = spawn(process.execPath, args, { cwd: dirs.get(app), env: containerEnv(app), stdio: ['ignore', 'pipe', 'pipe'] });
        const output: string[] = [];
        for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => output.push(...String(chunk).split('\n')));
        running.set(app, { child, output, exited: new Promise((resolve) => child.once('exit', resolve)) });

        const deadline = Date.now() + 60_000;
        while (!(await healthy(app))) {
          if (child.exitCode !== null || Date.now() > deadline) {
            throw new Error(
              `${app} ${child.exitCode === null ? 'is not healthy after 60 s' : `exited with ${child.exitCode}`}:\n${output.join('\n').slice(-3000)}`,
            );
          }
          await sleep(250);
        }
      },
      90_000,
    );

    it("the job runner's first pass lists orders with a token orders-api accepts: iss http://localhost:3000, keys from AUTH_JWKS_URI", async () => {
      const lines = () =>
        (running.get('job-runner')?.output ?? [])
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Record<string, unknown>);
      const deadline = Date.now() + 30_000;
      while (!lines().some((line) => line['event'] === 'pass_finished') && Date.now() < deadline) await sleep(250);
      const events = lines();
      expect(events.filter((line) => line['event'] === 'auth_failure' || line['event'] === 'token_failure')).toEqual([]);
      expect(events.find((line) => line['event'] === 'pass_finished')).toMatchObject({ listed: true });
    }, 40_000);

    it('payments-api takes a payment with a client-credentials token from the auth-server', async () => {
      const token = await fetch(`http://127.0.0.1:${ports.get('auth-server')}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('job-runner:dev-only-job-runner-secret').toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource: 'urn:payments-api' }),
      });
      expect(token.status).toBe(200);
      const { access_token } = (await token.json()) as { access_token: string };
      expect(JSON.parse(Buffer.from(access_token.split('.')[1], 'base64url').toString())).toMatchObject({ iss: 'http://localhost:3000' });
      const payment = await fetch(`http://127.0.0.1:${ports.get('payments-api')}/payments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ orderId: randomUUID(), amount: '1.00' }),
      });
      expect(payment.status).toBe(201);
    });

    it('orders-web hands the browser the URLs it reaches through the published ports', async () => {
      const config = await fetch(`http://127.0.0.1:${ports.get('orders-web')}/config.json`);
      expect(await config.json()).toMatchObject({ issuer: 'http://localhost:3000', ordersApiUrl: 'http://localhost:3001' });
    });
  });
});
