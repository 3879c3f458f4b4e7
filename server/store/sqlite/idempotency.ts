import type Database from 'better-sqlite3';
import type { IdempotencyRecord, IdempotencyStore } from '../../domain/idempotency.js';
import type { IdempotencyColumns } from '../rows/idempotency.js';

/** Part of migration 2: shared by every creating operation (server/domain/idempotency.ts). */
export const idempotencyTables = `
      CREATE TABLE idempotency_keys (
        user_id TEXT NOT NULL,
        key TEXT NOT NULL,
        operation TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        response TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, key)
      ) WITHOUT ROWID;
      CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
`;

export class SqliteIdempotency implements IdempotencyStore {
  private readonly select: Database.Statement<[string, string], IdempotencyColumns>;
  private readonly insert: Database.Statement<[string, string, string, string, string, number]>;
  private readonly pruneOlder: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT * FROM idempotency_keys WHERE user_id = ? AND key = ?');
    this.insert = db.prepare(
      `INSERT OR REPLACE INTO idempotency_keys
       (user_id, key, operation, fingerprint, response, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.pruneOlder = db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?');
  }

  async get(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = this.select.get(userId, key);
    return (
      row && {
        userId: row.user_id,
        key: row.key,
        operation: row.operation,
        fingerprint: row.fingerprint,
        response: row.response,
        createdAt: new Date(row.created_at),
      }
    );
  }

  async save(record: IdempotencyRecord): Promise<void> {
    this.insert.run(
      record.userId,
      record.key,
      record.operation,
      record.fingerprint,
      record.response,
      record.createdAt.getTime(),
    );
  }

  async prune(before: Date): Promise<void> {
    this.pruneOlder.run(before.getTime());
  }
}
