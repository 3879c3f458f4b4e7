import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { migrations, SqliteStore } from '../../server/store/sqlite.js';
import { WalCheckpointer } from '../../server/store/sqlite/checkpointer.js';
import { pollUntil, tempDir } from './helpers.js';

describe('SqliteStore (what only SQLite does; the rest is in store-suite.test.ts)', () => {
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
      await tx.ratings.upsert('s', 'u', 4, new Date());
      await tx.ratings.addToDistribution('s', [0, 0, 0, 1, 0]);
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
    assert.deepEqual((await store.ratings.distributions(['s'])).get('s'), [0, 0, 0, 1, 0]);
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

  it('reads outside a transaction see only committed data', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing = store.write(async (tx) => {
      await tx.ratings.upsert('s', 'u', 5, new Date());
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal((await store.ratings.ofUser('u', ['s'])).size, 0);
    release();
    await writing;
    assert.equal((await store.ratings.ofUser('u', ['s'])).get('s'), 5);
  });

  it('remembers committed distributions and reads a subject afresh once a write to it ends', async () => {
    await store.write(async (tx) => {
      await tx.ratings.addToDistribution('a', [1, 0, 0, 0, 0]);
      await tx.ratings.addToDistribution('b', [0, 1, 0, 0, 0]);
    });
    const batch = async () =>
      Object.fromEntries(await store.ratings.distributions(['a', 'b', 'c']));
    assert.deepEqual(await batch(), { a: [1, 0, 0, 0, 0], b: [0, 1, 0, 0, 0] });

    // While a write is open, readers (and what they remember) see the committed counts.
    let reached!: () => void;
    const inside = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing = store.write(async (tx) => {
      await tx.ratings.addToDistribution('a', [0, 0, 0, 0, 1]);
      await tx.ratings.addToDistribution('c', [0, 0, 1, 0, 0]);
      assert.deepEqual((await tx.ratings.distributions(['a'])).get('a'), [1, 0, 0, 0, 1]);
      reached();
      await held;
    });
    await inside;
    assert.deepEqual(await batch(), { a: [1, 0, 0, 0, 0], b: [0, 1, 0, 0, 0] });
    assert.equal((await store.ratings.distributions(['c'])).size, 0);
    release();
    await writing;
    assert.deepEqual(await batch(), {
      a: [1, 0, 0, 0, 1],
      b: [0, 1, 0, 0, 0],
      c: [0, 0, 1, 0, 0],
    });
    assert.deepEqual((await store.ratings.distributions(['c'])).get('c'), [0, 0, 1, 0, 0]);

    // A write that rolls back leaves the committed counts, remembered or read.
    await assert.rejects(
      store.write(async (tx) => {
        await tx.ratings.addToDistribution('b', [0, 5, 0, 0, 0]);
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    assert.deepEqual((await store.ratings.distributions(['b'])).get('b'), [0, 1, 0, 0, 0]);
  });

  it('a fault that ends a group’s transaction fails the writes it ran, and the rest still run', async () => {
    await store.write((tx) => tx.ratings.addToDistribution('f', [1, 0, 0, 0, 0]));
    // Asked together, so they wait together: one group.
    const lost = store.write((tx) => tx.ratings.addToDistribution('f', [0, 1, 0, 0, 0]));
    const faulty = store.write(async () => {
      // What a full disk or an I/O error does to SQLite: the whole transaction is gone.
      (store as unknown as { writer: Database.Database }).writer.exec('ROLLBACK');
      throw new Error('disk I/O error');
    });
    const next = store.write((tx) => tx.ratings.addToDistribution('f', [0, 0, 1, 0, 0]));
    const [lostResult, faultyResult, nextResult] = await Promise.allSettled([lost, faulty, next]);
    assert.match(String((lostResult as PromiseRejectedResult).reason), /disk I\/O error/);
    assert.match(String((faultyResult as PromiseRejectedResult).reason), /disk I\/O error/);
    assert.equal(nextResult.status, 'fulfilled');
    assert.deepEqual((await store.ratings.distributions(['f'])).get('f'), [1, 0, 1, 0, 0]);
  });

  it('copies committed writes from the WAL into the database file on a thread of its own', async () => {
    const before = statSync(store.file).mtimeMs;
    await store.write((tx) => tx.ratings.addToDistribution('w', [1, 0, 0, 0, 0]));
    // Nothing on the writer's side copies so small a WAL (its own checkpoint waits for
    // 16,000 pages): only the thread, started by that commit, touches the file.
    await pollUntil(() => statSync(store.file).mtimeMs !== before, 20_000, 50);
    assert.notEqual(statSync(store.file).mtimeMs, before);
  });

  it('starts the checkpoint thread again after it fails', async () => {
    const dir = await tempDir('cw-checkpoint-');
    const file = join(dir, 'community.sqlite');
    const told: Array<[unknown, number]> = [];
    const checkpointer = new WalCheckpointer(file, (error, restartInMs) =>
      told.push([error, restartInMs]),
    );
    let db: Database.Database | undefined;
    try {
      // No database there yet: the thread fails to open it and ends.
      checkpointer.start();
      await pollUntil(() => told.length > 0, 20_000, 20);
      // The store turns this into its operator warning: the error, and when it tries again.
      assert.equal(told.length, 1);
      assert.match(String((told[0]![0] as Error).message), /unable to open database file/);
      assert.equal(told[0]![1], 1000);
      db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('wal_autocheckpoint = 0');
      db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
      const before = statSync(file).mtimeMs;
      // Only a thread started again copies the WAL into the file.
      await pollUntil(() => statSync(file).mtimeMs !== before, 20_000, 50);
      assert.notEqual(statSync(file).mtimeMs, before);
    } finally {
      await checkpointer.stop();
      db?.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('finishes queued writes before closing, then refuses new ones', async () => {
    const queued = store.write((tx) => tx.ratings.addToDistribution('q', [0, 0, 0, 0, 1]));
    await store.close();
    await queued;
    await assert.rejects(
      store.write(async () => undefined),
      /closed/,
    );
    store = new SqliteStore({ dataDir });
    assert.deepEqual((await store.ratings.distributions(['q'])).get('q'), [0, 0, 0, 0, 1]);
  });
});
