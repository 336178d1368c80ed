// npm run bench, in two parts, each on a fresh embedded database:
//
// 1. orders-api's authenticated routes against its no-auth baseline, and against a reference
//    resource server (node:http + jose jwtVerify, tools/bench/jose-reference-server.mjs). A
//    loopback issuer (real RSA key, real JWKS over HTTP) signs the tokens. "Warm" rows repeat one
//    credential (the verified-token cache answers); "cold" rows send a different valid token on
//    every request, cycling through more tokens than the cache holds, so every request pays a full
//    verification; "forged" sends valid-shaped tokens with a real kid and a bad signature.
// 2. auth-server's token endpoint: client-credentials grants per second, JWT for an API and opaque.
//
// autocannon runs each scenario of a part in interleaved rounds, so machine noise falls on every
// scenario alike. Prints req/s, p99 latency, the server's CPU time per request, the ratio to the
// part's first scenario and the server's RSS, then the issue-10 targets as ratios of this run.
// autocannon shares the machine with the server, so ratios are the headline figure and CPU per
// request shows where the time goes.
//
// Options (environment): BENCH_PARTS (orders-api,auth-server), BENCH_CONNECTIONS (50),
// BENCH_TOKEN_CONNECTIONS (20), BENCH_ROUND_S (5), BENCH_ROUNDS (3), BENCH_WARMUP_S (3),
// BENCH_COLD_TOKENS (12000: more than the 10 000 entries of the verified-token cache),
// BENCH_SCENARIOS (a comma-separated subset of the orders-api scenario keys below),
// BENCH_CPU_PROF (a directory: the servers run with --cpu-prof and write their profiles there).
import { createPrivateKey, sign } from 'node:crypto';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { listen, startBuiltApp, startNodeServer } from '../lib/start-built-app.mjs';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const tokenConnections = Number(process.env.BENCH_TOKEN_CONNECTIONS ?? 20);
const roundSeconds = Number(process.env.BENCH_ROUND_S ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const warmupSeconds = Number(process.env.BENCH_WARMUP_S ?? 3);
const coldTokenCount = Number(process.env.BENCH_COLD_TOKENS ?? 12_000);
const profileDir = process.env.BENCH_CPU_PROF;
const serverOptions = profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] } : {};

async function startIssuer() {
  const kid = 'bench-key';
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const signingKey = createPrivateKey(await exportPKCS8(privateKey));
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] });
  const server = createServer((req, res) => {
    if (req.url === '/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    } else {
      res.writeHead(404).end();
    }
  });
  const url = `http://127.0.0.1:${await listen(server)}`;
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'at+jwt', kid })).toString('base64url');
  // node:crypto rather than jose's SignJWT: thousands of cold tokens are signed before the run.
  const mint = (claims = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iss: url,
      aud: 'orders-api',
      sub: 'bench-user',
      client_id: 'bench-client',
      scope: 'read:orders',
      iat: now,
      exp: now + 3600,
    };
    const signingInput = `${header}.${Buffer.from(JSON.stringify({ ...payload, ...claims })).toString('base64url')}`;
    return `${signingInput}.${sign('sha256', Buffer.from(signingInput), signingKey).toString('base64url')}`;
  };
  return { url, jwksUri: `${url}/jwks.json`, mint, close: () => server.close() };
}

/** Each request of a connection takes the next token of `tokens`, round robin across all connections. */
function cycling(tokens) {
  let next = 0;
  return (request) => {
    request.headers = { ...request.headers, authorization: `Bearer ${tokens[next]}` };
    next = (next + 1) % tokens.length;
    return request;
  };
}

function run(scenario, seconds, connectionCount) {
  return autocannon({
    url: `${scenario.server.url}${scenario.path}`,
    connections: connectionCount,
    duration: seconds,
    requests: [
      {
        method: scenario.method ?? 'GET',
        headers: scenario.headers ?? {},
        body: scenario.body,
        ...(scenario.setupRequest ? { setupRequest: scenario.setupRequest } : {}),
      },
    ],
  });
}

