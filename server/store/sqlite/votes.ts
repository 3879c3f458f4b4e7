import type Database from 'better-sqlite3';
import type { VoteReader, VoteWriter } from '../../domain/vote-store.js';

/** Part of migration 2: one vote per person per target, of any kind. */
export const votesTables = `
      CREATE TABLE votes (
        target_kind TEXT NOT NULL,
        target_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        value INTEGER NOT NULL CHECK (value IN (-1, 1)),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (target_kind, target_id, user_id)
      ) WITHOUT ROWID;
`;

export class SqliteVoteReads implements VoteReader {
  private readonly votesOfUser: Database.Statement<[string, string, string], string>;

  constructor(db: Database.Database) {
    this.votesOfUser = db
      .prepare<[string, string, string], string>(
        `SELECT json_group_object(target_id, value) FROM votes
         WHERE target_kind = ? AND user_id = ? AND target_id IN (SELECT value FROM json_each(?))`,
      )
      .pluck();
  }

  async ofUser(
    userId: string,
    targetKind: string,
    targetIds: readonly string[],
  ): Promise<Map<string, number>> {
    if (targetIds.length === 0) return new Map();
    const values = JSON.parse(
      this.votesOfUser.get(targetKind, userId, JSON.stringify(targetIds))!,
    ) as Record<string, number>;
    return new Map(Object.entries(values));
  }
}

export class SqliteVoteWrites extends SqliteVoteReads implements VoteWriter {
  private readonly castAt: Database.Statement<[string, string, string], number>;
  private readonly upsertVote: Database.Statement<[string, string, string, number, number]>;
  private readonly deleteVote: Database.Statement<[string, string, string]>;

  constructor(db: Database.Database) {
    super(db);
    this.castAt = db
      .prepare<[string, string, string], number>(
        'SELECT updated_at FROM votes WHERE target_kind = ? AND target_id = ? AND user_id = ?',
      )
      .pluck();
    this.upsertVote = db.prepare(
      `INSERT INTO votes (target_kind, target_id, user_id, value, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (target_kind, target_id, user_id) DO UPDATE
       SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.deleteVote = db.prepare(
      'DELETE FROM votes WHERE target_kind = ? AND target_id = ? AND user_id = ?',
    );
  }

  async set(
    targetKind: string,
    targetId: string,
    userId: string,
    value: number,
    at: Date,
  ): Promise<Date | null> {
    const before = this.castAt.get(targetKind, targetId, userId);
    if (value === 0) this.deleteVote.run(targetKind, targetId, userId);
    else this.upsertVote.run(targetKind, targetId, userId, value, at.getTime());
    return before === undefined ? null : new Date(before);
  }
}
