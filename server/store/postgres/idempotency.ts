import type { IdempotencyRecord, IdempotencyStore } from '../../domain/idempotency.js';
import { one, sql, type Db } from './columns.js';
import type { IdempotencyColumns } from '../rows/idempotency.js';

/** Part of migration 2: shared by every creating operation (server/domain/idempotency.ts). */
export const idempotencyTables = `
      CREATE TABLE idempotency_keys (
        user_id TEXT NOT NULL,
        key TEXT NOT NULL,
        operation TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        response TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (user_id, key)
      );
      CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
`;

/**
 * Kept in the database, not per process: a retry may reach another instance, and the key's
 * lookup and recording share the creating transaction, so duplicates racing on two
 * instances conflict there and one of them is retried (see ADR 012).
 */
export class PgIdempotency implements IdempotencyStore {
  constructor(private readonly db: Db) {}

  async get(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = await one<IdempotencyColumns>(
      this.db,
      'SELECT * FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [userId, key],
    );
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
    await sql(
      this.db,
      `INSERT INTO idempotency_keys (user_id, key, operation, fingerprint, response, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id, key) DO UPDATE SET operation = excluded.operation,
         fingerprint = excluded.fingerprint, response = excluded.response,
         created_at = excluded.created_at`,
      [
        record.userId,
        record.key,
        record.operation,
        record.fingerprint,
        record.response,
        record.createdAt.getTime(),
      ],
    );
  }

  async prune(before: Date): Promise<void> {
    await sql(this.db, 'DELETE FROM idempotency_keys WHERE created_at < $1', [before.getTime()]);
  }
}
