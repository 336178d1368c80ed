// npm run bench, in two parts, each on a fresh embedded database:
//
// 1. orders-api's authenticated routes against its no-auth baseline. A loopback issuer (real RSA
//    key, real JWKS over HTTP) signs the tokens; the built orders-api verifies them.
// 2. auth-server's token endpoint: client-credentials grants per second, JWT for an API and opaque.
//
// autocannon runs each scenario of a part in interleaved rounds, so machine noise falls on every
// scenario alike. Prints req/s, p99 latency, the server's CPU time per request, the ratio to the
// part's first scenario and the server's RSS. autocannon shares the machine with the server, so
// ratios are the headline figure and CPU per request shows where the time goes.
//
// Options (environment): BENCH_PARTS (orders-api,auth-server), BENCH_CONNECTIONS (50),
// BENCH_TOKEN_CONNECTIONS (20), BENCH_ROUND_S (5), BENCH_ROUNDS (3), BENCH_WARMUP_S (3).
import { createServer } from 'node:http';
import autocannon from 'autocannon';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { listen, startBuiltApp } from '../lib/start-built-app.mjs';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const tokenConnections = Number(process.env.BENCH_TOKEN_CONNECTIONS ?? 20);
const roundSeconds = Number(process.env.BENCH_ROUND_S ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const warmupSeconds = Number(process.env.BENCH_WARMUP_S ?? 3);

async function startIssuer() {
  const kid = 'bench-key';
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] });
  const server = createServer((req, res) => {
    if (req.url === '/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    } else {
      res.writeHead(404).end();
    }
  });
  const url = `http://127.0.0.1:${await listen(server)}`;
  const mint = (claims) =>
    new SignJWT({ scope: 'read:orders', client_id: 'bench-client', ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid })
      .setIssuer(url)
      .setAudience('orders-api')
      .setSubject('bench-user')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
  return { url, jwksUri: `${url}/jwks.json`, mint, close: () => server.close() };
}

function run(server, scenario, seconds, connectionCount) {
  return autocannon({
    url: `${server.url}${scenario.path}`,
    method: scenario.method ?? 'GET',
    headers: scenario.headers,
    body: scenario.body,
    connections: connectionCount,
    duration: seconds,
  });
}

/** Runs every scenario against one server in interleaved rounds; the first scenario is the baseline. */
async function measure({ title, server, scenarios, connectionCount, ratioLabel }) {
  for (const scenario of scenarios) {
    const check = await fetch(`${server.url}${scenario.path}`, { method: scenario.method, headers: scenario.headers, body: scenario.body });
    if (check.status !== 200) throw new Error(`${scenario.name}: expected 200, got ${check.status} ${await check.text()}`);
    await run(server, scenario, warmupSeconds, connectionCount);
  }

  const totals = scenarios.map(() => ({ requests: 0, seconds: 0, cpuMicros: 0, p99: [], non2xx: 0, errors: 0 }));
  for (let round = 1; round <= rounds; round += 1) {
    for (const [index, scenario] of scenarios.entries()) {
      const cpuBefore = server.cpuMicros();
      const result = await run(server, scenario, roundSeconds, connectionCount);
      const total = totals[index];
      total.cpuMicros += server.cpuMicros() - cpuBefore;
      total.requests += result.requests.total;
      total.seconds += result.duration;
      total.p99.push(result.latency.p99);
      total.non2xx += result.non2xx;
      total.errors += result.errors + result.timeouts;
      console.error(`round ${round}/${rounds} ${scenario.name}: ${Math.round(result.requests.average)} req/s`);
    }
  }

  const baseline = totals[0].requests / totals[0].seconds;
  const rows = scenarios.map((scenario, index) => {
    const total = totals[index];
    const rate = total.requests / total.seconds;
    return {
      scenario: scenario.name,
      'req/s': Math.round(rate),
      'p99 ms': Math.max(...total.p99),
      'server CPU µs/req': (total.cpuMicros / total.requests).toFixed(1),
      [ratioLabel]: (rate / baseline).toFixed(2),
      'non-2xx': total.non2xx,
      errors: total.errors,
    };
  });
  console.log(
    `\n${title}, ${connectionCount} connections, ${rounds} interleaved rounds of ${roundSeconds} s per scenario (node ${process.version})`,
  );
  console.table(rows);
  return rows;
}

async function createApiKey(server, adminToken) {
  const response = await fetch(`${server.url}/admin/clients/bench-partner/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ scopes: ['read:orders'], rateLimitPerMinute: 10_000_000 }),
  });
  if (response.status !== 201) throw new Error(`creating the bench API key failed: ${response.status} ${await response.text()}`);
  return response.json();
}

async function benchOrdersApi() {
  const issuer = await startIssuer();
  const server = await startBuiltApp('orders-api', {
    AUTH_ISSUER: issuer.url,
    AUTH_JWKS_URI: issuer.jwksUri,
    AUTH_AUDIENCE: 'orders-api',
    // Budgets far above what the load generator can send: the bench measures authentication, not 429s.
    RATE_LIMIT_BEARER_PER_MINUTE: '10000000',
  });
  try {
    const token = await issuer.mint();
    const apiKey = await createApiKey(server, await issuer.mint({ scope: 'admin:api-keys' }));
    const rows = await measure({
      title: 'orders-api',
      server,
      connectionCount: connections,
      ratioLabel: 'ratio to no auth',
      scenarios: [
        { name: 'GET /health/live, no auth', path: '/health/live', headers: {} },
        { name: 'GET /me, JWT (RS256)', path: '/me', headers: { authorization: `Bearer ${token}` } },
        { name: 'GET /me, API key', path: '/me', headers: { 'x-api-key-id': apiKey.id, 'x-api-key': apiKey.secret } },
      ],
    });
    console.log(`orders-api RSS after the run: ${server.rssMiB().toFixed(0)} MiB`);
    return rows;
  } finally {
    await server.stop();
    issuer.close();
  }
}

async function benchAuthServer() {
  // The development clients: job-runner is a confidential client-credentials client.
  const server = await startBuiltApp('auth-server', (url) => ({ ISSUER: url, NODE_ENV: 'development' }));
  const basic = `Basic ${Buffer.from('job-runner:dev-only-job-runner-secret').toString('base64')}`;
  const tokenRequest = (body) => ({
    method: 'POST',
    path: '/token',
    headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  try {
    const rows = await measure({
      title: 'auth-server token endpoint (client credentials, client_secret_basic)',
      server,
      connectionCount: tokenConnections,
      ratioLabel: 'ratio to JWT',
      scenarios: [
        { name: 'JWT access token for orders-api', ...tokenRequest('grant_type=client_credentials&resource=urn%3Aorders-api') },
        { name: 'opaque access token (stored)', ...tokenRequest('grant_type=client_credentials') },
      ],
    });
    console.log(`auth-server RSS after the run: ${server.rssMiB().toFixed(0)} MiB`);
    return rows;
  } finally {
    await server.stop();
  }
}

const parts = (process.env.BENCH_PARTS ?? 'orders-api,auth-server').split(',');
const rows = [
  ...(parts.includes('orders-api') ? await benchOrdersApi() : []),
  ...(parts.includes('auth-server') ? await benchAuthServer() : []),
];
if (rows.some((row) => row['non-2xx'] > 0 || row.errors > 0)) {
  console.error('some requests failed: the figures above are not valid');
  process.exitCode = 1;
}
