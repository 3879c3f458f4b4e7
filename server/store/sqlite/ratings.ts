import type Database from 'better-sqlite3';
import type { RatingReader, RatingWriter } from '../../domain/rating-store.js';
import type { Distribution } from '../../domain/types.js';
import type { Migration } from './columns.js';

export const ratingsMigration: Migration = {
  version: 1,
  name: 'ratings',
  sql: `
      CREATE TABLE ratings (
        subject TEXT NOT NULL,
        user_id TEXT NOT NULL,
        value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (subject, user_id)
      ) WITHOUT ROWID;

      -- Kept in step with ratings inside the same transaction, so a summary is one row read.
      CREATE TABLE rating_distributions (
        subject TEXT PRIMARY KEY,
        c1 INTEGER NOT NULL DEFAULT 0 CHECK (c1 >= 0),
        c2 INTEGER NOT NULL DEFAULT 0 CHECK (c2 >= 0),
        c3 INTEGER NOT NULL DEFAULT 0 CHECK (c3 >= 0),
        c4 INTEGER NOT NULL DEFAULT 0 CHECK (c4 >= 0),
        c5 INTEGER NOT NULL DEFAULT 0 CHECK (c5 >= 0)
      ) WITHOUT ROWID;
    `,
};

/** `[subject, c1, c2, c3, c4, c5]` per row, aggregated to one JSON text by SQLite. */
type DistributionRows = Array<[string, number, number, number, number, number]>;

/** Subjects whose distributions are remembered; past it, the longest-remembered go first. */
const REMEMBERED_SUBJECTS = 50_000;

/**
 * Committed distributions the reader connection has read, so a popular subject's summary is
 * read from SQL once per change instead of once per request (the batched ratings read is the
 * hottest request a site sends). `null` remembers that a subject has no ratings.
 *
 * Correct only because one process owns the SQLite file: every change to a distribution goes
 * through this store's write transaction, which names the subjects it changed (`touch`) and
 * forgets them right after COMMIT or ROLLBACK (`settle`), synchronously, so no read can slip
 * in between. Until then, readers still see the committed value, and so does the cache. A
 * store shared by several instances (Postgres) must not remember anything this way: another
 * instance's write would never reach this map.
 */
export class DistributionCache {
  private readonly known = new Map<string, Readonly<Distribution> | null>();
  private readonly touched = new Set<string>();

  get(subject: string): Readonly<Distribution> | null | undefined {
    return this.known.get(subject);
  }

  remember(subject: string, distribution: Readonly<Distribution> | null): void {
    if (this.known.size >= REMEMBERED_SUBJECTS) {
      this.known.delete(this.known.keys().next().value!);
    }
    this.known.set(subject, distribution);
  }

  /** A write transaction changed `subject`'s distribution (not yet committed). */
  touch(subject: string): void {
    this.touched.add(subject);
  }

  /** The write transaction ended, committed or not: what it touched is read afresh. */
  settle(): void {
    for (const subject of this.touched) this.known.delete(subject);
    this.touched.clear();
  }
}

/**
 * One query per call however many subjects. Each answers a single JSON text built by
 * SQLite: measured twice as fast as returning one JavaScript object per row, which dominates
 * the cost of a batched read. With a cache (the reader connection's), only the subjects it
 * does not know are read.
 */
export class SqliteRatingReads implements RatingReader {
  private readonly distributionRows: Database.Statement<[string], string>;
  private readonly userRatingRows: Database.Statement<[string, string], string>;
  private readonly oneDistribution: Database.Statement<[string], Distribution>;
  private readonly oneUserRating: Database.Statement<[string, string], number>;

  constructor(
    db: Database.Database,
    private readonly cache: DistributionCache | null = null,
  ) {
    // One subject (a widget's own write, a product page) is a key lookup: no JSON either way.
    this.oneDistribution = db
      .prepare<[string], Distribution>(
        'SELECT c1, c2, c3, c4, c5 FROM rating_distributions WHERE subject = ?',
      )
      .raw();
    this.oneUserRating = db
      .prepare<[string, string], number>(
        'SELECT value FROM ratings WHERE subject = ? AND user_id = ?',
      )
      .pluck();
    this.distributionRows = db
      .prepare<[string], string>(
        `SELECT json_group_array(json_array(subject, c1, c2, c3, c4, c5)) FROM rating_distributions
         WHERE subject IN (SELECT value FROM json_each(?))`,
      )
      .pluck();
    this.userRatingRows = db
      .prepare<[string, string], string>(
        `SELECT json_group_object(subject, value) FROM ratings
         WHERE user_id = ? AND subject IN (SELECT value FROM json_each(?))`,
      )
      .pluck();
  }

