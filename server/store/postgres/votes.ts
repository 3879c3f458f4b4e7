import type { VoteReader, VoteWriter } from '../../domain/vote-store.js';
import { one, sql, type Db } from './columns.js';

/** Part of migration 2: one vote per person per target, of any kind. */
export const votesTables = `
      CREATE TABLE votes (
        target_kind TEXT NOT NULL,
        target_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        value INTEGER NOT NULL CHECK (value IN (-1, 1)),
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (target_kind, target_id, user_id)
      );
`;

export class PgVoteReads implements VoteReader {
  constructor(protected readonly db: Db) {}

  async ofUser(
    userId: string,
    targetKind: string,
    targetIds: readonly string[],
  ): Promise<Map<string, number>> {
    if (targetIds.length === 0) return new Map();
    const rows = await sql<{ target_id: string; value: number }>(
      this.db,
      `SELECT target_id, value FROM votes
       WHERE target_kind = $1 AND user_id = $2 AND target_id = ANY($3::text[])`,
      [targetKind, userId, targetIds],
    );
    return new Map(rows.map((row) => [row.target_id, row.value]));
  }
}

export class PgVoteWrites extends PgVoteReads implements VoteWriter {
  async set(
    targetKind: string,
    targetId: string,
    userId: string,
    value: number,
    at: Date,
  ): Promise<Date | null> {
    const before = await one<{ updated_at: number }>(
      this.db,
      'SELECT updated_at FROM votes WHERE target_kind = $1 AND target_id = $2 AND user_id = $3',
      [targetKind, targetId, userId],
    );
    if (value === 0) {
      await sql(
        this.db,
        'DELETE FROM votes WHERE target_kind = $1 AND target_id = $2 AND user_id = $3',
        [targetKind, targetId, userId],
      );
    } else {
      await sql(
        this.db,
        `INSERT INTO votes (target_kind, target_id, user_id, value, updated_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (target_kind, target_id, user_id) DO UPDATE
         SET value = excluded.value, updated_at = excluded.updated_at`,
        [targetKind, targetId, userId, value, at.getTime()],
      );
    }
    return before === undefined ? null : new Date(before.updated_at);
  }
}
