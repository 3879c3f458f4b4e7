import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { migrations, SqliteStore } from '../../server/store/sqlite.js';
import { tempDir } from './helpers.js';

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
