import type {
  InsightBucket,
  InsightBucketQuery,
  InsightStoreReader,
  InsightStoreWriter,
} from '../../domain/insight-store.js';
import { one, sql, type Db, type Migration } from './columns.js';

/** Migration 14: the insights' aggregates (see the SQLite store's for the indexes' jobs). */
export const insightsMigration: Migration = {
  version: 14,
  name: 'insights aggregates',
  sql: `CREATE TABLE insight_buckets (
    metric TEXT NOT NULL,
    scope TEXT NOT NULL,
    day INTEGER NOT NULL,
    key TEXT NOT NULL,
    value BIGINT NOT NULL,
    PRIMARY KEY (metric, scope, day, key)
  );
  CREATE INDEX insight_buckets_top ON insight_buckets (metric, scope, day, value DESC, key);
  CREATE TABLE insight_entities (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    parent TEXT,
    state JSONB NOT NULL,
    PRIMARY KEY (kind, id)
  );
  CREATE INDEX insight_entities_parent ON insight_entities (kind, parent) WHERE parent IS NOT NULL;
  CREATE TABLE insight_open_questions (
    scope TEXT NOT NULL,
    question_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (scope, question_id)
  );
  CREATE INDEX insight_open_oldest ON insight_open_questions (scope, at, question_id);
  CREATE INDEX insight_open_question ON insight_open_questions (question_id);`,
};

export class PgInsightReads implements InsightStoreReader {
  constructor(protected readonly db: Db) {}

  async buckets({
    metric,
    scopes,
    fromDay,
    toDay,
    keys,
  }: InsightBucketQuery): Promise<InsightBucket[]> {
    if (scopes.length === 0) return [];
    if (!keys) {
      return sql<InsightBucket>(
        this.db,
        `SELECT metric, scope, day, key, value FROM insight_buckets
         WHERE metric = $1 AND scope = ANY($2::text[]) AND day BETWEEN $3 AND $4`,
        [metric, [...scopes], fromDay, toDay],
      );
    }
    // Days and keys as arrays: one index descent per (day, key), not the days' every row.
    const days = Array.from({ length: toDay - fromDay + 1 }, (_, i) => fromDay + i);
    return sql<InsightBucket>(
      this.db,
      `SELECT metric, scope, day, key, value FROM insight_buckets
       WHERE metric = $1 AND scope = ANY($2::text[]) AND day = ANY($3::int[]) AND key = ANY($4::text[])`,
      [metric, [...scopes], days, [...keys]],
    );
  }

  async top({
    metric,
    scope,
    day,
    limit,
  }: {
    metric: string;
    scope: string;
    day: number;
    limit: number;
  }) {
    return sql<InsightBucket>(
      this.db,
      `SELECT metric, scope, day, key, value FROM insight_buckets
       WHERE metric = $1 AND scope = $2 AND day = $3 ORDER BY value DESC, key LIMIT $4`,
      [metric, scope, day, limit],
    );
  }

  async entity<T>(kind: string, id: string): Promise<T | undefined> {
    const row = await one<{ state: T }>(
      this.db,
      'SELECT state FROM insight_entities WHERE kind = $1 AND id = $2',
      [kind, id],
    );
    return row?.state;
  }

  async children<T>(kind: string, parent: string): Promise<Array<{ id: string; state: T }>> {
    return sql<{ id: string; state: T }>(
      this.db,
      'SELECT id, state FROM insight_entities WHERE kind = $1 AND parent = $2 ORDER BY id',
      [kind, parent],
    );
  }

  async oldestOpen(scope: string, limit: number): Promise<Array<{ questionId: string; at: Date }>> {
    const rows = await sql<{ question_id: string; at: number }>(
      this.db,
      'SELECT question_id, at FROM insight_open_questions WHERE scope = $1 ORDER BY at, question_id LIMIT $2',
      [scope, limit],
    );
    return rows.map((row) => ({ questionId: row.question_id, at: new Date(row.at) }));
  }
}

export class PgInsightWrites extends PgInsightReads implements InsightStoreWriter {
  async add(rows: readonly InsightBucket[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = [
      rows.map((r) => r.metric),
      rows.map((r) => r.scope),
      rows.map((r) => r.day),
      rows.map((r) => r.key),
      rows.map((r) => r.value),
    ];
    // One statement for the whole change; the rows are already summed per counter, so no
    // counter is touched twice by it.
    await sql(
      this.db,
      `INSERT INTO insight_buckets (metric, scope, day, key, value)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::bigint[])
       ON CONFLICT (metric, scope, day, key)
       DO UPDATE SET value = insight_buckets.value + excluded.value`,
      columns,
    );
    if (rows.some((r) => r.value < 0)) {
      await sql(
        this.db,
        `DELETE FROM insight_buckets b USING unnest($1::text[], $2::text[], $3::int[], $4::text[]) AS z(metric, scope, day, key)
         WHERE b.metric = z.metric AND b.scope = z.scope AND b.day = z.day AND b.key = z.key AND b.value = 0`,
        columns.slice(0, 4),
      );
    }
  }

  async putEntity(kind: string, id: string, parent: string | null, state: unknown): Promise<void> {
    if (state === null) {
      await sql(this.db, 'DELETE FROM insight_entities WHERE kind = $1 AND id = $2', [kind, id]);
      return;
    }
    await sql(
      this.db,
      `INSERT INTO insight_entities (kind, id, parent, state) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (kind, id) DO UPDATE SET parent = excluded.parent, state = excluded.state`,
      [kind, id, parent, JSON.stringify(state)],
    );
  }

  async setOpen(questionId: string, scopes: readonly string[], at: Date | null): Promise<void> {
    await sql(this.db, 'DELETE FROM insight_open_questions WHERE question_id = $1', [questionId]);
    if (at === null || scopes.length === 0) return;
    await sql(
      this.db,
      `INSERT INTO insight_open_questions (scope, question_id, at)
       SELECT DISTINCT s, $2, $3::bigint FROM unnest($1::text[]) AS s`,
      [[...scopes], questionId, at.getTime()],
    );
  }
}
