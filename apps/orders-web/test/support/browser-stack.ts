import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startAuthServer, type RunningAuthServer } from '@platform/auth-server/testing';
import { startOrdersApi, type RunningOrdersApi } from '@platform/orders-api/testing';
import { chromium, type Browser } from 'playwright-core';
import { startOrdersWebServer, type RunningOrdersWebServer } from '../../src/orders-web.server';

const ROOT = resolve(__dirname, '../../../..');

/** Debian's chromium (.ci/run installs it); never a downloaded browser. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserStack {
  readonly auth: RunningAuthServer;
  readonly ordersApi: RunningOrdersApi;
  readonly web: RunningOrdersWebServer;
  /** Where the browser opens the app: `http://localhost:<port>`, one of WEB_ORIGINS. */
  readonly webOrigin: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * auth-server, orders-api and the orders-web static server in-process, each on a free loopback
 * port (a running `npm start` stack is not disturbed), and a headless Chromium. The app's
 * origin is in WEB_ORIGINS: the auth-server registers its redirect for orders-spa, orders-api
 * answers its CORS requests.
 */
export async function startBrowserStack(authServerEnv: Record<string, string>): Promise<BrowserStack> {
  const assetsDir = await mkdtemp(join(tmpdir(), 'orders-web-assets-'));
  const closers: (() => Promise<unknown>)[] = [() => rm(assetsDir, { recursive: true, force: true })];
  const close = async (): Promise<void> => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    await buildAssets(assetsDir);
    const webPort = await freePort();
    const webOrigin = `http://localhost:${webPort}`;
    const auth = await startAuthServer({ WEB_ORIGINS: webOrigin, ...authServerEnv });
    closers.push(() => auth.close());
    const ordersApi = await startOrdersApi({
      AUTH_ISSUER: auth.url,
      WEB_ORIGINS: webOrigin,
      // Renewal is proved by the first token being refused once expired: no grace period.
      AUTH_CLOCK_TOLERANCE_S: '0',
    });
    closers.push(() => ordersApi.close());
    const web = await startOrdersWebServer(
      {
        port: webPort,
        host: '127.0.0.1',
        logLevel: 'error',
        tls: undefined,
        browser: { issuer: auth.url, ordersApiUrl: ordersApi.url, clientId: 'orders-spa' },
      },
      assetsDir,
    );
    closers.push(() => web.close());
    // launch() gives every run a fresh temporary profile (user data dir), removed on close.
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    closers.push(() => browser.close());
    return { auth, ordersApi, web, webOrigin, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The app as its build makes it, into `outDir` (the test does not depend on a stale dist/), and
 * type-checked against the DOM as the build does: the root typecheck leaves the browser code out.
 */
async function buildAssets(outDir: string): Promise<void> {
  const run = (script: string, args: string[]) =>
    promisify(execFile)(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT }).catch(
      (error: { stdout?: string; stderr?: string }) => {
        // tsc reports on stdout: show it, not only "Command failed".
        throw new Error(`${script} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      },
    );
  await Promise.all([
    run('node_modules/typescript/bin/tsc', ['-p', 'apps/orders-web/web/tsconfig.json']),
    run('node_modules/vite/bin/vite.js', ['build', '--config', 'apps/orders-web/vite.config.mjs', '--outDir', outDir, '--emptyOutDir']),
  ]);
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
