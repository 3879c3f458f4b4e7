import { sql, type Db, type Migration } from './columns.js';

/** The scratch table `/api/healthz` writes to prove the store can still write (as SQLite's 9). */
export const healthMigration: Migration = {
  version: 9,
  name: 'health probe scratch table',
  sql: `CREATE TABLE health_probe (
    id BIGSERIAL PRIMARY KEY,
    checked_at BIGINT NOT NULL,
    pad BYTEA NOT NULL
  )`,
};

/**
 * A write that fails when real writes would: a row bigger than a page (so the table must
 * find room, which a full disk refuses), deleted again in the same transaction, and
 * committed (so the WAL is flushed, which a read-only or failing server refuses).
 */
export async function runHealthProbe(db: Db): Promise<void> {
  // Two statements: a data-modifying CTE's DELETE would not see the row its INSERT made.
  const [row] = await sql<{ id: string }>(
    db,
    `INSERT INTO health_probe (checked_at, pad) VALUES ($1, decode(repeat('00', 8192), 'hex'))
     RETURNING id`,
    [Date.now()],
  );
  await sql(db, 'DELETE FROM health_probe WHERE id = $1', [row!.id]);
}