/** Sends a scenario's first request once and checks its status before any load. */
async function check(scenario) {
  const request = scenario.setupRequest ? scenario.setupRequest({ headers: { ...scenario.headers } }) : { headers: scenario.headers };
  const response = await fetch(`${scenario.server.url}${scenario.path}`, {
    method: scenario.method,
    headers: request.headers,
    body: scenario.body,
  });
  const expected = scenario.expectStatus ?? 200;
  if (response.status !== expected)
    throw new Error(`${scenario.name}: expected ${expected}, got ${response.status} ${await response.text()}`);
}

/** Runs the scenarios in interleaved rounds; the first scenario is the baseline of the ratio column. */
async function measure({ title, scenarios, connectionCount, ratioLabel }) {
  for (const scenario of scenarios) {
    await check(scenario);
    await run(scenario, warmupSeconds, connectionCount);
  }

  const totals = scenarios.map(() => ({ requests: 0, seconds: 0, cpuMicros: 0, p99: [], unexpected: 0, serverErrors: 0, errors: 0 }));
  for (let round = 1; round <= rounds; round += 1) {
    for (const [index, scenario] of scenarios.entries()) {
      const cpuBefore = scenario.server.cpuMicros();
      const result = await run(scenario, roundSeconds, connectionCount);
      const total = totals[index];
      total.cpuMicros += scenario.server.cpuMicros() - cpuBefore;
      total.requests += result.requests.total;
      total.seconds += result.duration;
      total.p99.push(result.latency.p99);
      const expected = String(scenario.expectStatus ?? 200);
      for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) {
        if (status !== expected) total.unexpected += count;
        if (status.startsWith('5')) total.serverErrors += count;
      }
      total.errors += result.errors + result.timeouts;
      console.error(`round ${round}/${rounds} ${scenario.name}: ${Math.round(result.requests.average)} req/s`);
    }
  }

  const baseline = totals[0].requests / totals[0].seconds;
  const rows = scenarios.map((scenario, index) => {
    const total = totals[index];
    const rate = total.requests / total.seconds;
    return {
      key: scenario.key,
      scenario: scenario.name,
      'req/s': Math.round(rate),
      'p99 ms': Math.max(...total.p99),
      'server CPU µs/req': Number((total.cpuMicros / total.requests).toFixed(1)),
      [ratioLabel]: (rate / baseline).toFixed(2),
      'unexpected status': total.unexpected,
      '5xx': total.serverErrors,
      errors: total.errors,
    };
  });
  console.log(
    `\n${title}, ${connectionCount} connections, ${rounds} interleaved rounds of ${roundSeconds} s per scenario (node ${process.version})`,
  );
  console.table(rows.map(({ key: _key, ...row }) => row));
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

/** The issue-10 targets, each a ratio of two rows of this run. */
function printTargets(rows) {
  const row = (key) => rows.find((r) => r.key === key);
  const rate = (key) => row(key)?.['req/s'];
  const targets = [
    ['cold: orders-api ÷ jose reference (req/s)', rate('cold'), rate('reference-cold'), (a, b) => a / b >= 1, '≥ 1.00'],
    ['warm: JWT /me ÷ /health/live (req/s)', rate('jwt'), rate('health'), (a, b) => a / b >= 0.9, '≥ 0.90'],
    ['warm: API key /me ÷ /health/live (req/s)', rate('api-key'), rate('health'), (a, b) => a / b >= 0.9, '≥ 0.90'],
    [
      'forged ÷ cold (server CPU µs per request)',
      row('forged')?.['server CPU µs/req'],
      row('cold')?.['server CPU µs/req'],
      (a, b) => a / b <= 1,
      '≤ 1.00',
    ],
  ].filter(([, a, b]) => a !== undefined && b !== undefined);
  if (targets.length === 0) return;
  console.log('\nissue-10 targets, from this run');
  console.table(targets.map(([target, a, b, met, goal]) => ({ target, ratio: (a / b).toFixed(2), goal, met: met(a, b) ? 'yes' : 'NO' })));
  const forged = row('forged');
  if (forged) console.log(`forged tokens: ${forged['5xx']} answers were 5xx (must be 0), ${forged['unexpected status']} were not 401`);
}

