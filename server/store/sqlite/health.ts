import type Database from 'better-sqlite3';
import type { Migration } from './columns.js';

/** The scratch table `/api/healthz` writes to prove the store can still write. */
export const healthMigration: Migration = {
  version: 9,
  name: 'health probe scratch table',
  sql: `CREATE TABLE health_probe (
    id INTEGER PRIMARY KEY,
    checked_at INTEGER NOT NULL,
    pad BLOB NOT NULL
  );`,
};

/**
 * A write that fails when real writes would: a row bigger than a page (so the file must
 * find or grow free pages, which a full disk or a size cap refuses), deleted again in the
 * same transaction so the file does not grow, and committed, so the WAL is written (which a
 * read-only file or directory refuses). Run inside the store's own write transaction.
 */
export class SqliteHealthProbe {
  private readonly insert: Database.Statement<[number]>;
  private readonly remove: Database.Statement<[number | bigint]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO health_probe (checked_at, pad) VALUES (?, zeroblob(8192))',
    );
    this.remove = db.prepare('DELETE FROM health_probe WHERE id = ?');
  }

  run(): void {
    const { lastInsertRowid } = this.insert.run(Date.now());
    this.remove.run(lastInsertRowid);
  }
}
