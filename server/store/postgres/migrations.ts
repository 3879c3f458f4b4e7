import type pg from 'pg';
import type { Migration } from './columns.js';
import { eventsMigration } from './events.js';
import { notificationsMigration } from './notifications.js';
import { expertsMigration, topicIndexMigration } from './experts.js';
import { idempotencyTables } from './idempotency.js';
import { healthMigration } from './health.js';
import { ideasMigration, trendingMigration } from './ideas.js';
import { insightsMigration, weeklyInsightsMigration } from './insights.js';
import { moderationMigration } from './moderation.js';
import { questionTables } from './questions.js';
import { rateLimitsMigration } from './rate-limits.js';
import { ratingsMigration } from './ratings.js';
import { reviewsMigration } from './reviews.js';
import { textStatsMigration, textTables } from './text.js';
import { votesTables } from './votes.js';
import { webhooksMigration } from './webhooks.js';

/**
 * Forward-only schema changes, applied in order and recorded in `schema_migrations`; each
 * feature's file owns its part. Versions are SQLite's (server/store/sqlite/migrations.ts),
 * so a feature's change carries one number in both stores; a Postgres database always starts
 * at 0 with this code, so no migration here converts data an older layout held. Changes
 * only Postgres has take numbers from 1001 up.
 * Never edit or reorder a released migration: add a new one.
 */
export const migrations: readonly Migration[] = [
  ratingsMigration,
  {
    version: 2,
    name: 'idempotency keys, text index, votes; questions and answers',
    sql: idempotencyTables + textTables + votesTables + questionTables,
  },
  reviewsMigration,
  ideasMigration,
  expertsMigration,
  textStatsMigration,
  trendingMigration,
  topicIndexMigration,
  healthMigration,
  moderationMigration,
  rateLimitsMigration,
  eventsMigration,
  notificationsMigration,
  insightsMigration,
  webhooksMigration,
  weeklyInsightsMigration,
];

/** Any number, so long as no other program takes this advisory lock on the database. */
const MIGRATION_LOCK = 0x0c0_1313;

/**
 * Applies the migrations the database has not seen, each in its own transaction, under an
 * advisory lock so instances starting at once apply each exactly once. Returns the version
 * found before and the version after.
 */
export async function migrate(client: pg.ClientBase): Promise<{ found: number; now: number }> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at BIGINT NOT NULL
    )`);
    const applied = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (row) => row.version,
      ),
    );
    const found = Math.max(0, ...applied);
    const newest = Math.max(...migrations.map((migration) => migration.version));
    // By set, not by the highest number: Postgres-only changes number from 1001.
    const unknown = [...applied].filter((v) => !migrations.some((m) => m.version === v));
    if (unknown.length > 0) {
      throw new Error(
        `The database has schema changes ${unknown.join(', ')}, which this server does not know. ` +
          'Run a newer server; migrations only go forward.',
      );
    }
    for (const migration of migrations) {
      // By version, not by the highest one: numbers are claimed by parallel branches.
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(
          'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
          [migration.version, migration.name, Date.now()],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return { found, now: Math.max(found, newest) };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
