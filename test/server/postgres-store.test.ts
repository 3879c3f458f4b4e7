/**
 * What only the Postgres store does (the shared behaviour is in store-suite.test.ts):
 * migrations applied once by instances starting together, unknown schema changes refused,
 * a transaction that lost a race run again from the start. ADR 012.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import pg from 'pg';
import { PostgresStore, maskDatabaseUrl, migrations } from '../../server/store/postgres.js';
import { freshDatabase, POSTGRES_SKIP } from '../support/postgres.js';
import { pollUntil } from './helpers.js';

/** A promise and the function that settles it, to hold a transaction at a chosen point. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('Postgres store', { skip: POSTGRES_SKIP }, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const opened: PostgresStore[] = [];
  beforeEach(async () => {
    database = await freshDatabase();
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await database.drop();
  });
  const open = async () => {
    const store = await PostgresStore.open({ url: database.url });
    opened.push(store);
    return store;
  };

  it('instances starting together apply each migration once; one of them seeds', async () => {
    const stores = await Promise.all([open(), open(), open()]);
    assert.equal(stores.filter((store) => store.created).length, 1);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    await client.end();
    assert.deepEqual(
      rows.map((row) => row.version),
      migrations.map((migration) => migration.version).sort((a, b) => a - b),
    );
  });

  it('refuses a database with schema changes it does not know', async () => {
    await (await open()).close();
    opened.length = 0;
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from the future', 0)",
    );
    await client.end();
    await assert.rejects(open(), /schema changes 9999.*newer server/s);
  });

  it('runs a transaction that lost a race again, from the start', async () => {
    const [a, b] = [await open(), await open()];
    await a.write((tx) => tx.ratings.addToDistribution('race', [0, 0, 1, 0, 0]));
    const held = gate();
    const read = gate();
    let runs = 0;
    const first = a.write(async (tx) => {
      runs += 1;
      const before = (await tx.ratings.distributions(['race'])).get('race')!;
      if (runs === 1) {
        read.open();
        await held.opened;
      }
      // A read-modify-write the domain relies on, on a row b changes meanwhile.
      await tx.ratings.addToDistribution('race', [0, 0, 1, 0, 0]);
      return before[2];
    });
    await read.opened;
    await b.write((tx) => tx.ratings.addToDistribution('race', [0, 0, 1, 0, 0]));
    held.open();
    // The second run saw b's change: 2, not the stale 1 of the first run.
    assert.equal(await first, 2);
    assert.equal(runs, 2);
    assert.equal(a.retries, 1);
    assert.deepEqual((await b.ratings.distributions(['race'])).get('race'), [0, 0, 3, 0, 0]);
  });

  it('runs a transaction that keeps losing races alone, so it ends however busy the others are', async () => {
    const [a, b] = [await open(), await open()];
    await a.write((tx) => tx.ratings.addToDistribution('hot', [0, 0, 1, 0, 0]));
    const watcher = new pg.Client({ connectionString: database.url });
    await watcher.connect();
    const waitingForTurn = async () =>
      (await watcher.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"))
        .rowCount! > 0;
    let runs = 0;
    const others: Promise<void>[] = [];
    try {
      const starved = a.write(async (tx) => {
        runs += 1;
        const before = (await tx.ratings.distributions(['hot'])).get('hot')!;
        // On every run the other instance writes the same row after this read: it commits
        // first and this run loses — unless this run is alone, and the other waits its turn.
        let done = false;
        const other = b.write((other) => other.ratings.addToDistribution('hot', [0, 0, 1, 0, 0]));
        others.push(other.then(() => void (done = true)));
        while (!done && !(await waitingForTurn())) await new Promise((r) => setImmediate(r));
        await tx.ratings.addToDistribution('hot', [0, 0, 1, 0, 0]);
        return before[2];
      });
      const seen = await starved;
      await Promise.all(others);
      assert.equal(runs, 4, 'three runs lost, the fourth ran alone');
      assert.equal(a.retries, 3);
      assert.equal(seen, 4, 'the run alone saw the three writes that beat it');
      assert.deepEqual((await b.ratings.distributions(['hot'])).get('hot'), [0, 0, 6, 0, 0]);
    } finally {
      await watcher.end();
    }
  });

  it('tells the operator when the database drops an idle pooled connection, and goes on', async () => {
    const store = await open();
    await store.ping(); // leaves a connection idle in the pool
    const warnings: string[] = [];
    store.onWarning = (message) => warnings.push(message);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      // What a database restart or an administrator does to the store's connections.
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
    } finally {
      await admin.end();
    }
    await pollUntil(() => warnings.length > 0, 10_000, 20);
    assert.ok(warnings.length >= 1, 'a warning for the idle connection');
    for (const warning of warnings) {
      assert.match(warning, /^A pooled connection to postgres:\/\/.+ failed while idle \(/);
      assert.ok(warning.includes(store.location), 'names the database by its masked URL');
    }
    await store.ping();
  });

  it('masks the password of the URL it reports', () => {
    assert.equal(
      maskDatabaseUrl('postgres://cw:s3cret@db.internal:5432/community'),
      'postgres://cw:****@db.internal:5432/community',
    );
  });
});
