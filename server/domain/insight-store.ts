/**
 * The insights' aggregates (`insights.ts`): counters in daily (or weekly) buckets, the state
 * each counted thing was last counted with, and the index of open questions. A query reads
 * only buckets of the days and scopes it asks for, so it costs the same at 1k or 1M rows.
 */
export interface InsightBucket {
  /** What is counted: `ratings`, `questions`, `ideas`, `people`, … (`insight-aggregates.ts`). */
  metric: string;
  /** `*` (the whole community), `subject:<id>`, `board:<id>` or `topic:<name>`. */
  scope: string;
  /** Days since 1970-01-01 (UTC); weekly metrics use the Monday of their week. */
  day: number;
  /** Which counter of the bucket: `asked`, `s4`, a person's id, … */
  key: string;
  value: number;
}

export interface InsightBucketQuery {
  metric: string;
  scopes: readonly string[];
  /** Inclusive day range. */
  fromDay: number;
  toDay: number;
  /** Only these keys (all when absent). */
  keys?: readonly string[] | undefined;
}

/** The insights' reads; `StoreReader.insights`. */
export interface InsightStoreReader {
  buckets(query: InsightBucketQuery): Promise<InsightBucket[]>;
  /** The `limit` largest counters of one bucket of a ranked metric (`RANKED_METRICS`), value down then key up. */
  top(query: {
    metric: string;
    scope: string;
    day: number;
    limit: number;
  }): Promise<InsightBucket[]>;
  /** The state a counted thing (`kind`, `id`) was last counted with. */
  entity<T>(kind: string, id: string): Promise<T | undefined>;
  /** The counted things filed under `parent` (a question's answers), by id. */
  children<T>(kind: string, parent: string): Promise<Array<{ id: string; state: T }>>;
  /** The questions of `scope` still without a public answer, oldest first. */
  oldestOpen(scope: string, limit: number): Promise<Array<{ questionId: string; at: Date }>>;
}

/** The insights' writes; `StoreWriter.insights`. */
export interface InsightStoreWriter extends InsightStoreReader {
  /** Adds each row's value to its counter; a counter that reaches 0 is dropped. */
  add(rows: readonly InsightBucket[]): Promise<void>;
  /** Stores (or with `null`, forgets) the state a thing is counted with. */
  putEntity(kind: string, id: string, parent: string | null, state: unknown): Promise<void>;
  /** Files a question as open since `at` in `scopes`, or (`at: null`) as open nowhere. */
  setOpen(questionId: string, scopes: readonly string[], at: Date | null): Promise<void>;
}
