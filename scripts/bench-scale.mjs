// `npm run bench:scale`: does a read cost what its page costs, whatever the community's size?
// Seeds a small (≈1k rows per table) and a large database (1M ratings over 100k subjects,
// 100k questions with 160k answers, 1M idea votes, 100k people, 50k decided moderation
// cases) through the project's own store, in temp directories; starts the built server on
// each (127.0.0.1 only) and measures every read endpoint one request at a time, both sizes
// side by side in alternating rounds (median and p99 of RUNS each), then on each a mixed
// heavy-read load (autocannon) and an unrelated ratings read's
// p99 while two connections run the heaviest endpoint. The page a request asks for is the
// same size in both databases (the "hot" subject and board hold the same rows); only the
// rest of the community grows. Prints a table and writes .bench/scale.json. Not part of
// `npm test`.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import { randomId } from '../server/domain/ids.ts';
import { SqliteStore } from '../server/store/sqlite.ts';
import { seedCommunity } from './bench-scale-seed.ts';

// 100: with 30 the median of a 0.3 ms read moved by 2× between runs of the same build.
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const ROUNDS = 10;
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SECRET = 'bench-secret-bench-secret-bench-secret';
const AUDIENCE = 'community-widgets';

const SIZES = {
  small: {
    ratings: 1_000,
    subjects: 100,
    questions: 1_000,
    answers: 1_600,
    people: 1_000,
    ideas: 1_000,
    ideaVotes: 1_000,
    reviews: 1_000,
    decidedCases: 100,
  },
  large: {
    ratings: 1_000_000,
    subjects: 100_000,
    questions: 100_000,
    answers: 160_000,
    people: 100_000,
    ideas: 20_000,
    ideaVotes: 1_000_000,
    reviews: 20_000,
    decidedCases: 50_000,
  },
};

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One GET; resolves with the status after the whole body arrived. */
function get(port, path, token) {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        agent,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const quantile = (sorted, q) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const round = (n) => Math.round(n * 100) / 100;

/** Insights answer moderators and analysts only; the moderation routes, moderators. */
const tokenFor = (path, token) =>
  path.startsWith('/api/insights/')
    ? analystToken
    : path.startsWith('/api/moderation/')
      ? moderatorToken
      : token;

/** Times `runs` GETs of `path` one after another; the sorted durations in ms. */
async function timed(port, path, token, runs) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const status = await get(port, path, token);
    times.push(performance.now() - started);
    if (status !== 200) throw new Error(`GET ${path} answered ${status}`);
  }
  return times;
}

const summary = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
};

async function timeRequests(port, path, memberToken, runs) {
  const token = tokenFor(path, memberToken);
  // Two warm-up requests: the first of a kind compiles routes and fills caches.
  for (let i = 0; i < 2; i += 1) await get(port, path, token);
  return summary(await timed(port, path, token, runs));
}

/**
 * One endpoint on both servers side by side: ROUNDS rounds of `runs / ROUNDS` requests on
 * each, taking turns which goes first, so a machine that slows down (or speeds up) during
 * the bench moves both sizes alike and the ratio stays a ratio of the data's sizes.
 */
async function timeSideBySide(sides, memberToken, runs) {
  const batch = Math.max(1, Math.round(runs / ROUNDS));
  const times = sides.map(() => []);
  for (const { port, path } of sides) {
    for (let i = 0; i < 2; i += 1) await get(port, path, tokenFor(path, memberToken));
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? sides.map((_, i) => i) : sides.map((_, i) => i).reverse();
    for (const i of order) {
      const { port, path } = sides[i];
      times[i].push(...(await timed(port, path, tokenFor(path, memberToken), batch)));
    }
  }
  return times.map(summary);
}

