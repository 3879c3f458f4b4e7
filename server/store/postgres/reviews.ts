import { HELPFUL_VOTE_KIND } from '../../domain/review-rules.js';
import type {
  ReviewListQuery,
  ReviewReader,
  ReviewRow,
  ReviewWriter,
} from '../../domain/review-store.js';
import { pgVisibility, visibleTo } from '../rows/moderation.js';
import { one, sql, timeOrNull, updateColumns, type Db, type Migration } from './columns.js';
import { type ReviewColumns, reviewRow } from '../rows/reviews.js';

/**
 * Reviews (migration 3). One row per review, unique per (subject, author); helpful counts
 * kept in step with the generic `votes` table (kind `review-helpful`) in the same
 * transactions. Each list order has its own index and keyset query.
 */
export const reviewsMigration: Migration = {
  version: 3,
  name: 'reviews',
  sql: `
      CREATE TABLE reviews (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        subject TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        author_avatar TEXT,
        stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        verified BOOLEAN NOT NULL DEFAULT false,
        created_at BIGINT NOT NULL,
        edited_at BIGINT,
        helpful_yes INTEGER NOT NULL DEFAULT 0 CHECK (helpful_yes >= 0),
        helpful_no INTEGER NOT NULL DEFAULT 0 CHECK (helpful_no >= 0),
        -- One review per person per subject.
        UNIQUE (subject, author_id)
      );
      CREATE INDEX reviews_newest ON reviews (subject, seq);
      CREATE INDEX reviews_by_stars ON reviews (subject, stars, seq);
      CREATE INDEX reviews_by_helpful ON reviews (subject, helpful_yes, seq);
    `,
};

/** $1 subject, $2 stars or null. */
const FILTER = 'subject = $1 AND ($2::int IS NULL OR stars = $2::int)';

/**
 * `$3` and `$4` are the keyset of the last row shown (newest: `$3` is its seq and `$4` the
 * limit); the first page starts past the ends.
 */
/** The list's visibility condition, its two placeholders from `${n}` (after `LIMIT`'s). */
const shown = (n: number) => visibleTo('review', 'reviews.id', `$${n}::boolean`, `$${n + 1}::text`);

const LISTS: Record<ReviewListQuery['order'], string> = {
  newest: `SELECT * FROM reviews WHERE ${FILTER} AND seq < $3 AND ${shown(5)} ORDER BY seq DESC LIMIT $4`,
  helpful: `SELECT * FROM reviews WHERE ${FILTER}
              AND (helpful_yes < $3::bigint OR (helpful_yes = $3::bigint AND seq < $4))
          AND ${shown(6)}
            ORDER BY helpful_yes DESC, seq DESC LIMIT $5`,
  highest: `SELECT * FROM reviews WHERE ${FILTER}
              AND (stars < $3::bigint OR (stars = $3::bigint AND seq < $4))
          AND ${shown(6)}
            ORDER BY stars DESC, seq DESC LIMIT $5`,
  lowest: `SELECT * FROM reviews WHERE ${FILTER}
             AND (stars > $3::bigint OR (stars = $3::bigint AND seq < $4))
          AND ${shown(6)}
           ORDER BY stars ASC, seq DESC LIMIT $5`,
};

export class PgReviewReads implements ReviewReader {
  constructor(protected readonly db: Db) {}

  async byIds(ids: readonly string[]): Promise<Map<string, ReviewRow>> {
    if (ids.length === 0) return new Map();
    const rows = await sql<ReviewColumns>(
      this.db,
      'SELECT * FROM reviews WHERE id = ANY($1::text[])',
      [ids],
    );
    return new Map(rows.map((c) => [c.id, reviewRow(c)]));
  }

  async list({
    subject,
    order,
    stars,
    after,
    limit,
    visibleTo: reader,
  }: ReviewListQuery): Promise<ReviewRow[]> {
    const [first, second] = (after ?? []) as number[];
    const [key, seq] =
      after === undefined
        ? [order === 'lowest' ? 0 : Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]
        : order === 'newest'
          ? [0, first!]
          : [first!, second!];
    const keyset = order === 'newest' ? [seq] : [key, seq];
    const rows = await sql<ReviewColumns>(this.db, LISTS[order], [
      subject,
      stars ?? null,
      ...keyset,
      limit,
      ...pgVisibility(reader),
    ]);
    return rows.map(reviewRow);
  }

  async ofAuthor(subject: string, userId: string): Promise<ReviewRow | undefined> {
    const row = await one<ReviewColumns>(
      this.db,
      'SELECT * FROM reviews WHERE subject = $1 AND author_id = $2',
      [subject, userId],
    );
    return row && reviewRow(row);
  }
}

export class PgReviewWrites extends PgReviewReads implements ReviewWriter {
  async insert(row: Omit<ReviewRow, 'seq'>): Promise<ReviewRow> {
    const inserted = await one<{ seq: number }>(
      this.db,
      `INSERT INTO reviews (id, subject, author_id, author_name, author_avatar, stars, title, body,
         verified, created_at, edited_at, helpful_yes, helpful_no)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING seq`,
      [
        row.id,
        row.subject,
        row.authorId,
        row.authorName,
        row.authorAvatar,
        row.stars,
        row.title,
        row.body,
        row.verified,
        row.createdAt.getTime(),
        timeOrNull(row.editedAt),
        row.helpfulYes,
        row.helpfulNo,
      ],
    );
    return { ...row, seq: inserted!.seq };
  }

  async update(
    id: string,
    changes: Partial<Pick<ReviewRow, 'stars' | 'title' | 'body' | 'verified' | 'editedAt'>>,
  ): Promise<void> {
    const columns: Record<string, unknown> = {};
    if (changes.stars !== undefined) columns.stars = changes.stars;
    if (changes.title !== undefined) columns.title = changes.title;
    if (changes.body !== undefined) columns.body = changes.body;
    if (changes.verified !== undefined) columns.verified = changes.verified;
    if (changes.editedAt !== undefined) columns.edited_at = timeOrNull(changes.editedAt);
    await updateColumns(this.db, 'reviews', id, columns);
  }

  async addToHelpful(id: string, { yes = 0, no = 0 }: { yes?: number; no?: number }) {
    await sql(
      this.db,
      'UPDATE reviews SET helpful_yes = helpful_yes + $1, helpful_no = helpful_no + $2 WHERE id = $3',
      [yes, no, id],
    );
  }

  async remove(id: string): Promise<void> {
    await sql(this.db, 'DELETE FROM votes WHERE target_kind = $1 AND target_id = $2', [
      HELPFUL_VOTE_KIND,
      id,
    ]);
    await sql(this.db, 'DELETE FROM reviews WHERE id = $1', [id]);
  }
}
