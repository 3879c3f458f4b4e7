import type Database from 'better-sqlite3';
import {
  type HistoryCursor,
  type HistoryKind,
  type InsightBucket,
  type InsightBucketQuery,
  type InsightTopQuery,
  type InsightHistory,
  type InsightStoreReader,
  type InsightStoreWriter,
} from '../../domain/insight-store.js';
import * as stored from '../rows/insights.js';
import type { Migration } from './columns.js';

/**
 * Migration 14: the insights' aggregates. `insight_buckets_top` serves rankings (a week's
 * largest counters) and `insight_open_oldest` the oldest unanswered questions, so no insight
 * reads more than the days and scopes it asks for.
 */
export const insightsMigration: Migration = {
  version: 14,
  name: 'insights aggregates',
  sql: `CREATE TABLE insight_buckets (
    metric TEXT NOT NULL,
    scope TEXT NOT NULL,
    day INTEGER NOT NULL,
    key TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (metric, scope, day, key)
  ) WITHOUT ROWID;
  CREATE INDEX insight_buckets_top ON insight_buckets (metric, scope, day, value DESC, key);
  CREATE TABLE insight_entities (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    parent TEXT,
    state TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  ) WITHOUT ROWID;
  CREATE INDEX insight_entities_parent ON insight_entities (kind, parent) WHERE parent IS NOT NULL;
  CREATE TABLE insight_open_questions (
    scope TEXT NOT NULL,
    question_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (scope, question_id)
  ) WITHOUT ROWID;
  CREATE INDEX insight_open_oldest ON insight_open_questions (scope, at, question_id);
  CREATE INDEX insight_open_question ON insight_open_questions (question_id);`,
};

/** Migration 16: weekly topic and endorsement counters (`rows/insights.ts`). */
export const weeklyInsightsMigration: Migration = {
  version: 16,
  name: 'insights: weekly topic and endorsement counters',
  sql: stored.weeklyInsightsSql,
};

/** `RANKED_METRICS` (insight-aggregates.ts), as SQL: the partial index and its query name them alike. */
const RANKED = `'ratings.rank', 'topics.rank', 'answers.by'`;

/**
 * Migration 17: only ranked counters are indexed by value. Every counter a write changed moved
 * in `insight_buckets_top` too, a quarter of the pages a rating's transaction wrote (18 per
 * write, 13.5 without the index), for rankings that only ever read three metrics.
 */
export const rankedTopMigration: Migration = {
  version: 17,
  name: 'insights: value index for ranked metrics only',
  sql: `DROP INDEX insight_buckets_top;
  CREATE INDEX insight_buckets_top ON insight_buckets (metric, scope, day, value DESC, key)
    WHERE metric IN ('ratings.rank', 'topics.rank', 'answers.by');`,
};

export class SqliteInsightReads implements InsightStoreReader {
  private readonly bucketsOf: Database.Statement<
    [string, string, number, number],
    stored.BucketColumns
  >;
  private readonly keysOf: Database.Statement<
    [string, string, string, string],
    stored.BucketColumns
  >;
  private readonly topOf: Database.Statement<
    [string, string, number, number],
    stored.BucketColumns
  >;
  private readonly entityOf: Database.Statement<[string, string], { state: string }>;
  private readonly childrenOf: Database.Statement<[string, string], { id: string; state: string }>;
  private readonly oldest: Database.Statement<
    [string, number],
    { question_id: string; at: number }
  >;

  constructor(db: Database.Database) {
    // Scopes, days and keys arrive as JSON arrays; CROSS JOIN makes them the outer loops, so
    // each (scope[, day, key]) is one descent of the primary key inside SQLite, in one call.
    // A plain IN let the planner scan the days' every row; a call per scope or per lookup
    // from JavaScript cost ~5 µs each, most of a ranking's time.
    this.bucketsOf = db.prepare(
      `SELECT b.metric, b.scope, b.day, b.key, b.value
       FROM json_each(?) AS s CROSS JOIN insight_buckets AS b
       WHERE b.metric = ? AND b.scope = s.value AND b.day BETWEEN ? AND ?`,
    );
    this.keysOf = db.prepare(
      `SELECT b.metric, b.scope, b.day, b.key, b.value
       FROM json_each(?) AS s CROSS JOIN json_each(?) AS d CROSS JOIN json_each(?) AS k
         CROSS JOIN insight_buckets AS b
       WHERE b.metric = ? AND b.scope = s.value AND b.day = d.value AND b.key = k.value`,
    );
    this.topOf = db.prepare(
      // Without statistics the planner takes the primary key and sorts the whole week.
      // The IN term, as the partial index names it, is what lets the planner use the index.
      `SELECT ${stored.BUCKET_COLUMNS} FROM insight_buckets INDEXED BY insight_buckets_top
       WHERE metric = ? AND scope = ? AND day = ? AND metric IN (${RANKED})
       ORDER BY value DESC, key LIMIT ?`,
    );
    this.entityOf = db.prepare('SELECT state FROM insight_entities WHERE kind = ? AND id = ?');
    this.childrenOf = db.prepare(
      'SELECT id, state FROM insight_entities WHERE kind = ? AND parent = ? ORDER BY id',
    );
    this.oldest = db.prepare(
      'SELECT question_id, at FROM insight_open_questions WHERE scope = ? ORDER BY at, question_id LIMIT ?',
    );
  }