async function benchOrdersApi() {
  const issuer = await startIssuer();
  const authEnv = { AUTH_ISSUER: issuer.url, AUTH_JWKS_URI: issuer.jwksUri, AUTH_AUDIENCE: 'orders-api' };
  const server = await startBuiltApp(
    'orders-api',
    // Budgets far above what the load generator can send: the bench measures authentication, not 429s.
    { ...authEnv, RATE_LIMIT_BEARER_PER_MINUTE: '10000000' },
    serverOptions,
  );
  const reference = await startNodeServer(
    'jose-reference',
    resolve('tools/bench/jose-reference-server.mjs'),
    { REFERENCE_ISSUER: issuer.url, REFERENCE_JWKS_URI: issuer.jwksUri, REFERENCE_AUDIENCE: 'orders-api' },
    serverOptions,
  );
  try {
    const token = issuer.mint();
    const apiKey = await createApiKey(server, issuer.mint({ scope: 'admin:api-keys' }));
    console.error(`signing ${coldTokenCount} cold tokens...`);
    const coldTokens = Array.from({ length: coldTokenCount }, (_, i) => issuer.mint({ jti: `cold-${i}` }));
    // Each forged token keeps its own header and payload and takes its neighbour's signature:
    // the right shape and kid, a signature that does not verify.
    const signingInput = (t) => t.slice(0, t.lastIndexOf('.'));
    const signature = (t) => t.slice(t.lastIndexOf('.'));
    const forgedTokens = coldTokens.map((t, i) => `${signingInput(t)}${signature(coldTokens[(i + 1) % coldTokens.length])}`);
    const scenarios = [
      { key: 'health', name: 'orders-api GET /health/live, no auth', server, path: '/health/live' },
      { key: 'jwt', name: 'orders-api GET /me, JWT (RS256), warm', server, path: '/me', headers: { authorization: `Bearer ${token}` } },
      {
        key: 'api-key',
        name: 'orders-api GET /me, API key, warm',
        server,
        path: '/me',
        headers: { 'x-api-key-id': apiKey.id, 'x-api-key': apiKey.secret },
      },
      { key: 'cold', name: 'orders-api GET /me, JWT, cold', server, path: '/me', setupRequest: cycling(coldTokens) },
      {
        key: 'forged',
        name: 'orders-api GET /me, forged JWT (bad signature)',
        server,
        path: '/me',
        setupRequest: cycling(forgedTokens),
        expectStatus: 401,
      },
      {
        key: 'reference-jwt',
        name: 'jose reference GET /me, JWT, warm',
        server: reference,
        path: '/me',
        headers: { authorization: `Bearer ${token}` },
      },
      {
        key: 'reference-cold',
        name: 'jose reference GET /me, JWT, cold',
        server: reference,
        path: '/me',
        setupRequest: cycling(coldTokens),
      },
    ];
    const chosen = process.env.BENCH_SCENARIOS?.split(',');
    const rows = await measure({
      title: 'orders-api and the jose reference server',
      connectionCount: connections,
      ratioLabel: 'ratio to no auth',
      scenarios: chosen ? scenarios.filter((s) => chosen.includes(s.key)) : scenarios,
    });
    console.log(`RSS after the run: orders-api ${server.rssMiB().toFixed(0)} MiB, jose reference ${reference.rssMiB().toFixed(0)} MiB`);
    printTargets(rows);
    return rows;
  } finally {
    await Promise.all([server.stop(), reference.stop()]);
    issuer.close();
  }
}

async function benchAuthServer() {
  // The development clients: job-runner is a confidential client-credentials client.
  const server = await startBuiltApp('auth-server', (url) => ({ ISSUER: url, NODE_ENV: 'development' }), serverOptions);
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
      connectionCount: tokenConnections,
      ratioLabel: 'ratio to JWT',
      scenarios: [
        { name: 'JWT access token for orders-api', server, ...tokenRequest('grant_type=client_credentials&resource=urn%3Aorders-api') },
        { name: 'opaque access token (stored)', server, ...tokenRequest('grant_type=client_credentials') },
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
if (rows.some((row) => row['unexpected status'] > 0 || row.errors > 0)) {
  console.error('some requests failed: the figures above are not valid');
  process.exitCode = 1;
}
