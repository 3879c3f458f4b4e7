import type {
  HistoryCursor,
  HistoryKind,
  InsightBucket,
  InsightBucketQuery,
  InsightTopQuery,
  InsightHistory,
  InsightStoreReader,
  InsightStoreWriter,
} from '../../domain/insight-store.js';
import * as stored from '../rows/insights.js';
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

/** Migration 16: weekly topic and endorsement counters (`rows/insights.ts`). */
export const weeklyInsightsMigration: Migration = {
  version: 16,
  name: 'insights: weekly topic and endorsement counters',
  sql: stored.weeklyInsightsSql,
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
      const rows = await sql<stored.BucketColumns>(
        this.db,
        `SELECT ${stored.BUCKET_COLUMNS} FROM insight_buckets
         WHERE metric = $1 AND scope = ANY($2::text[]) AND day BETWEEN $3 AND $4`,
        [metric, [...scopes], fromDay, toDay],
      );
      return rows.map(stored.bucketFromColumns);
    }
    // Days and keys as arrays: one index descent per (day, key), not the days' every row.
    const days = Array.from({ length: toDay - fromDay + 1 }, (_, i) => fromDay + i);
    const rows = await sql<stored.BucketColumns>(
      this.db,
      `SELECT ${stored.BUCKET_COLUMNS} FROM insight_buckets
       WHERE metric = $1 AND scope = ANY($2::text[]) AND day = ANY($3::int[]) AND key = ANY($4::text[])`,
      [metric, [...scopes], days, [...keys]],
    );
    return rows.map(stored.bucketFromColumns);
  }

  async top({ metric, scope, day, limit }: InsightTopQuery) {
    const rows = await sql<stored.BucketColumns>(
      this.db,
      `SELECT ${stored.BUCKET_COLUMNS} FROM insight_buckets
       WHERE metric = $1 AND scope = $2 AND day = $3 ORDER BY value DESC, key LIMIT $4`,
      [metric, scope, day, limit],
    );
    return rows.map(stored.bucketFromColumns);
  }

  async entity<T>(kind: string, id: string): Promise<T | undefined> {
    const row = await one<{ state: T }>(
      this.db,
      'SELECT state FROM insight_entities WHERE kind = $1 AND id = $2',
      [kind, id],
    );
    return row && stored.stateFromColumns<T>(row);
  }

  async children<T>(kind: string, parent: string): Promise<Array<{ id: string; state: T }>> {
    const rows = await sql<{ id: string; state: T }>(
      this.db,
      'SELECT id, state FROM insight_entities WHERE kind = $1 AND parent = $2 ORDER BY id',
      [kind, parent],
    );
    return rows.map(stored.childFromColumns<T>);
  }

  async oldestOpen(scope: string, limit: number): Promise<Array<{ questionId: string; at: Date }>> {
    const rows = await sql<{ question_id: string; at: number }>(
      this.db,
      'SELECT question_id, at FROM insight_open_questions WHERE scope = $1 ORDER BY at, question_id LIMIT $2',
      [scope, limit],
    );
    return rows.map(stored.openFromColumns);
  }
}

/** `?` placeholders numbered as Postgres wants them. */
const numbered = (text: string) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${(n += 1)}`);
};

class PgInsightHistory implements InsightHistory {
  constructor(private readonly db: Db) {}

  async page<K extends HistoryKind>(kind: K, after: HistoryCursor | null, limit: number) {
    const rows = await sql<Record<string, unknown>>(this.db, numbered(stored.HISTORY_SQL[kind]), [
      ...(after ?? stored.HISTORY_START[kind]),
      limit,
    ]);
    return stored.historyPage(kind, rows, limit);
  }

  async employeePosts(): Promise<Set<string>> {
    const rows = await sql<{ kind: string; id: string }>(
      this.db,
      "SELECT kind, id FROM insight_entities WHERE state->>'employee' = 'true'",
    );
    return new Set(rows.map((row) => `${row.kind}|${row.id}`));
  }
}

export class PgInsightWrites extends PgInsightReads implements InsightStoreWriter {
  readonly history: InsightHistory = new PgInsightHistory(this.db);

  async add(rows: readonly InsightBucket[]): Promise<void> {
    if (rows.length === 0) return;
    const values = rows.map(stored.bucketToValues);
    const columns = [0, 1, 2, 3, 4].map((i) => values.map((row) => row[i]));
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

  async clear(): Promise<void> {
    // Taken first, so event-writing transactions wait for the rebuild rather than interleave.
    await sql(
      this.db,
      'LOCK TABLE insight_buckets, insight_entities, insight_open_questions IN EXCLUSIVE MODE',
    );
    await sql(this.db, 'DELETE FROM insight_buckets');
    await sql(this.db, 'DELETE FROM insight_entities');
    await sql(this.db, 'DELETE FROM insight_open_questions');
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