  async distributions(subjects: readonly string[]): Promise<Map<string, Distribution>> {
    const { cache } = this;
    if (cache === null) return this.read(subjects);
    const found = new Map<string, Distribution>();
    let unknown: string[] | undefined;
    for (const subject of subjects) {
      const known = cache.get(subject);
      if (known === undefined) (unknown ??= []).push(subject);
      // Shared with every later read, so frozen: a caller that wrote to it would throw rather
      // than change what the next viewer sees. (The domain copies it into each summary.)
      else if (known !== null) found.set(subject, known as Distribution);
    }
    if (unknown === undefined) return found;
    const read = this.read(unknown);
    for (const subject of unknown) {
      const counts = read.get(subject);
      cache.remember(subject, counts ? Object.freeze(counts) : null);
      if (counts) found.set(subject, counts);
    }
    return found;
  }

  private read(subjects: readonly string[]): Map<string, Distribution> {
    const found = new Map<string, Distribution>();
    if (subjects.length === 0) return found;
    if (subjects.length === 1) {
      const counts = this.oneDistribution.get(subjects[0]!);
      if (counts) found.set(subjects[0]!, counts);
      return found;
    }
    const rows = JSON.parse(
      this.distributionRows.get(JSON.stringify(subjects))!,
    ) as DistributionRows;
    for (const [subject, ...counts] of rows) found.set(subject, counts);
    return found;
  }

  async ofUser(userId: string, subjects: readonly string[]): Promise<Map<string, number>> {
    if (subjects.length === 0) return new Map();
    if (subjects.length === 1) {
      const value = this.oneUserRating.get(subjects[0]!, userId);
      return new Map(value === undefined ? [] : [[subjects[0]!, value]]);
    }
    const values = JSON.parse(this.userRatingRows.get(userId, JSON.stringify(subjects))!) as Record<
      string,
      number
    >;
    return new Map(Object.entries(values));
  }
}

export class SqliteRatingWrites extends SqliteRatingReads implements RatingWriter {
  private readonly upsertRow: Database.Statement<[string, string, number, number]>;
  private readonly removeRow: Database.Statement<[string, string]>;
  private readonly addCounts: Database.Statement<[number, number, number, number, number, string]>;
  private readonly insertCounts: Database.Statement<
    [string, number, number, number, number, number]
  >;

  /**
   * Reads inside the transaction see its own uncommitted changes, so they never use the
   * reader's cache; `changes` is told which subjects to forget once the transaction ends.
   */
  constructor(
    db: Database.Database,
    private readonly changes: DistributionCache | null = null,
  ) {
    super(db);
    this.upsertRow = db.prepare(
      `INSERT INTO ratings (subject, user_id, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (subject, user_id) DO UPDATE
       SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.removeRow = db.prepare('DELETE FROM ratings WHERE subject = ? AND user_id = ?');
    // Not an upsert: SQLite checks the CHECK constraints on the row proposed for insertion,
    // which for a negative delta would fail before the conflict turned it into an update.
    this.addCounts = db.prepare(
      `UPDATE rating_distributions
       SET c1 = c1 + ?, c2 = c2 + ?, c3 = c3 + ?, c4 = c4 + ?, c5 = c5 + ?
       WHERE subject = ?`,
    );
    this.insertCounts = db.prepare(
      'INSERT INTO rating_distributions (subject, c1, c2, c3, c4, c5) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  async upsert(subject: string, userId: string, value: number, at: Date): Promise<void> {
    this.upsertRow.run(subject, userId, value, at.getTime());
  }

  async remove(subject: string, userId: string): Promise<void> {
    this.removeRow.run(subject, userId);
  }

  async addToDistribution(subject: string, delta: Distribution): Promise<void> {
    this.changes?.touch(subject);
    if (this.addCounts.run(...delta, subject).changes === 0)
      this.insertCounts.run(subject, ...delta);
  }
}
