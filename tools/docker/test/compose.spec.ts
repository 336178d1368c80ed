import { execFileSync } from 'node:child_process';
import { readAuthServerConfig } from '../../../apps/auth-server/src/auth-server.config';
import { readJobRunnerConfig } from '../../../apps/job-runner/src/job-runner.config';
import { readOrdersApiConfig } from '../../../apps/orders-api/src/orders-api.config';
import { readOrdersWebConfig } from '../../../apps/orders-web/src/orders-web.config';
import { readPaymentsApiConfig } from '../../../apps/payments-api/src/payments-api.config';
import { APPS, type AppName, type ComposeService, composeServices, imageRecipe, REPO_ROOT } from './docker-files';

/** Each app's start-up configuration reader: the schema its environment must pass. */
const CONFIG_READERS: Record<AppName, (environment: NodeJS.ProcessEnv) => unknown> = {
  'auth-server': readAuthServerConfig,
  'orders-api': readOrdersApiConfig,
  'payments-api': readPaymentsApiConfig,
  'job-runner': readJobRunnerConfig,
  'orders-web': readOrdersWebConfig,
};

// Read by Node libraries and npm too, not only by apps' configuration: compose sets it for every
// app (one NODE_ENV story), whether or not the app's own reader looks at it.
const PROCESS_WIDE = new Set(['NODE_ENV']);

/** Runs an app's reader on `environment`, recording every variable it looks at. */
function readConfig(app: AppName, environment: Record<string, string>): { looked: Set<string>; error: string | undefined } {
  const looked = new Set<string>();
  const tracked = new Proxy(environment, {
    get: (target, name) => {
      if (typeof name === 'string') looked.add(name);
      return target[name as string];
    },
    has: (target, name) => {
      if (typeof name === 'string') looked.add(name);
      return name in target;
    },
  });
  try {
    CONFIG_READERS[app](tracked);
    return { looked, error: undefined };
  } catch (error) {
    return { looked, error: error instanceof Error ? error.message : String(error) };
  }
}

describe('docker-compose.yml', () => {
  const imageEnv = imageRecipe().env;
  let services: Record<string, ComposeService>;
  /** What a container of `app` starts with: the image's ENV, then compose's environment. */
  const containerEnv = (app: AppName) => ({ ...imageEnv, ...services[app].environment });
  const unread = (app: AppName, environment: Record<string, string>) => {
    const { looked } = readConfig(app, environment);
    return Object.keys(environment).filter((name) => !looked.has(name) && !PROCESS_WIDE.has(name) && !(name in imageEnv));
  };

  beforeAll(() => {
    services = composeServices();
  });

  it('parses with `docker-compose config -q`', () => {
    expect(() =>
      execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], { cwd: REPO_ROOT, stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('runs every app, each built from the Dockerfile with APP set to its service name', () => {
    const apps = Object.keys(services).filter((name) => services[name].build !== undefined);
    expect(apps.sort()).toEqual([...APPS].sort());
    for (const app of APPS) expect(services[app].build).toEqual({ context: REPO_ROOT, args: { APP: app } });
  });

  it('gives PostgreSQL and Redis health checks and restarts every service unless stopped', () => {
    expect(services['postgres'].healthcheck?.test).toContain('pg_isready');
    expect(services['redis'].healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    for (const [name, service] of Object.entries(services)) expect([name, service.restart]).toEqual([name, 'unless-stopped']);
  });

  it.each(APPS)('%s starts only once every service it depends on is healthy', (app) => {
    const dependsOn = Object.entries(services[app].depends_on ?? {});
    expect(dependsOn.length).toBeGreaterThan(0);
    for (const [name, { condition }] of dependsOn) expect([name, condition]).toEqual([name, 'service_healthy']);
  });

  it.each(APPS)('%s publishes its ports on 127.0.0.1 only', (app) => {
    for (const port of services[app].ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
  });

  it('names one issuer, the URL browsers use, and reaches the auth-server by its service name inside the network', () => {
    const issuers = APPS.map((app) => services[app].environment?.['ISSUER'] ?? services[app].environment?.['AUTH_ISSUER']);
    expect(issuers).toEqual(APPS.map(() => 'http://localhost:3000'));
    for (const api of ['orders-api', 'payments-api']) {
      expect(services[api].environment?.['AUTH_JWKS_URI']).toBe('http://auth-server:3000/jwks');
    }
    expect(services['job-runner'].environment?.['AUTH_TOKEN_ENDPOINT']).toBe('http://auth-server:3000/token');
  });

  it.each(APPS)("%s: the environment passes the app's configuration, which reads every variable compose sets", (app) => {
    const environment = containerEnv(app);
    expect(readConfig(app, environment).error).toBeUndefined();
    expect(unread(app, environment)).toEqual([]);
  });

  it.each(APPS)('%s: a misspelt variable would be caught', (app) => {
    const [first] = Object.keys(services[app].environment ?? {}).filter((name) => !PROCESS_WIDE.has(name));
    const environment: Record<string, string> = containerEnv(app);
    environment[`${first}S`] = environment[first];
    expect(unread(app, environment)).toEqual([`${first}S`]);
  });

  it("a variable production requires would be caught: orders-api on the image's NODE_ENV without API_KEY_PEPPER", () => {
    const environment = { ...containerEnv('orders-api'), NODE_ENV: imageEnv['NODE_ENV'] };
    expect(environment.NODE_ENV).toBe('production');
    expect(readConfig('orders-api', environment).error).toContain('API_KEY_PEPPER must be set when NODE_ENV=production');
  });
});
