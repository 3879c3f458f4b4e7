import type Database from 'better-sqlite3';
import { StorageError } from '../storage-error.js';
import type { Migration } from './columns.js';
import { eventsMigration } from './events.js';
import { expertsMigration, topicIndexMigration } from './experts.js';
import { healthMigration } from './health.js';
import { idempotencyTables } from './idempotency.js';
import { ideasMigration, trendingMigration } from './ideas.js';
import { insightsMigration, weeklyInsightsMigration, rankedTopMigration } from './insights.js';
import { caseOrderMigration, moderationMigration } from './moderation.js';
import { notificationsMigration } from './notifications.js';
import { questionTables } from './questions.js';
import { ratingsMigration } from './ratings.js';
import { reviewsMigration } from './reviews.js';
import { scopedTextMigration, textTables } from './text.js';
import { votesTables } from './votes.js';
import { webhooksMigration } from './webhooks.js';

/**
 * Forward-only schema changes, applied in order and recorded in `schema_migrations`; each
 * feature's file owns its part. Never edit or reorder a released migration: add a new one.
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
  scopedTextMigration,
  trendingMigration,
  topicIndexMigration,
  healthMigration,
  moderationMigration,
  eventsMigration,
  notificationsMigration,
  insightsMigration,
  webhooksMigration,
  weeklyInsightsMigration,
  rankedTopMigration,
  caseOrderMigration,
];

export function currentVersion(db: Database.Database): number {
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

/**
 * Applies the migrations the file has not seen, each in its own immediate transaction so
 * two processes starting at once cannot both apply one. Returns the version found before.
 */
export function migrate(db: Database.Database): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const found = currentVersion(db);
  const newest = Math.max(0, ...migrations.map((migration) => migration.version));
  if (found > newest) {
    throw new StorageError(
      `${db.name} is at schema version ${found}, newer than this server knows (${newest}): ` +
        'run a newer server (migrations only go forward), or restore a backup made before the upgrade.',
    );
  }
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const isApplied = db.prepare<[number], unknown>(
    'SELECT 1 FROM schema_migrations WHERE version = ?',
  );
  for (const migration of migrations) {
    const apply = db.transaction(() => {
      // Re-read inside the lock: another process may have applied it meanwhile. By version,
      // not by the highest one: numbers are claimed by parallel branches (2 Q&A, 3 reviews,
      // 4 ideas), and a database made before a lower number merged still needs it.
      if (isApplied.get(migration.version) !== undefined) return;
      db.exec(migration.sql);
      migration.run?.(db);
      record.run(migration.version, migration.name, Date.now());
    });
    apply.immediate();
  }
  return found;
}
