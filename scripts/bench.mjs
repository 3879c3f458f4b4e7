// `npm run bench`: the built server on 127.0.0.1 with a temp SQLite database and seeded
// products, loaded by autocannon for a bounded time per scenario. Prints req/s and p99 against
// the goals (PASS/MISS); exits non-zero only when requests fail, not when a goal is missed.
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
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['dist/server/main.js'], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    CW_PORT: String(port),
    CW_DATA_DIR: dataDir,
    CW_JWT_SECRET: SECRET,
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
const cleanUp = () => {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

async function waitForHealth() {
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

function run(title, options) {
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
  await waitForHealth();
  const secret = new TextEncoder().encode(SECRET);
  const tokens = await Promise.all(
    Array.from({ length: VIEWERS }, (_, n) =>
      new SignJWT({ name: `Viewer ${n}`, roles: ['member'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(`u-bench-${n}`)
        .setAudience(AUDIENCE)
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

  const reads = await run('batched reads (GET /api/ratings, 20 subjects, signed-in viewers)', {
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
  });
  const writes = await run(`rating writes (PUT /api/subjects/{id}/rating, ${VIEWERS} viewers)`, {
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
  });

  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  const rows = [
    ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'goal'],
    ...[
      ['batched reads', reads, GOALS.readsPerSecond],
      ['rating writes', writes, GOALS.writesPerSecond],
    ].map(([name, result, goal]) => [
      name,
      Math.round(result.requests.average).toString(),
      String(result.latency.p50),
      String(result.latency.p99),
      String(result.errors + result.timeouts),
      String(result.non2xx),
      `${verdict(result.requests.average >= goal)} ≥${goal}/s, ${verdict(result.latency.p99 <= GOALS.p99Ms)} p99≤${GOALS.p99Ms}ms`,
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  console.log(
    `\n${rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ')).join('\n')}\n`,
  );
  failed = [reads, writes].some((result) => result.errors + result.timeouts + result.non2xx > 0);
  if (failed) console.error('Some requests failed: see errors / non-2xx above.');
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  cleanUp();
}
process.exit(failed ? 1 : 0);
