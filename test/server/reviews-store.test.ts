/**
 * The memory store (the mock's) and the SQLite store (the server's) list reviews in exactly
 * the same orders, page by page, for every sort and filter; and a failed transaction leaves
 * reviews, ratings and helpful counts as they were.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { Community } from '../../server/domain/community.js';
import { REVIEW_SORTS } from '../../server/domain/review-rules.js';
import type { Store } from '../../server/domain/store.js';
import type { Identity } from '../../server/domain/types.js';
import { MemoryStore } from '../../server/store/memory.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import { tempDir } from './helpers.js';

const person = (n: number): Identity => ({ id: `u-${n}`, name: `P${n}`, avatar: null, roles: [] });

/** The same reviews and votes, written through the domain, deterministic pseudo-random. */
async function fill(store: Store): Promise<Community> {
  let state = 7;
  const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const community = new Community({ store, now: () => new Date(Date.UTC(2026, 0, 1)) });
  const ids: string[] = [];
  for (let n = 0; n < 40; n += 1) {
    const stars = 1 + Math.floor(random() * 5);
    const { review } = await community.reviews.create(
      person(n),
      'sku-p',
      { stars, title: `Review ${n}`, body: 'Text.' },
      undefined,
    );
    ids.push(review.id);
  }
  for (let voter = 100; voter < 130; voter += 1) {
    for (const id of ids) {
      const roll = random();
      if (roll < 0.15) await community.reviews.setHelpful(person(voter), id, { value: 'yes' });
      else if (roll < 0.2) await community.reviews.setHelpful(person(voter), id, { value: 'no' });
    }
  }
  return community;
}

async function walk(community: Community, sort: string, stars?: string): Promise<string[]> {
  const titles: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await community.reviews.list(null, 'sku-p', { sort, stars, cursor, limit: '7' });
    titles.push(...page.items.map((review) => review.title));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return titles;
}

describe('review lists: memory and SQLite stores agree', () => {
  let dataDir: string;
  let sqlite: SqliteStore;
  let onMemory: Community;
  let onSqlite: Community;

  before(async () => {
    dataDir = await tempDir('cw-reviews-');
    sqlite = new SqliteStore({ dataDir });
    onMemory = await fill(new MemoryStore());
    onSqlite = await fill(sqlite);
  });
  after(async () => {
    await sqlite.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  for (const sort of REVIEW_SORTS) {
    for (const stars of [undefined, '1', '3', '5']) {
      it(`${sort}${stars ? ` with ${stars} stars` : ''}: same items in the same order`, async () => {
        const memory = await walk(onMemory, sort, stars);
        assert.deepEqual(await walk(onSqlite, sort, stars), memory);
        assert.equal(new Set(memory).size, memory.length, 'no review twice');
        if (!stars) assert.equal(memory.length, 40);
      });
    }
  }

  it('a failed transaction leaves reviews, ratings and counts untouched', async () => {
    for (const community of [onMemory, onSqlite]) {
      const before = await community.reviews.list(null, 'sku-p', { limit: '50' });
      const summary = await community.ratings.summaries(null, ['sku-p']);
      await assert.rejects(
        community.store.write(async (tx) => {
          const [first] = before.items;
          await tx.reviews.addToHelpful(first!.id, { yes: 5 });
          await tx.reviews.update(first!.id, { title: 'changed', stars: 1 });
          await tx.reviews.remove(before.items[1]!.id);
          throw new Error('abort');
        }),
      );
      assert.deepEqual(await community.reviews.list(null, 'sku-p', { limit: '50' }), before);
      assert.deepEqual(await community.ratings.summaries(null, ['sku-p']), summary);
    }
  });
});
