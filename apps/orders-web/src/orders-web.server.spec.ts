import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readOrdersWebConfig } from './orders-web.config';
import { startOrdersWebServer, type RunningOrdersWebServer } from './orders-web.server';

let assetsDir: string;
let server: RunningOrdersWebServer;

beforeAll(async () => {
  assetsDir = await mkdtemp(join(tmpdir(), 'orders-web-spec-'));
  await mkdir(join(assetsDir, 'assets'));
  await writeFile(join(assetsDir, 'index.html'), '<!doctype html><title>Orders</title>');
  await writeFile(join(assetsDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  const config = readOrdersWebConfig({ PORT: '0', AUTH_ISSUER: 'https://auth.example', ORDERS_API_URL: 'https://orders.example:8443/api' });
  server = await startOrdersWebServer(config, assetsDir);
});

afterAll(async () => {
  await server.close();
  await rm(assetsDir, { recursive: true, force: true });
});

const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

describe('the orders-web static server', () => {
  it('serves the page for / and /callback with a strict CSP naming only the auth-server and orders-api', async () => {
    for (const path of ['/', '/callback?code=x&state=y']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>Orders</title>');
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
          "connect-src 'self' https://auth.example https://orders.example:8443; form-action 'self'; frame-ancestors 'none'; " +
          "base-uri 'none'; require-trusted-types-for 'script'; trusted-types 'none'",
      );
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('serves the browser configuration from its environment as /config.json', async () => {
    const response = await get('/config.json');
    expect(await response.json()).toEqual({
      issuer: 'https://auth.example',
      ordersApiUrl: 'https://orders.example:8443/api',
      clientId: 'orders-spa',
    });
  });

  it('serves hashed assets as immutable, and nothing outside the build', async () => {
    const asset = await get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/assets/../../package.json', '/%2e%2e/package.json', '/favicon.ico', '/orders']) {
      expect((await get(path)).status).toBe(404);
    }
  });

  it('answers GET /health/live and /health/ready 200, and /metrics in Prometheus text', async () => {
    expect((await get('/health/live')).status).toBe(200);
    expect((await get('/health/ready')).status).toBe(200);
    expect(await (await get('/metrics')).text()).toContain('http_request_duration_seconds_bucket{le=');
  });

  it('refuses other methods with 405', async () => {
    const response = await get('/', { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('echoes a sane x-request-id and replaces any other', async () => {
    expect((await get('/health/live', { headers: { 'x-request-id': 'abc-123' } })).headers.get('x-request-id')).toBe('abc-123');
    const replaced = (await get('/health/live', { headers: { 'x-request-id': 'bad id\u00e9' } })).headers.get('x-request-id');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the orders-web static server with TLS_CERT_FILE and TLS_KEY_FILE', () => {
  it('speaks HTTPS and sends HSTS', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orders-web-tls-'));
    try {
      const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
      // A throwaway self-signed certificate for localhost.
      await promisify(execFile)('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        key,
        '-out',
        cert,
      ]);
      const config = readOrdersWebConfig({ PORT: '0', TLS_CERT_FILE: cert, TLS_KEY_FILE: key });
      const tlsServer = await startOrdersWebServer(config, assetsDir);
      try {
        expect(tlsServer.url).toMatch(/^https:\/\//);
        const headers = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
          // Self-signed: this request only checks what the server sends.
          https
            .get(`${tlsServer.url}/health/live`, { rejectUnauthorized: false }, (res) => {
              res.resume();
              resolve(res.headers);
            })
            .on('error', reject);
        });
        expect(headers['strict-transport-security']).toBe('max-age=31536000');
      } finally {
        await tlsServer.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
