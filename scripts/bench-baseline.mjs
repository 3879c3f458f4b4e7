// The bare baseline `npm run bench` compares the server with: fastify and better-sqlite3,
// nothing else, doing the same two jobs on the same rows — a batched ratings read for a
// signed-in viewer and a rating upsert that keeps the distribution in step — with the same
// JWT check (jose, HS256, verified tokens remembered), the same SQL and SQLite settings, and
// answers of the same shape. It copies the server's own database file (started once the
// server has created and seeded it), so both read the same rows: a baseline reading an
// empty table would price the seed, not the server. What the project's server adds on top
// (contract validation, the domain, the store ports, CORS, security headers, request ids,
// rate limits, problem mapping, logging) is what the ratios price.
// Started by scripts/bench.mjs: PORT, DATA_DIR and SECRET from the env.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { jwtVerify } from 'jose';

// A copy of the server's seeded file (same rows), so neither side's WAL and checkpoints fall
// on the other's writes.
const file = join(process.env.DATA_DIR, 'baseline.sqlite');
const seeded = new Database(join(process.env.DATA_DIR, 'community.sqlite'), {
  readonly: true,
  fileMustExist: true,
});
seeded.exec(`VACUUM INTO '${file.replaceAll("'", "''")}'`);
seeded.close();
const db = new Database(file, { fileMustExist: true });
// As server/store/sqlite.ts configures its connections, except the checkpoint: the baseline
// keeps SQLite's own (every 1,000 pages, in the commit), the server copies the WAL back on a
// thread of its own (server/store/sqlite/checkpointer.ts), which is part of what is priced.
db.pragma('busy_timeout = 5000');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma(`cache_size = -${64 * 1024}`);
db.pragma(`mmap_size = ${256 * 1024 * 1024}`);

const distributions = db
  .prepare(
    `SELECT json_group_array(json_array(subject, c1, c2, c3, c4, c5)) FROM rating_distributions
     WHERE subject IN (SELECT value FROM json_each(?))`,
  )
  .pluck();
const mine = db
  .prepare(
    `SELECT json_group_object(subject, value) FROM ratings
     WHERE user_id = ? AND subject IN (SELECT value FROM json_each(?))`,
  )
  .pluck();
const previous = db.prepare('SELECT value FROM ratings WHERE subject = ? AND user_id = ?').pluck();
const upsert = db.prepare(
  `INSERT INTO ratings (subject, user_id, value, updated_at) VALUES (?, ?, ?, ?)
   ON CONFLICT (subject, user_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
);
const add = db.prepare(
  `UPDATE rating_distributions SET c1 = c1 + ?, c2 = c2 + ?, c3 = c3 + ?, c4 = c4 + ?, c5 = c5 + ?
   WHERE subject = ?`,
);
const insert = db.prepare(
  'INSERT INTO rating_distributions (subject, c1, c2, c3, c4, c5) VALUES (?, ?, ?, ?, ?, ?)',
);

function summaries(userId, subjects) {
  const list = JSON.stringify(subjects);
  const own = JSON.parse(mine.get(userId, list));
  return JSON.parse(distributions.get(list)).map(([subject, ...counts]) => {
    const count = counts.reduce((a, b) => a + b, 0);
    const total = counts.reduce((a, b, i) => a + b * (i + 1), 0);
    return {
      subject,
      average: count ? total / count : 0,
      count,
      distribution: counts,
      viewerRating: own[subject] ?? null,
    };
  });
}

const rate = db.transaction((subject, userId, value) => {
  const before = previous.get(subject, userId);
  if (before === value) return;
  upsert.run(subject, userId, value, Date.now());
  const delta = [0, 0, 0, 0, 0];
  if (before !== undefined) delta[before - 1] -= 1;
  delta[value - 1] += 1;
  if (add.run(...delta, subject).changes === 0) insert.run(subject, ...delta);
});

const key = new TextEncoder().encode(process.env.SECRET);
// Verified tokens remembered, as the project's server does (server/auth.ts).
const verified = new Map();
async function viewer(request) {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  const token = header.slice(7);
  let sub = verified.get(token);
  if (sub === undefined) {
    ({
      payload: { sub },
    } = await jwtVerify(token, key, { audience: 'community-widgets' }));
    if (verified.size > 10_000) verified.clear();
    verified.set(token, sub);
  }
  return sub;
}

const app = Fastify({ logger: false });
app.get('/api/ratings', async (request) => {
  const userId = await viewer(request);
  const subjects = String(request.query.subjects ?? '')
    .split(',')
    .slice(0, 100);
  return { items: summaries(userId ?? '', subjects) };
});
app.put('/api/subjects/:subject/rating', async (request, reply) => {
  const userId = await viewer(request);
  if (!userId) return reply.code(401).send({ title: 'Sign in to rate.' });
  const value = request.body?.value;
  if (!Number.isInteger(value) || value < 1 || value > 5) return reply.code(400).send({});
  rate.immediate(request.params.subject, userId, value);
  return summaries(userId, [request.params.subject])[0];
});
app.get('/api/healthz', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
