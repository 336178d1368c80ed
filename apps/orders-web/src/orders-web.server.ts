import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { extname, join, relative, sep } from 'node:path';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { logs, type OrdersWebConfig } from './orders-web.config';
import { securityHeaders } from './security-headers';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

/** The page's client-side routes: each is answered with index.html. */
const PAGE_ROUTES = new Set(['/', '/callback']);

/** A caller's request id is echoed only when it is short and plain (it lands in logs). */
const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;

interface Asset {
  readonly body: Buffer;
  readonly type: string;
  /** Vite names files under assets/ by content hash: they never change under one name. */
  readonly immutable: boolean;
}

export interface RunningOrdersWebServer {
  readonly server: Server;
  /** `http://<host>:<port>` as bound (port 0 resolved). */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The static server of the browser app: the Vite build from `assetsDir` (read once at start, so
 * no request can reach another file), `/config.json` for the page, the security headers on every
 * response, and the health and metrics routes every server has.
 */
export async function startOrdersWebServer(config: OrdersWebConfig, assetsDir: string): Promise<RunningOrdersWebServer> {
  const assets = await loadAssets(assetsDir);
  const page = assets.get('/index.html');
  if (!page) throw new Error(`no index.html in ${assetsDir}: build orders-web first`);
  const headers = securityHeaders(config.browser, config.tls !== undefined);
  const configBody = Buffer.from(JSON.stringify(config.browser));
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<string> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, 405, { type: 'text/plain; charset=utf-8', body: Buffer.from('method not allowed\n'), allow: 'GET, HEAD' });
      return 'unmatched';
    }
    if (PAGE_ROUTES.has(path)) {
      send(req, res, 200, { type: page.type, body: page.body, cache: 'no-cache' });
      return path;
    }
    if (path === '/config.json') {
      send(req, res, 200, { type: 'application/json', body: configBody, cache: 'no-cache' });
      return path;
    }
    if (path === '/health/live' || path === '/health/ready') {
      // Nothing to depend on: serving files needs no database.
      send(req, res, 200, { type: 'application/json', body: Buffer.from('{"status":"ok"}'), cache: 'no-store' });
      return path;
    }
    if (path === '/metrics') {
      send(req, res, 200, { type: registry.contentType, body: Buffer.from(await registry.metrics()), cache: 'no-store' });
      return path;
    }
    const asset = path === '/index.html' ? undefined : assets.get(path);
    if (asset) {
      send(req, res, 200, {
        type: asset.type,
        body: asset.body,
        cache: asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      return asset.immutable ? '/assets/*' : path;
    }
    send(req, res, 404, { type: 'text/plain; charset=utf-8', body: Buffer.from('not found\n') });
    return 'unmatched';
  };

  const listener: RequestListener = (req, res) => {
    const stop = duration.startTimer({ method: req.method ?? 'GET' });
    const requestId = req.headers['x-request-id'];
    res.setHeader('x-request-id', typeof requestId === 'string' && SANE_REQUEST_ID.test(requestId) ? requestId : randomUUID());
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    handle(req, res).then(
      (route) => stop({ route, status: res.statusCode }),
      (error: unknown) => {
        if (logs(config.logLevel, 'error')) {
          process.stderr.write(`${JSON.stringify({ level: 'error', event: 'request_failed', error: String(error) })}\n`);
        }
        if (!res.headersSent) send(req, res, 500, { type: 'text/plain; charset=utf-8', body: Buffer.from('internal error\n') });
        stop({ route: 'unmatched', status: res.statusCode });
      },
    );
  };
  const server = config.tls ? createHttpsServer({ cert: config.tls.cert, key: config.tls.key }, listener) : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    server,
    url: `${config.tls ? 'https' : 'http'}://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

interface Reply {
  readonly type: string;
  readonly body: Buffer;
  readonly cache?: string;
  readonly allow?: string;
}

function send(req: IncomingMessage, res: ServerResponse, status: number, reply: Reply): void {
  res.statusCode = status;
  res.setHeader('Content-Type', reply.type);
  res.setHeader('Content-Length', reply.body.length);
  if (reply.cache) res.setHeader('Cache-Control', reply.cache);
  if (reply.allow) res.setHeader('Allow', reply.allow);
  res.end(req.method === 'HEAD' ? undefined : reply.body);
}

async function loadAssets(dir: string): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const urlPath = `/${relative(dir, file).split(sep).join('/')}`;
    const type = CONTENT_TYPES[extname(file)];
    if (type === undefined) continue;
    assets.set(urlPath, { body: await readFile(file), type, immutable: urlPath.startsWith('/assets/') });
  }
  return assets;
}
