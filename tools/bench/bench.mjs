// npm run bench: orders-api's authenticated routes against its no-auth baseline, in one run.
//
// Starts a loopback issuer (real RSA key, real JWKS over HTTP) and the built orders-api
// (dist/apps/orders-api/main.js) on a fresh embedded database, then runs autocannon on each
// scenario in interleaved rounds, so machine noise falls on every scenario alike.
// Prints req/s, p99 latency, the server's CPU time per request, the ratio to the baseline and
// the server's RSS. autocannon shares the machine with the server, so req/s ratios are the
// headline figure and CPU per request shows where the time goes.
//
// Options (environment): BENCH_CONNECTIONS (50), BENCH_ROUND_S (5), BENCH_ROUNDS (3), BENCH_WARMUP_S (3).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const roundSeconds = Number(process.env.BENCH_ROUND_S ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const warmupSeconds = Number(process.env.BENCH_WARMUP_S ?? 3);
const serverMain = resolve('dist/apps/orders-api/main.js');

async function listen(server) {
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return server.address().port;
}

async function freePort() {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((done) => probe.close(done));
  return port;
}

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

async function startOrdersApi(issuer) {
  const dataDir = await mkdtemp(join(tmpdir(), 'orders-api-bench-'));
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  Object.assign(env, { AUTH_ISSUER: issuer.url, AUTH_JWKS_URI: issuer.jwksUri, AUTH_AUDIENCE: 'orders-api' });
  const child = spawn(process.execPath, [serverMain], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise((done) => child.once('exit', done));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`orders-api exited with code ${child.exitCode}`);
    const ready = await fetch(`${url}/health/ready`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) break;
    if (attempt > 300) throw new Error('orders-api did not become ready within 30 s');
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    url,
    // utime + stime of the server process, in microseconds (the kernel counts in 10 ms ticks).
    cpuMicros: () => {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10_000;
    },
    rssMiB: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function run(url, scenario, seconds) {
  return autocannon({ url: `${url}${scenario.path}`, headers: scenario.headers, connections, duration: seconds });
}

const issuer = await startIssuer();
const server = await startOrdersApi(issuer);
const token = await issuer.mint();

// The first scenario is the baseline every other one is compared with.
const scenarios = [
  { name: 'GET /health/live, no auth', path: '/health/live', headers: {} },
  { name: 'GET /me, JWT (RS256)', path: '/me', headers: { authorization: `Bearer ${token}` } },
];

try {
  for (const scenario of scenarios) {
    const check = await fetch(`${server.url}${scenario.path}`, { headers: scenario.headers });
    if (check.status !== 200) throw new Error(`${scenario.name}: expected 200, got ${check.status}`);
    await run(server.url, scenario, warmupSeconds);
  }

  const totals = scenarios.map(() => ({ requests: 0, seconds: 0, cpuMicros: 0, p99: [], non2xx: 0, errors: 0 }));
  for (let round = 1; round <= rounds; round += 1) {
    for (const [index, scenario] of scenarios.entries()) {
      const cpuBefore = server.cpuMicros();
      const result = await run(server.url, scenario, roundSeconds);
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

  const rss = server.rssMiB();
  const baseline = totals[0].requests / totals[0].seconds;
  const rows = scenarios.map((scenario, index) => {
    const total = totals[index];
    const rate = total.requests / total.seconds;
    return {
      scenario: scenario.name,
      'req/s': Math.round(rate),
      'p99 ms': Math.max(...total.p99),
      'server CPU µs/req': (total.cpuMicros / total.requests).toFixed(1),
      'ratio to no auth': (rate / baseline).toFixed(2),
      'non-2xx': total.non2xx,
      errors: total.errors,
    };
  });
  console.log(
    `\norders-api, ${connections} connections, ${rounds} interleaved rounds of ${roundSeconds} s per scenario (node ${process.version})`,
  );
  console.table(rows);
  console.log(`orders-api RSS after the run: ${rss.toFixed(0)} MiB`);
  if (rows.some((row) => row['non-2xx'] > 0 || row.errors > 0)) {
    console.error('some requests failed: the figures above are not valid');
    process.exitCode = 1;
  }
} finally {
  await server.stop();
  issuer.close();
}