function load(port, paths, token, connections, seconds) {
  return new Promise((resolve, reject) => {
    let next = 0;
    autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections,
        duration: seconds,
        headers: { authorization: `Bearer ${token}` },
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function startServer(dataDir) {
  const port = await freePort();
  const child = spawn(process.execPath, ['server/dist/cli.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      CW_PORT: String(port),
      CW_HOST: '127.0.0.1',
      CW_DATA_DIR: dataDir,
      CW_JWT_SECRET: SECRET,
      // Production refuses to start without the issuer its tokens must name.
      CW_JWT_ISSUER: 'https://bench.example',
      CW_SEED: '0',
      CW_DEV_PERSONAS: '0',
      CW_RATE_LIMIT_READS: '1000000000',
      CW_RATE_LIMIT_WRITES: '1000000000',
      CW_LOG_LEVEL: 'warn',
      CW_DEMO_DIR: '',
      CW_CDN_DIR: '',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let attempt = 0; ; attempt += 1) {
    try {
      if ((await get(port, '/api/healthz')) === 200) break;
    } catch {
      if (attempt > 300) throw new Error('The server did not start.');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    port,
    stop: () => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM')),
  };
}

/** The read endpoints, as a page of the hot subject or board would call them. */
function endpoints(facts) {
  const period = `from=${facts.insightsFrom}&to=${facts.insightsTo}`;
  const subjects = facts.ratedSubjects.slice(0, 20).join(',');
  const users = facts.people.slice(0, 20).join(',');
  return {
    'GET /ratings (20 subjects)': `/api/ratings?subjects=${subjects}`,
    'GET /subjects/{s}/questions': `/api/subjects/hot/questions`,
    'GET /subjects/{s}/questions?sort=newest': `/api/subjects/hot/questions?sort=newest`,
    'GET /subjects/{s}/questions?q=filter': `/api/subjects/hot/questions?q=filter`,
    'GET /questions/similar': `/api/questions/similar?subject=hot&q=how%20do%20I%20clean%20the%20filter`,
    'GET /questions/{id}': `/api/questions/${facts.hotQuestion}`,
    'GET /questions/{id}/answers': `/api/questions/${facts.hotQuestion}/answers`,
    'GET /subjects/{s}/reviews': `/api/subjects/hot/reviews`,
    'GET /boards/{b}': `/api/boards/hot`,
    'GET /boards/{b}/ideas?sort=top': `/api/boards/hot/ideas?sort=top`,
    'GET /boards/{b}/ideas?sort=new': `/api/boards/hot/ideas?sort=new`,
    'GET /boards/{b}/ideas?sort=trending': `/api/boards/hot/ideas?sort=trending`,
    'GET /boards/{b}/ideas?q=': `/api/boards/hot/ideas?q=filter%20export`,
    'GET /boards/{b}/ideas/similar': `/api/boards/hot/ideas/similar?q=export%20the%20filter%20list`,
    'GET /ideas/{id}': `/api/ideas/${facts.hotIdea}`,
    'GET /ideas/{id}/comments': `/api/ideas/${facts.hotIdea}/comments`,
    'GET /me': `/api/me`,
    'GET /me/ideas/updates': `/api/me/ideas/updates`,
    'GET /me/invitations': `/api/me/invitations`,
    'GET /users (20 ids)': `/api/users?ids=${users}`,
    'GET /experts': `/api/experts`,
    'GET /experts?topic=': `/api/experts?topic=${facts.topic}`,
    'GET /topics': `/api/topics`,
    'GET /moderation/queue': `/api/moderation/queue`,
    'GET /moderation/queue?reason=spam': `/api/moderation/queue?reason=spam`,
    'GET /moderation/log': `/api/moderation/log`,
    'GET /insights/ratings': `/api/insights/ratings?${period}`,
    'GET /insights/ratings?scope=subject': `/api/insights/ratings?${period}&scope=subject:${facts.ratedSubjects[0]}`,
    'GET /insights/questions': `/api/insights/questions?${period}`,
    'GET /insights/questions?scope=subject': `/api/insights/questions?${period}&scope=subject:hot`,
    'GET /insights/ideas?scope=board': `/api/insights/ideas?${period}&scope=board:hot`,
    'GET /insights/experts': `/api/insights/experts?${period}`,
    'GET /insights/participation': `/api/insights/participation?${period}`,
  };
}

const MIXED = [
  'GET /ratings (20 subjects)',
  'GET /subjects/{s}/questions?q=filter',
  'GET /questions/similar',
  'GET /boards/{b}/ideas?sort=trending',
  'GET /boards/{b}/ideas?q=',
  'GET /experts?topic=',
  'GET /topics',
  'GET /users (20 ids)',
];

/** The mixed load and the blocked read, on one server while the other is idle. */
async function underLoad(name, server, list, single, token) {
  const mixed = await load(
    server.port,
    MIXED.map((endpoint) => list[endpoint]),
    token,
    10,
    LOAD_SECONDS,
  );
  const mixedErrors = mixed.errors + mixed.timeouts + mixed.non2xx;
  process.stdout.write(
    `  ${name} mixed load: ${Math.round(mixed.requests.average)} req/s (${mixedErrors} failed)\n`,
  );
  const heaviest = Object.entries(single)
    .filter(([endpoint]) => !endpoint.startsWith('GET /ratings'))
    .sort((a, b) => b[1].median - a[1].median)[0][0];
  const background = load(
    server.port,
    [list[heaviest]],
    tokenFor(list[heaviest], token),
    2,
    LOAD_SECONDS,
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  const blocked = await timeRequests(
    server.port,
    list['GET /ratings (20 subjects)'],
    token,
    Math.max(100, RUNS),
  );
  await background;
  process.stdout.write(
    `  ${name} ratings read beside 2 connections on ${heaviest}: p99 ${blocked.p99.toFixed(2)} ms\n`,
  );
  return { mixedRps: mixed.requests.average, mixedErrors, heaviest, blocked };
}

async function measure(seeded, token) {
  const names = Object.keys(seeded);
  const servers = await Promise.all(names.map((name) => startServer(seeded[name].dataDir)));
  try {
    const lists = names.map((name) => endpoints(seeded[name].facts));
    const results = Object.fromEntries(names.map((name) => [name, { single: {} }]));
    for (const endpoint of Object.keys(lists[0])) {
      const sides = servers.map((server, i) => ({ port: server.port, path: lists[i][endpoint] }));
      const measured = await timeSideBySide(sides, token, RUNS);
      names.forEach((name, i) => {
        results[name].single[endpoint] = measured[i];
        process.stdout.write(
          `  ${name} ${endpoint}: median ${measured[i].median.toFixed(2)} ms, p99 ${measured[i].p99.toFixed(2)} ms\n`,
        );
      });
    }
    for (const [i, name] of names.entries()) {
      Object.assign(
        results[name],
        await underLoad(name, servers[i], lists[i], results[name].single, token),
      );
    }
    return results;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

console.log('Building the server…');
execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
const tokenAs = (subject, name, role) =>
  new SignJWT({ name, roles: [role] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setAudience(AUDIENCE)
    .setIssuer('https://bench.example')
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(SECRET));
const token = await tokenAs('u-bench-viewer', 'Bench viewer', 'member');
const analystToken = await tokenAs('u-bench-analyst', 'Bench analyst', 'analyst');
const moderatorToken = await tokenAs('u-bench-moderator', 'Bench moderator', 'moderator');

const dirs = [];
const seeded = {};
let failed = false;
try {
  for (const name of ['small', 'large']) {
    // BENCH_DATA=dir keeps the seeded databases there and reuses them on the next run.
    const kept = process.env.BENCH_DATA && join(process.env.BENCH_DATA, name);
    const dataDir = kept || mkdtempSync(join(tmpdir(), `cw-scale-${name}-`));
    if (!kept) dirs.push(dataDir);
    const factsFile = join(dataDir, 'facts.json');
    let facts;
    if (kept && existsSync(factsFile)) {
      facts = JSON.parse(readFileSync(factsFile, 'utf8'));
    } else {
      const started = performance.now();
      const store = new SqliteStore({ dataDir });
      facts = await seedCommunity(store, SIZES[name], { randomId, viewer: 'u-bench-viewer' });
      await store.close();
      writeFileSync(factsFile, JSON.stringify(facts));
      console.log(`Seeded ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    }
    seeded[name] = { dataDir, facts };
  }
  const results = await measure(seeded, token);

  const rows = [['endpoint', 'small ms', 'small p99', 'large ms', 'large p99', 'ratio']];
  const json = { endpoints: {} };
  for (const endpoint of Object.keys(results.small.single)) {
    const small = results.small.single[endpoint];
    const large = results.large.single[endpoint];
    const ratio = large.median / small.median;
    json.endpoints[endpoint] = {
      small_ms: round(small.median),
      large_ms: round(large.median),
      ratio: round(ratio),
      small_p99_ms: round(small.p99),
      large_p99_ms: round(large.p99),
    };
    rows.push([
      endpoint,
      small.median.toFixed(2),
      small.p99.toFixed(2),
      large.median.toFixed(2),
      large.p99.toFixed(2),
      `${ratio.toFixed(2)}×${ratio <= 2 ? '' : '  MISS ≤2'}`,
    ]);
  }
  json.mixed_small_rps = Math.round(results.small.mixedRps);
  json.mixed_large_rps = Math.round(results.large.mixedRps);
  json.blocked_read_heaviest = results.large.heaviest;
  json.blocked_read_p99_ms = round(results.large.blocked.p99);
  json.blocked_read_median_ms = round(results.large.blocked.median);
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  console.log(
    `\n${rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ')).join('\n')}\n`,
  );
  console.log(
    `mixed heavy reads: small ${json.mixed_small_rps} req/s, large ${json.mixed_large_rps} req/s (goal ≥ 1000)`,
  );
  console.log(
    `ratings read beside 2 connections on ${json.blocked_read_heaviest} (large): median ${json.blocked_read_median_ms} ms, p99 ${json.blocked_read_p99_ms} ms (goal ≤ 10)`,
  );
  mkdirSync('.bench', { recursive: true });
  writeFileSync('.bench/scale.json', `${JSON.stringify(json, null, 2)}\n`);
  console.log('Wrote .bench/scale.json');
  failed = results.small.mixedErrors + results.large.mixedErrors > 0;
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
