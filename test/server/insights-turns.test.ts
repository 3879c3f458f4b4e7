/**
 * On SQLite an insight's statements run one per turn of the event loop
 * (`InsightReadsInTurns`), so a visitor's request that arrives while a dashboard is being
 * computed is answered between two statements instead of after the whole insight; the
 * figures are the same as read back to back.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, it } from 'node:test';
import { InsightService, INSIGHT_KINDS } from '../../server/domain/insights.js';
import { seedInsightsHistory } from '../../server/domain/insights-seed.js';
import type { Identity } from '../../server/domain/types.js';
import { SqliteInsightReads } from '../../server/store/sqlite/insights.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import { tempDir } from './helpers.js';

const analyst: Identity = { id: 'u-analyst', name: 'Analyst', avatar: null, roles: ['analyst'] };
const now = new Date('2026-11-30T12:00:00Z');
let dir: string;
let store: SqliteStore;

before(async () => {
  dir = await tempDir('cw-insight-turns-');
  store = new SqliteStore({ dataDir: dir });
  await seedInsightsHistory(store, { now, weeks: 6 });
});

after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

it('answers a ratings read asked while the experts insight runs before the insight ends', async () => {
  const service = new InsightService(store, () => now);
  const answered: string[] = [];
  let turns = 0;
  let done = false;
  const insight = service.read('experts', analyst, {}).then(() => {
    done = true;
    answered.push('insight');
  });
  const count = () => {
    if (done) return;
    turns += 1;
    setImmediate(count);
  };
  setImmediate(count);
  // As a request arriving in the next turn would.
  setImmediate(() => {
    void store.ratings.distributions(['sku-1']).then(() => answered.push('rating'));
  });
  await insight;
  assert.deepEqual(answered, ['rating', 'insight']);
  // The experts insight is tens of statements; each waited for a turn of its own.
  assert.ok(turns >= 10, `the insight took ${turns} turns of the event loop`);
});

it('gives the same figures as the statements read back to back', async () => {
  const inTurns = new InsightService(store, () => now);
  const backToBack = new InsightService(
    Object.assign(Object.create(store) as SqliteStore, {
      insights: new SqliteInsightReads(
        (store as unknown as { reader: ConstructorParameters<typeof SqliteInsightReads>[0] })
          .reader,
      ),
    }),
    () => now,
  );
  for (const kind of INSIGHT_KINDS) {
    const [a, b] = await Promise.all([
      inTurns.read(kind, analyst, {}),
      backToBack.read(kind, analyst, {}),
    ]);
    assert.deepEqual(a, b, kind);
  }
});
