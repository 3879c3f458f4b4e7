/**
 * The Postgres event log's cursor across instances: a transaction that took its xid first but
 * appends its event last must not let a reader's cursor pass the event of a transaction still
 * running (ADR 014). Two raw connections play the two instances, step by step.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { PgEventReads, PgEventWrites } from '../../server/store/postgres/events.js';
import type { Db } from '../../server/store/postgres/columns.js';
import { PostgresStore } from '../../server/store/postgres.js';
import { freshDatabase, POSTGRES_SKIP } from '../support/postgres.js';

const event = (id: string) => ({
  id,
  type: 'rating.set' as const,
  at: new Date(),
  actorId: 'u-order',
  place: 'subject:sku-order',
  data: { subject: 'sku-order', stars: 3, previous: null },
});

describe('event log order across instances (Postgres)', { skip: POSTGRES_SKIP }, () => {
  it('a cursor never passes an event whose transaction commits later', async () => {
    const database = await freshDatabase();
    // Creates the schema.
    await (await PostgresStore.open({ url: database.url })).close();
    const pool = new pg.Pool({ connectionString: database.url, max: 4 });
    // An idle client's error (the database dropped at the end) must not fail the test.
    pool.on('error', () => undefined);
    const [early, late] = [await pool.connect(), await pool.connect()];
    try {
      const reader = new PgEventReads(pool as unknown as Db);
      // `early` takes its xid first, as a transaction does at its first row write.
      await early.query('BEGIN');
      await early.query('SELECT pg_current_xact_id()');
      // `late` appends its event first and stays open.
      await late.query('BEGIN');
      await new PgEventWrites(late as unknown as Db).append(event('ev_late'));
      // `early` appends and commits: done while `late` runs, it would take the larger seq.
      const earlyDone = (async () => {
        await new PgEventWrites(early as unknown as Db).append(event('ev_early'));
        await early.query('COMMIT');
      })();
      // Read while `early` has either committed or is waiting for `late`: whichever, a reader
      // must not be handed an event past one that can still appear.
      const seen: string[] = [];
      let cursor = 0;
      const readAll = async () => {
        const page = await reader.after({ after: cursor, limit: 100 });
        seen.push(...page.map((row) => row.id));
        if (page.length > 0) cursor = page.at(-1)!.seq;
      };
      await waitForLockOrCommit(pool, earlyDone);
      await readAll();
      await late.query('COMMIT');
      await earlyDone;
      await readAll();
      assert.deepEqual(seen.sort(), ['ev_early', 'ev_late']);
    } finally {
      early.release();
      late.release();
      await pool.end();
      await database.drop();
    }
  });
});

/** Resolves once `done` settled or some backend waits on a lock (the append lock). */
async function waitForLockOrCommit(pool: pg.Pool, done: Promise<void>): Promise<void> {
  let settled = false;
  void done.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (;;) {
    if (settled) return;
    const { rows } = await pool.query(
      `SELECT 1 FROM pg_locks WHERE NOT granted AND locktype = 'advisory'
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
