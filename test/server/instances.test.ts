/**
 * Several instances on one Postgres (issue 13): what one instance writes the other reads at
 * once, rules that count (vote budgets, idempotency keys) hold across instances, rate limits
 * are shared, and killing one instance loses no acknowledged write. ADR 012.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { ServerConfig } from '../../server/config.js';
import { freshDatabase, POSTGRES_SKIP, REDIS_SKIP, TEST_REDIS_URL } from '../support/postgres.js';
import {
  getSummaries,
  person,
  putRating,
  spawnServer,
  startApp,
  tempDir,
  tokenFor,
  type RunningApp,
} from './helpers.js';

/** Two in-process apps on one fresh database, closed (and the database dropped) by `close`. */
async function twoInstances(overrides: Partial<ServerConfig> = {}) {
  const database = await freshDatabase();
  const a = await startApp({ databaseUrl: database.url, ...overrides });
  const b = await startApp({ databaseUrl: database.url, ...overrides });
  return {
    a,
    b,
    close: async () => {
      await a.close();
      await b.close();
      await database.drop();
    },
  };
}

async function post(app: RunningApp, path: string, token: string, json: unknown, key?: string) {
  const response = await fetch(`${app.baseUrl}/api${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${token}`,
      ...(key ? { 'Idempotency-Key': key } : {}),
    },
    body: JSON.stringify(json),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function voteIdea(app: RunningApp, id: string, token: string) {
  const response = await fetch(`${app.baseUrl}/api/ideas/${id}/vote`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ voted: true }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('two instances on one Postgres', { skip: POSTGRES_SKIP }, () => {
  let pair: Awaited<ReturnType<typeof twoInstances>>;
  before(async () => {
    pair = await twoInstances();
  });
  after(() => pair.close());

  it('a rating written through one is read through the other at once', async () => {
    const token = await tokenFor(person('u-across'));
    assert.equal((await putRating(pair.a.baseUrl, token, 'across-1', { value: 4 })).status, 200);
    const [summary] = await getSummaries(pair.b.baseUrl, ['across-1'], token);
    assert.equal(summary!.count, 1);
    assert.equal(summary!.viewerRating, 4);
  });

  it('25 concurrent idea votes split across both against a budget of 10 accept exactly 10', async () => {
    await pair.a.app.community.ideas.saveBoard({
      id: 'budget-10',
      title: 'Budget',
      voteBudget: 10,
    });
    const author = await tokenFor(person('u-ideas-author'));
    const ids: string[] = [];
    for (let n = 0; n < 25; n += 1) {
      const created = await post(pair.a, '/boards/budget-10/ideas', author, {
        title: `Idea number ${n} for the budget`,
        body: '',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      ids.push(created.body.id as string);
    }
    const voter = await tokenFor(person('u-ideas-voter'));
    const statuses = await Promise.all(
      ids.map((id, n) => voteIdea(n % 2 === 0 ? pair.a : pair.b, id, voter)),
    );
    assert.equal(statuses.filter((status) => status === 200).length, 10, String(statuses));
    assert.equal(statuses.filter((status) => status === 409).length, 15, String(statuses));
    const ideas = await Promise.all(ids.map((id) => pair.b.app.community.ideas.get(null, id)));
    assert.equal(
      ideas.reduce((sum, idea) => sum + idea.votes, 0),
      10,
    );
    const board = await fetch(`${pair.b.baseUrl}/api/boards/budget-10`, {
      headers: { Authorization: `Bearer ${voter}` },
    });
    assert.equal(((await board.json()) as any).viewer.votesLeft, 0);
  });

  it('one Idempotency-Key sent to both at once creates one question', async () => {
    const token = await tokenFor(person('u-twice'));
    const question = { title: 'Does it fit a small kitchen?', body: 'Asking for a flat.' };
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, n) =>
        post(n % 2 ? pair.a : pair.b, '/subjects/idem-1/questions', token, question, 'key-twice-1'),
      ),
    );
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [201, 201, 201, 201, 201, 201],
    );
    assert.equal(new Set(answers.map((answer) => answer.body.id)).size, 1);
    const listed = await fetch(`${pair.a.baseUrl}/api/subjects/idem-1/questions`);
    assert.equal(((await listed.json()) as any).items.length, 1);
  });
});

