import { one, sql, type Db, type Migration } from './columns.js';

/**
 * Migration 1001 (Postgres only; such changes number from 1001 so SQLite's numbers stay
 * shared): request counters of the rate limits, shared by every instance. UNLOGGED: a
 * counter is worth less than the WAL write it would cost, and a crash only resets limits.
 */
export const rateLimitsMigration: Migration = {
  version: 1001,
  name: 'rate-limit counters shared by instances',
  sql: `
    CREATE UNLOGGED TABLE rate_limits (
      key TEXT PRIMARY KEY,
      count INTEGER NOT NULL,
      expires_at BIGINT NOT NULL
    );
    CREATE INDEX rate_limits_by_expiry ON rate_limits (expires_at);
  `,
};

/** The database's clock in epoch ms, so instances with skewed clocks share one window. */
const NOW = '(extract(epoch from clock_timestamp()) * 1000)::bigint';

/** Expired counters are removed every this many increments, by whoever makes that one. */
const PRUNE_EVERY = 1000;

/**
 * A fixed window per key, counted in one statement outside any transaction: the upsert's
 * row lock orders concurrent increments from every instance, so each sees its own count.
 */
export class PgRateLimits {
  private increments = 0;

  constructor(private readonly db: Db) {}

  async increment(key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
    this.increments += 1;
    if (this.increments % PRUNE_EVERY === 0) {
      await sql(this.db, `DELETE FROM rate_limits WHERE expires_at <= ${NOW}`);
    }
    const row = await one<{ current: number; ttl: number }>(
      this.db,
      `INSERT INTO rate_limits AS r (key, count, expires_at) VALUES ($1, 1, ${NOW} + $2)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN r.expires_at <= ${NOW} THEN 1 ELSE r.count + 1 END,
         expires_at = CASE WHEN r.expires_at <= ${NOW} THEN ${NOW} + $2 ELSE r.expires_at END
       RETURNING count AS current, greatest(expires_at - ${NOW}, 0) AS ttl`,
      [key, windowMs],
    );
    return row!;
  }
}
