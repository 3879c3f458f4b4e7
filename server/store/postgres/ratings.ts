import type { RatingReader, RatingWriter } from '../../domain/rating-store.js';
import type { Distribution } from '../../domain/types.js';
import { sql, type Db, type Migration } from './columns.js';

export const ratingsMigration: Migration = {
  version: 1,
  name: 'ratings',
  sql: `
      CREATE TABLE ratings (
        subject TEXT NOT NULL,
        user_id TEXT NOT NULL,
        value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (subject, user_id)
      );

      -- Kept in step with ratings inside the same transaction, so a summary is one row read.
      CREATE TABLE rating_distributions (
        subject TEXT PRIMARY KEY,
        c1 INTEGER NOT NULL DEFAULT 0 CHECK (c1 >= 0),
        c2 INTEGER NOT NULL DEFAULT 0 CHECK (c2 >= 0),
        c3 INTEGER NOT NULL DEFAULT 0 CHECK (c3 >= 0),
        c4 INTEGER NOT NULL DEFAULT 0 CHECK (c4 >= 0),
        c5 INTEGER NOT NULL DEFAULT 0 CHECK (c5 >= 0)
      );
    `,
};

interface DistributionColumns {
  subject: string;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
}

/** One query per call however many subjects: the batch travels as one array parameter. */
export class PgRatingReads implements RatingReader {
  constructor(protected readonly db: Db) {}

  async distributions(subjects: readonly string[]): Promise<Map<string, Distribution>> {
    const found = new Map<string, Distribution>();
    if (subjects.length === 0) return found;
    const rows = await sql<DistributionColumns>(
      this.db,
      'SELECT subject, c1, c2, c3, c4, c5 FROM rating_distributions WHERE subject = ANY($1::text[])',
      [subjects],
    );
    for (const { subject, c1, c2, c3, c4, c5 } of rows) found.set(subject, [c1, c2, c3, c4, c5]);
    return found;
  }

  async ofUser(userId: string, subjects: readonly string[]): Promise<Map<string, number>> {
    if (subjects.length === 0) return new Map();
    const rows = await sql<{ subject: string; value: number }>(
      this.db,
      'SELECT subject, value FROM ratings WHERE user_id = $1 AND subject = ANY($2::text[])',
      [userId, subjects],
    );
    return new Map(rows.map((row) => [row.subject, row.value]));
  }
}

export class PgRatingWrites extends PgRatingReads implements RatingWriter {
  async upsert(subject: string, userId: string, value: number, at: Date): Promise<void> {
    await sql(
      this.db,
      `INSERT INTO ratings (subject, user_id, value, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (subject, user_id) DO UPDATE
       SET value = excluded.value, updated_at = excluded.updated_at`,
      [subject, userId, value, at.getTime()],
    );
  }

  async remove(subject: string, userId: string): Promise<void> {
    await sql(this.db, 'DELETE FROM ratings WHERE subject = $1 AND user_id = $2', [
      subject,
      userId,
    ]);
  }

  async addToDistribution(subject: string, delta: Distribution): Promise<void> {
    // Not an upsert: Postgres checks CHECK constraints on the row proposed for insertion,
    // which for a negative delta would fail before the conflict turned it into an update.
    const updated = await sql<{ subject: string }>(
      this.db,
      `UPDATE rating_distributions
       SET c1 = c1 + $2, c2 = c2 + $3, c3 = c3 + $4, c4 = c4 + $5, c5 = c5 + $6
       WHERE subject = $1 RETURNING subject`,
      [subject, ...delta],
    );
    if (updated.length === 0) {
      await sql(
        this.db,
        'INSERT INTO rating_distributions (subject, c1, c2, c3, c4, c5) VALUES ($1, $2, $3, $4, $5, $6)',
        [subject, ...delta],
      );
    }
  }
}
