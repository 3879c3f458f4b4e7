// `npm run bench`: the built server on 127.0.0.1 with a temp SQLite database and seeded
// products, loaded by autocannon for a bounded time per scenario, alternated with a bare
// fastify + better-sqlite3 baseline doing the same read and upsert on a copy of the same seeded
// file (scripts/bench-baseline.mjs) under the same load. Prints req/s and p99 against the
// goals (PASS/MISS) and the ratios to the baseline; exits non-zero only when requests fail,
// not when a goal is missed.
// With CW_DATABASE_URL=postgres://… the server runs on the Postgres store instead, in a fresh
// database made on that server for the run and dropped after it; the baseline is SQLite's
// own, so it is left out and the same scenarios print for the server alone.
// Each server first serves both scenarios unmeasured for BENCH_WARMUP_SECONDS (5): its first
// measured run would otherwise also price start-up (a cold JIT, 5,000 tokens to verify, the
// seed's WAL still being copied back).
// BENCH_BEFORE=path/to/main.js adds an earlier build of the server (e.g. main's
// dist/server/main.js copied aside) to the alternation, on its own identically seeded file,
// so a change is measured as before/after/baseline under the same load; BENCH_SECONDS,
// BENCH_ROUNDS and BENCH_CONNECTIONS shorten or lengthen the run.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import pg from 'pg';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECRET = 'bench-secret-bench-secret-bench-secret';
const AUDIENCE = 'community-widgets';
const PRODUCTS = 60; // what the server seeds (server/main.ts)
const VIEWERS = 5000;
const GOALS = { readsPerSecond: 5000, writesPerSecond: 1000, p99Ms: 20 };
/** Of the baseline's throughput in the same run (issue 12). */
const RATIO_GOALS = { reads: 0.95, writes: 0.85 };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const DATABASE_URL = process.env.CW_DATABASE_URL || undefined;
const NAMES = DATABASE_URL ? ['server'] : ['server', 'baseline'];

