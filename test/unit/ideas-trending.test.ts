/**
 * "Trending" with a controlled clock: recent votes outweigh older ones, ties go to the newer
 * idea, and the memory store (the mock) ranks exactly as SQLite (the server).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Community } from '../../server/domain/community.js';
import {
  addToTrend,
  NO_TREND,
  removeFromTrend,
  TRENDING_HALF_LIFE_MS,
  trendingWeight,
} from '../../server/domain/idea-rules.js';
import type { Store } from '../../server/domain/store.js';
import type { Identity } from '../../server/domain/types.js';
import { MemoryStore } from '../../server/store/memory.js';
import { migrations, SqliteStore } from '../../server/store/sqlite.js';

const DAY = 24 * 60 * 60 * 1000;
const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const person = (n: number): Identity => ({ id: `u-${n}`, name: `P${n}`, avatar: null, roles: [] });

it('a vote weighs 1 now, 1/2 after a week, 1/16 after four weeks', () => {
  assert.equal(trendingWeight(1000, 1000), 1);
  assert.equal(trendingWeight(TRENDING_HALF_LIFE_MS, 0), 0.5);
  assert.equal(trendingWeight(4 * TRENDING_HALF_LIFE_MS, 0), 1 / 16);
  assert.equal(trendingWeight(0, 1000), 1, 'a vote from the future counts as now');
});

it('the maintained score orders as the weighted sums do, at any moment', () => {
  const now = Date.UTC(2026, 0, 1);
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
  const score = (...daysAgo: number[]) => daysAgo.reduce((t, d) => addToTrend(t, at(d)), NO_TREND);
  const sum = (moment: number, ...daysAgo: number[]) =>
    daysAgo.reduce((total, d) => total + trendingWeight(moment, at(d).getTime()), 0);
  const ideas = [[0, 0, 0], [60, 60, 60, 60, 60, 60], [1], [14, 2], [30]];
  for (const moment of [now, now + 30 * DAY, now + 365 * DAY]) {
    const bySum = ideas
      .map((_, i) => i)
      .sort((a, b) => sum(moment, ...ideas[b]!) - sum(moment, ...ideas[a]!));
    const byScore = ideas
      .map((_, i) => i)
      .sort((a, b) => score(...ideas[b]!) - score(...ideas[a]!));
    assert.deepEqual(byScore, bySum);
  }
  assert.ok(score(30) > NO_TREND, 'any vote scores above none');
  // Taking a vote back returns the score it had without it.
  const two = score(3, 10);
  assert.ok(Math.abs(removeFromTrend(two, at(3), 1) - score(10)) < 1e-9);
  assert.equal(removeFromTrend(score(3), at(3), 0), NO_TREND);
});

async function ranking(store: Store): Promise<string[]> {
  let now = Date.UTC(2026, 0, 1);
  const community = new Community({ store, now: () => new Date(now) });
  await community.ideas.saveBoard({ id: 'trend', title: 'Trend' });
  const ideas: Record<string, string> = {};
  for (const name of ['old-favourite', 'rising', 'tie-older', 'tie-newer', 'quiet']) {
    ideas[name] = (
      await community.ideas.submit(person(0), 'trend', { title: `Idea called ${name}` })
    ).id;
  }
  const voteAt = async (name: string, from: number, count: number) => {
    for (let i = 0; i < count; i += 1) {
      await community.ideas.vote(person(from + i), ideas[name], { voted: true });
    }
  };
  await voteAt('old-favourite', 100, 6); // six votes, 60 days before "now"
  await voteAt('tie-older', 200, 1);
  await voteAt('tie-newer', 300, 1);
  now += 60 * DAY;
  await voteAt('rising', 400, 3); // three votes today
  const page = await community.ideas.list(null, 'trend', { sort: 'trending' });
  const top = await community.ideas.list(null, 'trend', { sort: 'top' });
  assert.equal(top.items[0]!.title, 'Idea called old-favourite');
  // Paging keeps the moment of the first page even as time passes.
  const first = await community.ideas.list(null, 'trend', { sort: 'trending', limit: '2' });
  now += 30 * DAY;
  const second = await community.ideas.list(null, 'trend', {
    sort: 'trending',
    limit: '2',
    cursor: first.nextCursor,
  });
  assert.deepEqual(
    [...first.items, ...second.items].map((i) => i.title),
    page.items.slice(0, 4).map((i) => i.title),
  );
  return page.items.map((idea) => idea.title.replace('Idea called ', ''));
}

describe('trending', () => {
  const expected = ['rising', 'old-favourite', 'tie-newer', 'tie-older', 'quiet'];

  it('memory store', async () => {
    assert.deepEqual(await ranking(new MemoryStore()), expected);
  });

  it('SQLite store ranks the same', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cw-trend-'));
    dirs.push(dataDir);
    const store = new SqliteStore({ dataDir });
    try {
      assert.deepEqual(await ranking(store), expected);
      assert.equal(store.schemaVersion, migrations.at(-1)!.version);
    } finally {
      await store.close();
    }
  });
});
