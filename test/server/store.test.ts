import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { migrations, SqliteStore } from '../../server/store/sqlite.js';
import { tempDir } from './helpers.js';

describe('SqliteStore', () => {
  let dataDir: string;
  let store: SqliteStore;
  beforeEach(async () => {
    dataDir = await tempDir('cw-store-');
    store = new SqliteStore({ dataDir });
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates and migrates the database on first open, in WAL mode', () => {
    assert.equal(store.created, true);
    assert.equal(store.schemaVersion, migrations.at(-1)!.version);
    const db = new Database(store.file, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  });

  it('migrates idempotently: reopening applies nothing and keeps the data', async () => {
    await store.write(async (tx) => {
      await tx.upsertRating('s', 'u', 4, new Date());
      await tx.addToDistribution('s', [0, 0, 0, 1, 0]);
    });
    await store.close();
    store = new SqliteStore({ dataDir });
    assert.equal(store.created, false);
    const db = new Database(store.file, { readonly: true });
    const applied = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    db.close();
    assert.deepEqual(
      applied,
      migrations.map(({ version }) => ({ version })),
    );
    assert.deepEqual((await store.ratingDistributions(['s'])).get('s'), [0, 0, 0, 1, 0]);
  });

  it('refuses a database from a newer schema rather than guessing', async () => {
    await store.close();
    const db = new Database(store.file);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      999,
      'future',
      0,
    );
    db.close();
    assert.throws(() => new SqliteStore({ dataDir }), /schema version 999/);
    store = new SqliteStore({ dataDir: await tempDir('cw-store-') });
  });

  it('rolls back every write of a transaction that throws', async () => {
    await assert.rejects(
      store.write(async (tx) => {
        await tx.upsertRating('s', 'u', 2, new Date());
        await tx.addToDistribution('s', [0, 1, 0, 0, 0]);
        throw new Error('rule broken');
      }),
      /rule broken/,
    );
    assert.equal((await store.userRatings('u', ['s'])).size, 0);
    assert.equal((await store.ratingDistributions(['s'])).size, 0);
  });

  it('runs transactions one at a time even when their work awaits', async () => {
    const order: string[] = [];
    const slow = store.write(async (tx) => {
      order.push('slow:start');
      await new Promise((resolve) => setTimeout(resolve, 30));
      await tx.addToDistribution('s', [1, 0, 0, 0, 0]);
      order.push('slow:end');
    });
    const fast = store.write(async (tx) => {
      order.push('fast:start');
      await tx.addToDistribution('s', [1, 0, 0, 0, 0]);
      order.push('fast:end');
    });
    await Promise.all([slow, fast]);
    assert.deepEqual(order, ['slow:start', 'slow:end', 'fast:start', 'fast:end']);
    assert.deepEqual((await store.ratingDistributions(['s'])).get('s'), [2, 0, 0, 0, 0]);
  });

  it('reads outside a transaction see only committed data', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing = store.write(async (tx) => {
      await tx.upsertRating('s', 'u', 5, new Date());
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal((await store.userRatings('u', ['s'])).size, 0);
    release();
    await writing;
    assert.equal((await store.userRatings('u', ['s'])).get('s'), 5);
  });

  it('answers a batch with one row per stored subject, ignoring the rest', async () => {
    await store.write(async (tx) => {
      for (const subject of ['a', 'b', 'c']) {
        await tx.upsertRating(subject, 'u', 3, new Date());
        await tx.addToDistribution(subject, [0, 0, 1, 0, 0]);
      }
    });
    const found = await store.ratingDistributions(['c', 'x', 'a', "it's", '']);
    assert.deepEqual([...found.keys()].sort(), ['a', 'c']);
    assert.deepEqual([...(await store.userRatings('u', ['b', 'z'])).entries()], [['b', 3]]);
  });

  it('never lets a distribution go negative (a bug would roll back, not corrupt)', async () => {
    await assert.rejects(store.write((tx) => tx.addToDistribution('s', [-1, 0, 0, 0, 0])));
    assert.equal((await store.ratingDistributions(['s'])).size, 0);
  });

  it('finishes queued writes before closing, then refuses new ones', async () => {
    const queued = store.write((tx) => tx.addToDistribution('q', [0, 0, 0, 0, 1]));
    await store.close();
    await queued;
    await assert.rejects(
      store.write(async () => undefined),
      /closed/,
    );
    store = new SqliteStore({ dataDir });
    assert.deepEqual((await store.ratingDistributions(['q'])).get('q'), [0, 0, 0, 0, 1]);
  });
});