/** Runs one statement on the Postgres server of CW_DATABASE_URL (database maintenance). */
async function onPostgres(statement) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
const benchDatabase = `cw_bench_${process.pid}`;
let databaseUrl = '';
if (DATABASE_URL) {
  await onPostgres(`CREATE DATABASE ${benchDatabase}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${benchDatabase}`;
  databaseUrl = url.toString();
}
const BEFORE = process.env.BENCH_BEFORE || null;

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const product = (n) => `sku-${String(n).padStart(3, '0')}`;
const pick = (list) => list[Math.floor(Math.random() * list.length)];

console.log('Building the server…');
execFileSync('node', ['scripts/build-server.mjs'], { stdio: 'inherit' });

const dataDir = mkdtempSync(join(tmpdir(), 'cw-bench-'));
const beforeDataDir = BEFORE ? mkdtempSync(join(tmpdir(), 'cw-bench-before-')) : null;
const port = await freePort();
const baselinePort = await freePort();
const beforePort = BEFORE ? await freePort() : null;
const startServer = (main, serverPort, serverDataDir, serverDatabaseUrl) =>
  spawn(process.execPath, [main], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      CW_PORT: String(serverPort),
      CW_DATA_DIR: serverDataDir,
      CW_DATABASE_URL: serverDatabaseUrl,
      CW_JWT_SECRET: SECRET,
      // Production refuses to start without the issuer its tokens must name.
      CW_JWT_ISSUER: 'https://bench.example',
      CW_SEED: '1',
      CW_DEV_PERSONAS: '0',
      // The bench measures the server, not the limiter's refusals.
      CW_RATE_LIMIT_READS: '1000000000',
      CW_RATE_LIMIT_WRITES: '1000000000',
      CW_LOG_LEVEL: 'warn',
      CW_DEMO_DIR: '',
      CW_CDN_DIR: '',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
const server = startServer('server/dist/cli.js', port, dataDir, databaseUrl);
// An earlier build runs on SQLite in its own directory, whatever store the server uses.
const before = BEFORE ? startServer(BEFORE, beforePort, beforeDataDir, '') : null;
// Started once the server has created and seeded the database it reads too.
let baseline;
const startBaseline = () => {
  baseline = spawn(process.execPath, ['scripts/bench-baseline.mjs'], {
    env: { ...process.env, PORT: String(baselinePort), DATA_DIR: dataDir, SECRET },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
};
const serverExited = new Promise((resolve) => server.once('exit', resolve));
const cleanUp = async () => {
  server.kill('SIGTERM');
  baseline?.kill('SIGTERM');
  before?.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
  if (DATABASE_URL) {
    await serverExited;
    await onPostgres(`DROP DATABASE IF EXISTS ${benchDatabase} WITH (FORCE)`);
  }
  if (beforeDataDir) rmSync(beforeDataDir, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  cleanUp().finally(() => process.exit(130));
});

// Seeding twelve weeks of insights history takes its time: 92 s on Postgres on a busy 2-core
// machine, past the minute this used to allow.
async function waitForHealth(base) {
  for (let attempt = 0; attempt < 3000; attempt += 1) {
    try {
      if ((await fetch(`${base}/api/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The server did not become healthy.');
}

/**
 * CPU seconds a process has used (user + system), from /proc: throughput swings with what
 * else runs on a shared 2-core machine, CPU time per request much less. Null off Linux.
 */
function cpuSeconds(pid) {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return null;
  const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  // utime and stime, fields 14 and 15 of proc(5), in clock ticks of 1/100 s on Linux.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function run(base, title, options, seconds = SECONDS) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: base, connections: CONNECTIONS, duration: seconds, ...options },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    process.stdout.write(`Running ${title} for ${seconds} s with ${CONNECTIONS} connections…\n`);
    autocannon.track(instance, {
      renderProgressBar: false,
      renderResultsTable: false,
      renderLatencyTable: false,
    });
  });
}

let failed = false;
try {
  const servers = {
    server: `http://127.0.0.1:${port}`,
    baseline: `http://127.0.0.1:${baselinePort}`,
    ...(BEFORE ? { before: `http://127.0.0.1:${beforePort}` } : {}),
  };
  const names = [...NAMES, ...(BEFORE ? ['before'] : [])];
  await waitForHealth(servers.server);
  if (BEFORE) await waitForHealth(servers.before);
  if (NAMES.includes('baseline')) {
    startBaseline();
    await waitForHealth(servers.baseline);
  }
  console.log(`Store: ${DATABASE_URL ? 'Postgres (a fresh database)' : 'SQLite'}`);
  const secret = new TextEncoder().encode(SECRET);
  const tokens = await Promise.all(
    Array.from({ length: VIEWERS }, (_, n) =>
      new SignJWT({ name: `Viewer ${n}`, roles: ['member'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(`u-bench-${n}`)
        .setAudience(AUDIENCE)
        .setIssuer('https://bench.example')
        .setExpirationTime('1h')
        .sign(secret),
    ),
  );
  // Pages that each show 20 products, as a category page would.
  const pages = Array.from({ length: 50 }, () => {
    const ids = new Set();
    while (ids.size < 20) ids.add(product(1 + Math.floor(Math.random() * PRODUCTS)));
    return `/api/ratings?subjects=${[...ids].join(',')}`;
  });
  const scenarios = {
    reads: {
      title: 'batched reads (GET /api/ratings, 20 subjects, signed-in viewers)',
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => ({
            ...request,
            path: pick(pages),
            headers: { ...request.headers, authorization: `Bearer ${pick(tokens)}` },
          }),
        },
      ],
    },
    writes: {
      title: `rating writes (PUT /api/subjects/{id}/rating, ${VIEWERS} viewers)`,
      requests: [
        {
          method: 'PUT',
          setupRequest: (request) => ({
            ...request,
            path: `/api/subjects/${product(1 + Math.floor(Math.random() * PRODUCTS))}/rating`,
            headers: {
              ...request.headers,
              'content-type': 'application/json',
              authorization: `Bearer ${pick(tokens)}`,
            },
            body: JSON.stringify({ value: 1 + Math.floor(Math.random() * 5) }),
          }),
        },
      ],
    },
  };

  if (WARMUP_SECONDS > 0) {
    for (const name of names) {
      for (const kind of ['reads', 'writes']) {
        const { title, requests } = scenarios[kind];
        await run(servers[name], `${name} ${title}, warm-up`, { requests }, WARMUP_SECONDS);
      }
    }
  }

  // Alternated, so a neighbour's load on the machine falls on both sides alike.
  const results = Object.fromEntries(names.map((name) => [name, { reads: [], writes: [] }]));
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const kind of ['reads', 'writes']) {
      for (const name of names) {
        const { title, requests } = scenarios[kind];
        const pid = { server, baseline, before }[name].pid;
        const cpuBefore = cpuSeconds(pid);
        const result = await run(servers[name], `${name} ${title}, round ${round}/${ROUNDS}`, {
          requests,
        });
        const cpuAfter = cpuSeconds(pid);
        result.cpuUs =
          cpuBefore === null ? NaN : ((cpuAfter - cpuBefore) * 1e6) / result.requests.total;
        results[name][kind].push(result);
      }
    }
  }
  const mean = (list, pickValue) => list.reduce((sum, r) => sum + pickValue(r), 0) / list.length;
  const summary = (list) => ({
    rps: mean(list, (r) => r.requests.average),
    p50: mean(list, (r) => r.latency.p50),
    p99: mean(list, (r) => r.latency.p99),
    cpuUs: mean(list, (r) => r.cpuUs),
    errors: list.reduce((n, r) => n + r.errors + r.timeouts, 0),
    non2xx: list.reduce((n, r) => n + r.non2xx, 0),
  });

  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  const rows = [
    ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'errors', 'non-2xx', 'goal'],
  ];
  for (const [kind, goal] of [
    ['reads', GOALS.readsPerSecond],
    ['writes', GOALS.writesPerSecond],
  ]) {
    for (const name of names) {
      const s = summary(results[name][kind]);
      rows.push([
        `${name} ${kind}`,
        Math.round(s.rps).toString(),
        s.p50.toFixed(1),
        s.p99.toFixed(1),
        s.cpuUs.toFixed(0),
        String(s.errors),
        String(s.non2xx),
        name === 'server'
          ? `${verdict(s.rps >= goal)} ≥${goal}/s, ${verdict(s.p99 <= GOALS.p99Ms)} p99≤${GOALS.p99Ms}ms`
          : '',
      ]);
    }
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  console.log(
    `\n${rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ')).join('\n')}\n`,
  );
  for (const kind of DATABASE_URL ? [] : ['reads', 'writes']) {
    const ratios = (name) => {
      const [s, b] = [summary(results[name][kind]), summary(results.baseline[kind])];
      return `${(s.rps / b.rps).toFixed(2)}× the bare baseline (CPU per request: ${(b.cpuUs / s.cpuUs).toFixed(2)}×)`;
    };
    const ratio = summary(results.server[kind]).rps / summary(results.baseline[kind]).rps;
    console.log(
      `${kind}: ${ratios('server')} ${verdict(ratio >= RATIO_GOALS[kind])} ≥ ${RATIO_GOALS[kind]}×`,
    );
    if (BEFORE) console.log(`${kind} before (${BEFORE}): ${ratios('before')}`);
  }
  failed = names.some((name) =>
    Object.values(results[name]).some((list) => summary(list).errors + summary(list).non2xx > 0),
  );
  if (failed) console.error('Some requests failed: see errors / non-2xx above.');
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);
