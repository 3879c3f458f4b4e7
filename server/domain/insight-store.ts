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

export interface InsightTopQuery {
  metric: string;
  scope: string;
  day: number;
  limit: number;
}

/** The (scope, day) pairs a query covers, in order: how a store that looks buckets up one by one walks it. */
export function* bucketDays({
  scopes,
  fromDay,
  toDay,
}: InsightBucketQuery): Generator<[scope: string, day: number]> {
  for (const scope of scopes) for (let day = fromDay; day <= toDay; day += 1) yield [scope, day];
}

/** The insights' reads; `StoreReader.insights`. */
export interface InsightStoreReader {
  buckets(query: InsightBucketQuery): Promise<InsightBucket[]>;
  /** The `limit` largest counters of one bucket of a ranked metric (`RANKED_METRICS`), value down then key up. */
  top(query: InsightTopQuery): Promise<InsightBucket[]>;
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
  /** Forgets every bucket, counted state and open question: the start of a rebuild. */
  clear(): Promise<void>;
  /** The content to rebuild from, read in this transaction (SQL stores only). */
  readonly history?: InsightHistory;
}

/**
 * The content as it is now, one page at a time in a stable order, for rebuilding the
 * aggregates (`insight-rebuild.ts`). Only the SQL stores have one: a memory store starts
 * empty, so its aggregates have always been kept.
 */
export interface InsightHistory {
  page<K extends HistoryKind>(
    kind: K,
    after: HistoryCursor | null,
    limit: number,
  ): Promise<{ rows: HistoryRows[K][]; next: HistoryCursor | null }>;
  /** `kind|id` of the counted things whose state says they were posted as an employee. */
  employeePosts(): Promise<Set<string>>;
}

/** Where the previous page ended (its last row's key columns). */
export type HistoryCursor = ReadonlyArray<string | number>;

interface HistoryPost {
  id: string;
  authorId: string;
  /** Created, epoch ms. */
  at: number;
  /** No moderation case hides, holds or removes it. */
  visible: boolean;
}

export interface HistoryRows {
  rating: { subject: string; userId: string; stars: number; at: number };
  review: HistoryPost & { subject: string };
  question: HistoryPost & { subject: string; topics: string[]; acceptedAnswerId: string | null };
  answer: HistoryPost & { questionId: string };
  idea: HistoryPost & {
    board: string;
    status: string;
    statusChangedAt: number | null;
    mergedInto: string | null;
    votes: number;
  };
  comment: HistoryPost & { board: string };
  endorsement: { endorserId: string; userId: string; topic: string; at: number };
}
export type HistoryKind = keyof HistoryRows;
