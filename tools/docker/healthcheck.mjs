// The images' HEALTHCHECK: `node healthcheck.mjs` in the app's directory, exit 0 when healthy.
// Servers answer GET /health/live on their own port (no dependency touched, so a database
// outage does not get a healthy app restarted). The job runner has no port: it is asked for
// its Prometheus text on METRICS_PORT, which shows its event loop is serving.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';

const DEFAULT_PORTS = { 'auth-server': 3000, 'orders-api': 3001, 'payments-api': 3002, 'orders-web': 5173 };

/** The URL to ask, or a reason there is none. */
function healthUrl(app, env) {
  if (app === 'job-runner') {
    if (!env.METRICS_PORT) return { problem: 'job-runner: set METRICS_PORT, which this health check asks for /metrics' };
    return { url: `http://127.0.0.1:${env.METRICS_PORT}/metrics` };
  }
  if (!(app in DEFAULT_PORTS)) return { problem: `no health check for the app "${app}"` };
  // Loopback inside the container, whatever HOST the server binds (0.0.0.0 in the images).
  const scheme = env.TLS_CERT_FILE ? 'https' : 'http';
  return { url: `${scheme}://127.0.0.1:${env.PORT || DEFAULT_PORTS[app]}/health/live` };
}

function check(url) {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    // The certificate names the public host, not 127.0.0.1: this asks the process itself.
    const req = request(url, { timeout: 2000, rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 ? undefined : `${url} answered ${res.statusCode}`);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 2 s')));
    req.on('error', (error) => resolve(`${url}: ${error.message}`));
    req.end();
  });
}

// The image's package.json (written by tools/docker/stage-app.mjs) is named after its app.
const { name } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'));
const target = healthUrl(name, process.env);
const problem = target.problem ?? (await check(target.url));
if (problem) {
  console.error(`unhealthy: ${problem}`);
  process.exit(1);
}