  async buckets({ metric, scopes, fromDay, toDay, keys }: InsightBucketQuery) {
    const inScopes = JSON.stringify(scopes);
    const rows = keys
      ? this.keysOf.all(
          inScopes,
          JSON.stringify(Array.from({ length: toDay - fromDay + 1 }, (_, i) => fromDay + i)),
          JSON.stringify(keys),
          metric,
        )
      : this.bucketsOf.all(inScopes, metric, fromDay, toDay);
    return rows.map(stored.bucketFromColumns);
  }

  async top({ metric, scope, day, limit }: InsightTopQuery) {
    return this.topOf.all(metric, scope, day, limit).map(stored.bucketFromColumns);
  }

  async entity<T>(kind: string, id: string): Promise<T | undefined> {
    const row = this.entityOf.get(kind, id);
    return row && stored.stateFromColumns<T>(row);
  }

  async children<T>(kind: string, parent: string): Promise<Array<{ id: string; state: T }>> {
    return this.childrenOf.all(kind, parent).map(stored.childFromColumns<T>);
  }

  async oldestOpen(scope: string, limit: number): Promise<Array<{ questionId: string; at: Date }>> {
    return this.oldest.all(scope, limit).map(stored.openFromColumns);
  }
}

/**
 * The insights' reads outside transactions, each statement in a turn of the event loop of
 * its own. An insight is tens of statements (the experts insight about 30, 5–7 ms on
 * bench:scale's large community); run back to back they held every visitor's request that
 * arrived meanwhile (a ratings read's p99 beside two dashboards: 20 ms). Between two turns
 * the server answers those requests. The price: a write may commit between two statements
 * of one insight, whose figures may then differ by that write. Never for a transaction's
 * reads: those must not let another request in between.
 */
export class InsightReadsInTurns implements InsightStoreReader {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly reads: InsightStoreReader) {}

  /** After the statements queued before it, in the loop's next turn (past the I/O waiting). */
  #turn<T>(read: () => Promise<T>): Promise<T> {
    const turn = this.#queue
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(read);
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  buckets(query: InsightBucketQuery) {
    return this.#turn(() => this.reads.buckets(query));
  }

  top(query: InsightTopQuery) {
    return this.#turn(() => this.reads.top(query));
  }

  entity<T>(kind: string, id: string) {
    return this.#turn(() => this.reads.entity<T>(kind, id));
  }

  children<T>(kind: string, parent: string) {
    return this.#turn(() => this.reads.children<T>(kind, parent));
  }

  oldestOpen(scope: string, limit: number) {
    return this.#turn(() => this.reads.oldestOpen(scope, limit));
  }
}

class SqliteInsightHistory implements InsightHistory {
  private readonly pages = new Map<
    HistoryKind,
    Database.Statement<unknown[], Record<string, unknown>>
  >();

  constructor(private readonly db: Database.Database) {}

  async page<K extends HistoryKind>(kind: K, after: HistoryCursor | null, limit: number) {
    let statement = this.pages.get(kind);
    if (!statement) this.pages.set(kind, (statement = this.db.prepare(stored.HISTORY_SQL[kind])));
    return stored.historyPage(
      kind,
      statement.all(...(after ?? stored.HISTORY_START[kind]), limit),
      limit,
    );
  }

  async employeePosts(): Promise<Set<string>> {
    const rows = this.db
      .prepare<[], { kind: string; id: string }>(
        "SELECT kind, id FROM insight_entities WHERE json_extract(state, '$.employee') = 1",
      )
      .all();
    return new Set(rows.map((row) => `${row.kind}|${row.id}`));
  }
}

/**
 * A flush also runs once this many deltas wait (a rebuild adds every bucket of the history in
 * one transaction): the temporary table stays small.
 */
const DELTAS_BEFORE_FLUSH = 10_000;

/**
 * Counters move through a temporary table of deltas: `add` appends (no index, no lookup),
 * and `flush` — before a group of writes commits (`SqliteStore.commitGroup`) or before the
 * writer reads a bucket — sums them per bucket and writes each bucket once. The writes of a
 * group move the same counters (today's ratings, this week's active people): a rating
 * write's seven upserts of indexed rows were the largest part of its CPU. The deltas are in
 * the transaction like everything else: a write that rolls back to its savepoint takes its
 * deltas with it, and a flush inside a write that then rolls back is undone together with
 * the deltas it consumed.
 */
