// `npm run bench`: the built server on 127.0.0.1 with a temp SQLite database and seeded
// products, loaded by autocannon for a bounded time per scenario, alternated with a bare
// fastify + better-sqlite3 baseline doing the same read and upsert on the same database
// file (scripts/bench-baseline.mjs) under the same load. Prints req/s and p99 against the
// goals (PASS/MISS) and the ratios to the baseline; exits non-zero only when requests fail,
// not when a goal is missed.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';

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
const port = await freePort();
const baselinePort = await freePort();
const server = spawn(process.execPath, ['dist/server/main.js'], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    CW_PORT: String(port),
    CW_DATA_DIR: dataDir,
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
// Started once the server has created and seeded the database it reads too.
let baseline;
const startBaseline = () => {
  baseline = spawn(process.execPath, ['scripts/bench-baseline.mjs'], {
    env: { ...process.env, PORT: String(baselinePort), DATA_DIR: dataDir, SECRET },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
};
const cleanUp = () => {
  server.kill('SIGTERM');
  baseline?.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

async function waitForHealth(base) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      if ((await fetch(`${base}/api/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The server did not become healthy.');
}

function run(base, title, options) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: base, connections: CONNECTIONS, duration: SECONDS, ...options },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    process.stdout.write(`Running ${title} for ${SECONDS} s with ${CONNECTIONS} connections…\n`);
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
  };
  await waitForHealth(servers.server);
  startBaseline();
  await waitForHealth(servers.baseline);
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

  // Alternated, so a neighbour's load on the machine falls on both sides alike.
  const results = { server: { reads: [], writes: [] }, baseline: { reads: [], writes: [] } };
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const kind of ['reads', 'writes']) {
      for (const name of ['server', 'baseline']) {
        const { title, requests } = scenarios[kind];
        results[name][kind].push(
          await run(servers[name], `${name} ${title}, round ${round}/${ROUNDS}`, { requests }),
        );
      }
    }
  }
  const mean = (list, pickValue) => list.reduce((sum, r) => sum + pickValue(r), 0) / list.length;
  const summary = (list) => ({
    rps: mean(list, (r) => r.requests.average),
    p50: mean(list, (r) => r.latency.p50),
    p99: mean(list, (r) => r.latency.p99),
    errors: list.reduce((n, r) => n + r.errors + r.timeouts, 0),
    non2xx: list.reduce((n, r) => n + r.non2xx, 0),
  });

  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  const rows = [['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'goal']];
  for (const [kind, goal] of [
    ['reads', GOALS.readsPerSecond],
    ['writes', GOALS.writesPerSecond],
  ]) {
    for (const name of ['server', 'baseline']) {
      const s = summary(results[name][kind]);
      rows.push([
        `${name} ${kind}`,
        Math.round(s.rps).toString(),
        s.p50.toFixed(1),
        s.p99.toFixed(1),
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
  for (const kind of ['reads', 'writes']) {
    const ratio = summary(results.server[kind]).rps / summary(results.baseline[kind]).rps;
    console.log(
      `${kind}: ${ratio.toFixed(2)}× the bare baseline (${verdict(ratio >= RATIO_GOALS[kind])} ≥ ${RATIO_GOALS[kind]}×)`,
    );
  }
  failed = Object.values(results).some((byKind) =>
    Object.values(byKind).some((list) => summary(list).errors + summary(list).non2xx > 0),
  );
  if (failed) console.error('Some requests failed: see errors / non-2xx above.');
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  cleanUp();
}
process.exit(failed ? 1 : 0);