/** Rating writes of one viewer alternating between the two instances: the statuses. */
async function alternatingWrites(pair: Awaited<ReturnType<typeof twoInstances>>, token: string) {
  const statuses: number[] = [];
  for (let n = 0; n < 7; n += 1) {
    const app = n % 2 === 0 ? pair.a : pair.b;
    statuses.push((await putRating(app.baseUrl, token, 'limited', { value: 3 })).status);
  }
  return statuses;
}

describe('rate limits shared between instances', { skip: POSTGRES_SKIP }, () => {
  const limits = { readsPerMinute: 100_000, writesPerMinute: 5 };

  it('in Postgres: writes over the limit from both answer 429', async () => {
    const pair = await twoInstances({ rateLimit: limits });
    try {
      const token = await tokenFor(person('u-limited'));
      assert.deepEqual(await alternatingWrites(pair, token), [200, 200, 200, 200, 200, 429, 429]);
    } finally {
      await pair.close();
    }
  });

  it(
    'in Redis (CW_REDIS_URL): writes over the limit from both answer 429',
    {
      skip: REDIS_SKIP,
    },
    async () => {
      const pair = await twoInstances({ rateLimit: limits, redisUrl: TEST_REDIS_URL! });
      try {
        // The Redis server outlives the test: a viewer of its own keeps earlier runs' counts out.
        const token = await tokenFor(person(`u-redis-${Date.now()}`));
        assert.deepEqual(await alternatingWrites(pair, token), [200, 200, 200, 200, 200, 429, 429]);
        const refused = await putRating(pair.b.baseUrl, token, 'limited', { value: 3 });
        assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      } finally {
        await pair.close();
      }
    },
  );
});

describe('kill -9 of one instance mid-load', { skip: POSTGRES_SKIP }, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let dataDir: string;
  before(async () => {
    database = await freshDatabase();
    dataDir = await tempDir('cw-instances-');
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await database.drop();
  });

  it('loses no acknowledged write', async () => {
    const env = { CW_DATABASE_URL: database.url };
    const [first, second] = [await spawnServer(dataDir, env), await spawnServer(dataDir, env)];
    const writes = await Promise.all(
      Array.from({ length: 600 }, async (_, n) => ({
        subject: `kill-${n % 30}`,
        value: (n % 5) + 1,
        token: await tokenFor(person(`u-kill-${n}`)),
        to: n % 2 === 0 ? first : second,
      })),
    );
    const acknowledged: typeof writes = [];
    let next = 0;
    let killed = false;
    const client = async () => {
      while (next < writes.length) {
        const write = writes[next++]!;
        try {
          const response = await putRating(write.to.baseUrl, write.token, write.subject, {
            value: write.value,
          });
          if (response.status === 200) acknowledged.push(write);
        } catch {
          // The instance is gone: never acknowledged, so it may or may not exist.
        }
        if (acknowledged.length >= 100 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: 16 }, client));
      assert.equal((await first.exited).signal, 'SIGKILL');
      assert.ok(
        acknowledged.some((write) => write.to === first),
        'the killed one acknowledged',
      );
      assert.ok(acknowledged.length < writes.length, 'the kill happened mid-load');
      const missing = [];
      for (const write of acknowledged) {
        const [summary] = await getSummaries(second.baseUrl, [write.subject], write.token);
        if (summary!.viewerRating !== write.value) missing.push(write.subject);
      }
      assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.length} missing`);
      const subjects = [...new Set(writes.map((write) => write.subject))];
      const total = (await getSummaries(second.baseUrl, subjects)).reduce(
        (sum, item) => sum + item.count,
        0,
      );
      assert.ok(total >= acknowledged.length && total <= writes.length, `count ${total}`);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