export class SqliteInsightWrites extends SqliteInsightReads implements InsightStoreWriter {
  private readonly addDelta: Database.Statement<unknown[]>;
  private readonly applyDeltas: Database.Statement<[]>;
  private readonly dropZeros: Database.Statement<[]>;
  private readonly forgetDeltas: Database.Statement<[]>;
  private readonly saveEntity: Database.Statement<unknown[]>;
  private readonly deleteEntity: Database.Statement<unknown[]>;
  private readonly closeQuestion: Database.Statement<unknown[]>;
  private readonly openQuestion: Database.Statement<unknown[]>;
  /**
   * Deltas added since the last flush, for `DELTAS_BEFORE_FLUSH` only: a rollback to a
   * savepoint can take deltas away or bring back ones a flush had consumed, so `flush` never
   * trusts it to say the table is empty.
   */
  private waitingDeltas = 0;
  readonly history: InsightHistory;

  constructor(private readonly db: Database.Database) {
    super(db);
    this.history = new SqliteInsightHistory(db);
    db.pragma('temp_store = MEMORY');
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS insight_deltas (
      metric TEXT NOT NULL, scope TEXT NOT NULL, day INTEGER NOT NULL, key TEXT NOT NULL,
      value INTEGER NOT NULL
    )`);
    this.addDelta = db.prepare(
      `INSERT INTO temp.insight_deltas (${stored.BUCKET_COLUMNS}) VALUES (?, ?, ?, ?, ?)`,
    );
    // `WHERE true`: SQLite's parser needs a WHERE before an upsert's ON CONFLICT in INSERT … SELECT.
    this.applyDeltas = db.prepare(
      `INSERT INTO main.insight_buckets (${stored.BUCKET_COLUMNS})
       SELECT metric, scope, day, key, SUM(value) FROM temp.insight_deltas WHERE true
       GROUP BY metric, scope, day, key HAVING SUM(value) <> 0
       ON CONFLICT (metric, scope, day, key) DO UPDATE SET value = value + excluded.value`,
    );
    this.dropZeros = db.prepare(
      `DELETE FROM main.insight_buckets WHERE value = 0 AND (metric, scope, day, key) IN (
         SELECT metric, scope, day, key FROM temp.insight_deltas
         GROUP BY metric, scope, day, key HAVING SUM(value) < 0)`,
    );
    this.forgetDeltas = db.prepare('DELETE FROM temp.insight_deltas');
    this.saveEntity = db.prepare(
      `INSERT INTO insight_entities (kind, id, parent, state) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, id) DO UPDATE SET parent = excluded.parent, state = excluded.state`,
    );
    this.deleteEntity = db.prepare('DELETE FROM insight_entities WHERE kind = ? AND id = ?');
    this.closeQuestion = db.prepare('DELETE FROM insight_open_questions WHERE question_id = ?');
    this.openQuestion = db.prepare(
      'INSERT INTO insight_open_questions (scope, question_id, at) VALUES (?, ?, ?)',
    );
  }

  async add(rows: readonly InsightBucket[]): Promise<void> {
    for (const row of rows) this.addDelta.run(...stored.bucketToValues(row));
    this.waitingDeltas += rows.length;
    if (this.waitingDeltas >= DELTAS_BEFORE_FLUSH) this.flush();
  }

  /** Writes the waiting deltas into the buckets, each bucket once; a bucket at 0 is removed. */
  flush(): void {
    this.applyDeltas.run();
    this.dropZeros.run();
    this.forgetDeltas.run();
    this.waitingDeltas = 0;
  }

  override async buckets(query: InsightBucketQuery): Promise<InsightBucket[]> {
    this.flush();
    return super.buckets(query);
  }

  override async top(query: InsightTopQuery): Promise<InsightBucket[]> {
    this.flush();
    return super.top(query);
  }

  async putEntity(kind: string, id: string, parent: string | null, state: unknown): Promise<void> {
    if (state === null) this.deleteEntity.run(kind, id);
    else this.saveEntity.run(kind, id, parent, JSON.stringify(state));
  }

  async setOpen(questionId: string, scopes: readonly string[], at: Date | null): Promise<void> {
    this.closeQuestion.run(questionId);
    if (at === null) return;
    for (const scope of new Set(scopes)) this.openQuestion.run(scope, questionId, at.getTime());
  }

  async clear(): Promise<void> {
    this.db.exec(
      'DELETE FROM temp.insight_deltas; DELETE FROM insight_buckets; DELETE FROM insight_entities; DELETE FROM insight_open_questions;',
    );
    this.waitingDeltas = 0;
  }
}
