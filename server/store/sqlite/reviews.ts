import type Database from 'better-sqlite3';
import { sqliteVisibility, visibleTo } from '../rows/moderation.js';
import { timeOrNull, updateColumns, type Migration } from './columns.js';
import { HELPFUL_VOTE_KIND } from '../../domain/review-rules.js';
import type {
  ReviewListQuery,
  ReviewReader,
  ReviewRow,
  ReviewWriter,
} from '../../domain/review-store.js';
import { type ReviewColumns, reviewRow } from '../rows/reviews.js';

/**
 * Reviews in SQLite (migration 3). One row per review, unique per (subject, author);
 * helpful counts kept in step with the generic `votes` table (kind `review-helpful`) in the
 * same transactions. Each list order has its own index and keyset query.
 */
export const reviewsMigration: Migration = {
  version: 3,
  name: 'reviews',
  sql: `
      CREATE TABLE reviews (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        subject TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        author_avatar TEXT,
        stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
        created_at INTEGER NOT NULL,
        edited_at INTEGER,
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

interface ListParameters {
  subject: string;
  stars: number | null;
  key: number;
  seq: number;
  limit: number;
  sees_all: number;
  viewer: string | null;
}

const FILTER = `subject = @subject AND (@stars IS NULL OR stars = @stars)
  AND ${visibleTo('review', 'reviews.id', '@sees_all', '@viewer')}`;

export class SqliteReviewReads implements ReviewReader {
  private readonly byId: Database.Statement<[string], ReviewColumns>;
  private readonly byAuthor: Database.Statement<[string, string], ReviewColumns>;
  private readonly lists: Record<
    ReviewListQuery['order'],
    Database.Statement<ListParameters, ReviewColumns>
  >;

  constructor(db: Database.Database) {
    this.byId = db.prepare('SELECT * FROM reviews WHERE id IN (SELECT value FROM json_each(?))');
    this.byAuthor = db.prepare('SELECT * FROM reviews WHERE subject = ? AND author_id = ?');
    // `@key` and `@seq` are the keyset of the last row shown; the first page starts past the ends.
    this.lists = {
      newest: db.prepare(
        `SELECT * FROM reviews WHERE ${FILTER} AND seq < @seq ORDER BY seq DESC LIMIT @limit`,
      ),
      helpful: db.prepare(
        `SELECT * FROM reviews WHERE ${FILTER}
           AND (helpful_yes < @key OR (helpful_yes = @key AND seq < @seq))
         ORDER BY helpful_yes DESC, seq DESC LIMIT @limit`,
      ),
      highest: db.prepare(
        `SELECT * FROM reviews WHERE ${FILTER} AND (stars < @key OR (stars = @key AND seq < @seq))
         ORDER BY stars DESC, seq DESC LIMIT @limit`,
      ),
      lowest: db.prepare(
        `SELECT * FROM reviews WHERE ${FILTER} AND (stars > @key OR (stars = @key AND seq < @seq))
         ORDER BY stars ASC, seq DESC LIMIT @limit`,
      ),
    };
  }

  async byIds(ids: readonly string[]): Promise<Map<string, ReviewRow>> {
    const found = new Map<string, ReviewRow>();
    if (ids.length === 0) return found;
    for (const row of this.byId.all(JSON.stringify(ids))) found.set(row.id, reviewRow(row));
    return found;
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
    const [seesAll, viewer] = sqliteVisibility(reader);
    return this.lists[order]
      .all({ subject, stars: stars ?? null, key, seq, limit, sees_all: seesAll, viewer })
      .map(reviewRow);
  }

  async ofAuthor(subject: string, userId: string): Promise<ReviewRow | undefined> {
    const row = this.byAuthor.get(subject, userId);
    return row && reviewRow(row);
  }
}

export class SqliteReviewWrites extends SqliteReviewReads implements ReviewWriter {
  private readonly insertRow: Database.Statement<Record<string, unknown>>;
  private readonly addHelpful: Database.Statement<[number, number, string]>;
  private readonly deleteVotes: Database.Statement<[string, string]>;
  private readonly deleteRow: Database.Statement<[string]>;
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    super(db);
    this.db = db;
    this.insertRow = db.prepare(
      `INSERT INTO reviews (id, subject, author_id, author_name, author_avatar, stars, title, body,
         verified, created_at, edited_at, helpful_yes, helpful_no)
       VALUES (@id, @subject, @author_id, @author_name, @author_avatar, @stars, @title, @body,
         @verified, @created_at, @edited_at, @helpful_yes, @helpful_no)`,
    );
    this.addHelpful = db.prepare(
      'UPDATE reviews SET helpful_yes = helpful_yes + ?, helpful_no = helpful_no + ? WHERE id = ?',
    );
    this.deleteVotes = db.prepare('DELETE FROM votes WHERE target_kind = ? AND target_id = ?');
    this.deleteRow = db.prepare('DELETE FROM reviews WHERE id = ?');
  }

  async insert(row: Omit<ReviewRow, 'seq'>): Promise<ReviewRow> {
    const { lastInsertRowid } = this.insertRow.run({
      id: row.id,
      subject: row.subject,
      author_id: row.authorId,
      author_name: row.authorName,
      author_avatar: row.authorAvatar,
      stars: row.stars,
      title: row.title,
      body: row.body,
      verified: row.verified ? 1 : 0,
      created_at: row.createdAt.getTime(),
      edited_at: timeOrNull(row.editedAt),
      helpful_yes: row.helpfulYes,
      helpful_no: row.helpfulNo,
    });
    return { ...row, seq: Number(lastInsertRowid) };
  }

  async update(
    id: string,
    changes: Partial<Pick<ReviewRow, 'stars' | 'title' | 'body' | 'verified' | 'editedAt'>>,
  ): Promise<void> {
    const columns: Record<string, unknown> = {};
    if (changes.stars !== undefined) columns.stars = changes.stars;
    if (changes.title !== undefined) columns.title = changes.title;
    if (changes.body !== undefined) columns.body = changes.body;
    if (changes.verified !== undefined) columns.verified = changes.verified ? 1 : 0;
    if (changes.editedAt !== undefined) columns.edited_at = timeOrNull(changes.editedAt);
    updateColumns(this.db, 'reviews', id, columns);
  }

  async addToHelpful(id: string, { yes = 0, no = 0 }: { yes?: number; no?: number }) {
    this.addHelpful.run(yes, no, id);
  }

  async remove(id: string): Promise<void> {
    this.deleteVotes.run(HELPFUL_VOTE_KIND, id);
    this.deleteRow.run(id);
  }
}
