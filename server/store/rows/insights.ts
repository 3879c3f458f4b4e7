import type {
  HistoryCursor,
  HistoryKind,
  HistoryRows,
  InsightBucket,
} from '../../domain/insight-store.js';
import { fromJson } from './values.js';

/** The columns of `insight_buckets` every read selects, in both SQL stores. */
export const BUCKET_COLUMNS = 'metric, scope, day, key, value';

export interface BucketColumns {
  metric: string;
  scope: string;
  day: number;
  key: string;
  value: number;
}

export const bucketFromColumns = (row: BucketColumns): InsightBucket => ({
  metric: row.metric,
  scope: row.scope,
  day: Number(row.day),
  key: row.key,
  value: Number(row.value),
});

export const bucketToValues = (row: InsightBucket): unknown[] => [
  row.metric,
  row.scope,
  row.day,
  row.key,
  row.value,
];

/** A counted thing's state: JSON text in SQLite, jsonb in Postgres. */
export const stateFromColumns = <T>(row: { state: string | T }): T => fromJson<T>(row.state);

export const childFromColumns = <T>(row: {
  id: string;
  state: string | T;
}): { id: string; state: T } => ({ id: row.id, state: fromJson<T>(row.state) });

export const openFromColumns = (row: {
  question_id: string;
  at: number;
}): { questionId: string; at: Date } => ({
  questionId: row.question_id,
  at: new Date(Number(row.at)),
});

/** The Monday (day number) of `day`'s ISO week, in SQL: the same as `weekOf` in the domain. */
const WEEK_OF_DAY = 'day - ((day + 3) % 7)';

/**
 * Migration 16 (both SQL stores): the weekly counters the experts insight reads whole weeks
 * from, summed from the daily ones already kept, so an upgraded database answers the same
 * figures as before. Every value is a positive count, so no sum is 0.
 */
export const weeklyInsightsSql = `INSERT INTO insight_buckets (metric, scope, day, key, value)
  SELECT 'questions.week', scope, ${WEEK_OF_DAY}, key, SUM(value) FROM insight_buckets
  WHERE metric = 'questions' AND scope LIKE 'topic:%' AND key IN ('asked', 'answered')
  GROUP BY scope, ${WEEK_OF_DAY}, key;
  INSERT INTO insight_buckets (metric, scope, day, key, value)
  SELECT 'endorsements.week', scope, ${WEEK_OF_DAY}, key, SUM(value) FROM insight_buckets
  WHERE metric = 'endorsements' AND key = 'given'
  GROUP BY scope, ${WEEK_OF_DAY}, key;`;

/** Visible unless a moderation case holds, hides or removes it. */
const shown = (kind: string, alias: string) =>
  `LEFT JOIN moderation_cases c ON c.kind = '${kind}' AND c.target_id = ${alias}.id`;
const bySeq = (alias: string) => `WHERE ${alias}.seq > ? ORDER BY ${alias}.seq LIMIT ?`;

/**
 * One page of each kind of content for a rebuild, in both SQL stores (`?` placeholders:
 * the Postgres store numbers them). Each takes its cursor's columns, then the page size.
 */
export const HISTORY_SQL: Record<HistoryKind, string> = {
  rating: `SELECT subject, user_id, value AS stars, updated_at AS at FROM ratings
    WHERE (subject, user_id) > (?, ?) ORDER BY subject, user_id LIMIT ?`,
  review: `SELECT r.seq, r.id, r.author_id, r.created_at AS at, r.subject, c.state
    FROM reviews r ${shown('review', 'r')} ${bySeq('r')}`,
  question: `SELECT q.seq, q.id, q.author_id, q.created_at AS at, q.subject, q.topics,
    q.accepted_answer_id, c.state FROM questions q ${shown('question', 'q')} ${bySeq('q')}`,
  answer: `SELECT a.seq, a.id, a.author_id, a.created_at AS at, a.question_id, c.state
    FROM answers a ${shown('answer', 'a')} ${bySeq('a')}`,
  idea: `SELECT i.seq, i.id, i.author_id, i.created_at AS at, i.board, i.status,
    i.status_changed_at, i.merged_into, i.votes, c.state FROM ideas i ${shown('idea', 'i')} ${bySeq('i')}`,
  comment: `SELECT k.seq, k.id, k.author_id, k.created_at AS at, i.board, c.state
    FROM idea_comments k JOIN ideas i ON i.id = k.idea_id ${shown('comment', 'k')} ${bySeq('k')}`,
  endorsement: `SELECT endorser_id, user_id, topic, created_at AS at FROM endorsements
    WHERE (endorser_id, user_id, topic) > (?, ?, ?) ORDER BY endorser_id, user_id, topic LIMIT ?`,
};

/** The cursor before the first row of each kind. */
export const HISTORY_START: Record<HistoryKind, HistoryCursor> = {
  rating: ['', ''],
  review: [0],
  question: [0],
  answer: [0],
  idea: [0],
  comment: [0],
  endorsement: ['', '', ''],
};

type Columns = Record<string, unknown>;
const post = (row: Columns) => ({
  id: String(row.id),
  authorId: String(row.author_id),
  at: Number(row.at),
  visible: row.state === null || row.state === undefined || row.state === 'visible',
});

/** A page's rows as the domain reads them, and the cursor after its last row. */
export function historyPage<K extends HistoryKind>(
  kind: K,
  rows: Columns[],
  limit: number,
): { rows: HistoryRows[K][]; next: HistoryCursor | null } {
  const last = rows.at(-1);
  const next =
    rows.length < limit || !last
      ? null
      : kind === 'rating'
        ? [String(last.subject), String(last.user_id)]
        : kind === 'endorsement'
          ? [String(last.endorser_id), String(last.user_id), String(last.topic)]
          : [Number(last.seq)];
  const mapped = rows.map((row): HistoryRows[HistoryKind] => {
    switch (kind) {
      case 'rating':
        return {
          subject: String(row.subject),
          userId: String(row.user_id),
          stars: Number(row.stars),
          at: Number(row.at),
        };
      case 'endorsement':
        return {
          endorserId: String(row.endorser_id),
          userId: String(row.user_id),
          topic: String(row.topic),
          at: Number(row.at),
        };
      case 'review':
        return { ...post(row), subject: String(row.subject) };
      case 'question':
        return {
          ...post(row),
          subject: String(row.subject),
          topics: [...fromJson<string[]>(row.topics as string)],
          acceptedAnswerId: (row.accepted_answer_id as string | null) ?? null,
        };
      case 'answer':
        return { ...post(row), questionId: String(row.question_id) };
      case 'idea':
        return {
          ...post(row),
          board: String(row.board),
          status: String(row.status),
          statusChangedAt: row.status_changed_at == null ? null : Number(row.status_changed_at),
          mergedInto: (row.merged_into as string | null) ?? null,
          votes: Number(row.votes),
        };
      default:
        return { ...post(row), board: String(row.board) };
    }
  });
  return { rows: mapped as HistoryRows[K][], next };
}
