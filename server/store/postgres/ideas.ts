import type { Visibility } from '../../domain/moderation-store.js';
import { NO_TREND } from '../../domain/idea-rules.js';
import type {
  BoardRow,
  IdeaCommentRow,
  IdeaListQuery,
  IdeaRow,
  IdeaStoreReader,
  IdeaStoreWriter,
  IdeaUpdateRow,
} from '../../domain/idea-store.js';
import { pgVisibility, visibleTo } from '../rows/moderation.js';
import { one, sql, timeOrNull, updateColumns, type Db, type Migration } from './columns.js';
import { type CommentColumns, commentRow, type IdeaColumns, ideaRow } from '../rows/ideas.js';

/** Schema version 4 (2 is Q&A, 3 reviews): idea boards. */
export const ideasMigration: Migration = {
  version: 4,
  name: 'idea boards: boards, ideas, comments, status updates',
  sql: `
    CREATE TABLE boards (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      vote_budget INTEGER CHECK (vote_budget IS NULL OR vote_budget >= 1),
      posting TEXT NOT NULL
    );

    CREATE TABLE ideas (
      seq BIGSERIAL PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      board TEXT NOT NULL,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      author_id TEXT NOT NULL,
      author_name TEXT NOT NULL,
      author_avatar TEXT,
      created_at BIGINT NOT NULL,
      status TEXT NOT NULL,
      status_note TEXT,
      status_changed_at BIGINT,
      -- Kept in step with the 'idea' rows of votes inside the same transactions.
      votes INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
      comment_count INTEGER NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
      merged_into TEXT
    );
    CREATE INDEX ideas_newest ON ideas (board, seq);
    CREATE INDEX ideas_top ON ideas (board, votes, seq);

    CREATE TABLE idea_comments (
      seq BIGSERIAL PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      idea_id TEXT NOT NULL,
      body TEXT NOT NULL,
      author_id TEXT NOT NULL,
      author_name TEXT NOT NULL,
      author_avatar TEXT,
      created_at BIGINT NOT NULL,
      official BOOLEAN NOT NULL
    );
    CREATE INDEX idea_comments_by_idea ON idea_comments (idea_id, seq);

    -- One row per voter per status change, written when the change happens.
    CREATE TABLE idea_updates (
      seq BIGSERIAL PRIMARY KEY,
      user_id TEXT NOT NULL,
      idea_id TEXT NOT NULL,
      board TEXT NOT NULL,
      status TEXT NOT NULL,
      note TEXT,
      at BIGINT NOT NULL
    );
    CREATE INDEX idea_updates_by_user ON idea_updates (user_id, seq);
    CREATE TABLE idea_updates_seen (
      user_id TEXT PRIMARY KEY,
      seq BIGINT NOT NULL
    );

    CREATE INDEX votes_by_user ON votes (target_kind, user_id);
  `,
};

/**
 * Migration 7: trending as a maintained score (idea-rules.ts), indexed per board. A Postgres
 * database is always made by this code from version 0, so there are no earlier votes to fold
 * in (SQLite's migration 7 does that for files made before it).
 */
export const trendingMigration: Migration = {
  version: 7,
  name: 'ideas: maintained trending score',
  sql: `
    ALTER TABLE ideas ADD COLUMN trend DOUBLE PRECISION NOT NULL DEFAULT ${NO_TREND};
    CREATE INDEX ideas_trending ON ideas (board, trend, seq);
  `,
};

interface UpdateColumns {
  seq: number;
  user_id: string;
  idea_id: string;
  board: string;
  status: IdeaRow['status'];
  note: string | null;
  at: number;
}

/** `$1` board, `$2` status: the given status, or (NULL) everything not merged. */
const FILTER = 'board = $1 AND (($2::text IS NULL AND merged_into IS NULL) OR status = $2::text)';

/** `$3`/`$4` the keyset of the last row shown (new: `$3` is its seq), then the limit. */
/** The list's visibility condition, its two placeholders from `${n}` (after `LIMIT`'s). */
const shown = (n: number) => visibleTo('idea', 'ideas.id', `$${n}::boolean`, `$${n + 1}::text`);

const LISTS: Record<IdeaListQuery['order'], string> = {
  new: `SELECT * FROM ideas WHERE ${FILTER} AND seq < $3 AND ${shown(5)} ORDER BY seq DESC LIMIT $4`,
  top: `SELECT * FROM ideas WHERE ${FILTER}
        AND (votes < $3::bigint OR (votes = $3::bigint AND seq < $4))
          AND ${shown(6)}
        ORDER BY votes DESC, seq DESC LIMIT $5`,
  // The maintained score (idea-rules.ts `addToTrend`), read from the `ideas_trending` index.
  trending: `SELECT * FROM ideas WHERE ${FILTER}
             AND (trend < $3::float8 OR (trend = $3::float8 AND seq < $4))
          AND ${shown(6)}
             ORDER BY trend DESC, seq DESC LIMIT $5`,
};

export class PgIdeaReads implements IdeaStoreReader {
  constructor(protected readonly db: Db) {}

  async board(id: string): Promise<BoardRow | undefined> {
    const row = await one<{
      id: string;
      title: string;
      vote_budget: number | null;
      posting: BoardRow['posting'];
    }>(this.db, 'SELECT * FROM boards WHERE id = $1', [id]);
    return (
      row && { id: row.id, title: row.title, voteBudget: row.vote_budget, posting: row.posting }
    );
  }

  async boards(): Promise<BoardRow[]> {
    const rows = await sql<{
      id: string;
      title: string;
      vote_budget: number | null;
      posting: BoardRow['posting'];
    }>(this.db, 'SELECT * FROM boards ORDER BY id');
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      voteBudget: row.vote_budget,
      posting: row.posting,
    }));
  }

  async byIds(ids: readonly string[]): Promise<Map<string, IdeaRow>> {
    if (ids.length === 0) return new Map();
    const rows = await sql<IdeaColumns>(this.db, 'SELECT * FROM ideas WHERE id = ANY($1::text[])', [
      ids,
    ]);
    return new Map(rows.map((c) => [c.id, ideaRow(c)]));
  }

  async list({
    board,
    order,
    status,
    after,
    limit,
    visibleTo: reader,
  }: IdeaListQuery): Promise<IdeaRow[]> {
    const [first, second] = (after ?? []) as number[];
    const keyset =
      order === 'new'
        ? [first ?? Number.MAX_SAFE_INTEGER]
        : after === undefined
          ? [order === 'top' ? Number.MAX_SAFE_INTEGER : Number.MAX_VALUE, 0]
          : [first, second];
    const rows = await sql<IdeaColumns>(this.db, LISTS[order], [
      board,
      status ?? null,
      ...keyset,
      limit,
      ...pgVisibility(reader),
    ]);
    return rows.map(ideaRow);
  }

  async commentsByIds(ids: readonly string[]): Promise<Map<string, IdeaCommentRow>> {
    if (ids.length === 0) return new Map();
    const rows = await sql<CommentColumns>(
      this.db,
      'SELECT * FROM idea_comments WHERE id = ANY($1::text[])',
      [ids],
    );
    return new Map(rows.map((c) => [c.id, commentRow(c)]));
  }

  async comments({
    ideaId,
    afterSeq,
    limit,
    visibleTo: reader,
  }: {
    ideaId: string;
    afterSeq?: number | undefined;
    limit: number;
    visibleTo: Visibility;
  }): Promise<IdeaCommentRow[]> {
    const rows = await sql<CommentColumns>(
      this.db,
      `SELECT * FROM idea_comments WHERE idea_id = $1 AND seq > $2
         AND ${visibleTo('comment', 'idea_comments.id', '$4::boolean', '$5::text')}
       ORDER BY seq LIMIT $3`,
      [ideaId, afterSeq ?? 0, limit, ...pgVisibility(reader)],
    );
    return rows.map(commentRow);
  }

  async countOpenVotes(userId: string, board: string): Promise<number> {
    const row = await one<{ count: number }>(
      this.db,
      `SELECT count(*) AS count FROM votes JOIN ideas ON ideas.id = votes.target_id
       WHERE votes.target_kind = 'idea' AND votes.user_id = $1 AND ideas.board = $2
       AND ideas.status NOT IN ('completed', 'declined', 'duplicate')
       AND NOT EXISTS (SELECT 1 FROM moderation_cases m WHERE m.kind = 'idea'
         AND m.target_id = ideas.id AND m.state IN ('removed', 'hidden'))`,
      [userId, board],
    );
    return row?.count ?? 0;
  }

  async voters(ideaId: string): Promise<string[]> {
    const rows = await sql<{ user_id: string }>(
      this.db,
      // COLLATE "C": byte order, as SQLite's default BINARY collation sorts.
      `SELECT user_id FROM votes WHERE target_kind = 'idea' AND target_id = $1
       ORDER BY user_id COLLATE "C"`,
      [ideaId],
    );
    return rows.map((row) => row.user_id);
  }

  async updates({
    userId,
    afterSeq,
    board,
    limit,
  }: {
    userId: string;
    afterSeq: number;
    board?: string | undefined;
    limit: number;
  }): Promise<IdeaUpdateRow[]> {
    const rows = await sql<UpdateColumns>(
      this.db,
      `SELECT * FROM idea_updates WHERE user_id = $1 AND seq > $2
       AND ($3::text IS NULL OR board = $3::text) ORDER BY seq DESC LIMIT $4`,
      [userId, afterSeq, board ?? null, limit],
    );
    return rows.map((c) => ({
      seq: c.seq,
      userId: c.user_id,
      ideaId: c.idea_id,
      board: c.board,
      status: c.status,
      note: c.note,
      at: new Date(c.at),
    }));
  }

  async updatesSeen(userId: string): Promise<number> {
    const row = await one<{ seq: number }>(
      this.db,
      'SELECT seq FROM idea_updates_seen WHERE user_id = $1',
      [userId],
    );
    return row?.seq ?? 0;
  }
}

export class PgIdeaWrites extends PgIdeaReads implements IdeaStoreWriter {
  async saveBoard(row: BoardRow): Promise<void> {
    await sql(
      this.db,
      `INSERT INTO boards (id, title, vote_budget, posting) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, vote_budget = excluded.vote_budget,
       posting = excluded.posting`,
      [row.id, row.title, row.voteBudget, row.posting],
    );
  }

  async insert(row: Omit<IdeaRow, 'seq'>): Promise<IdeaRow> {
    const inserted = await one<{ seq: number }>(
      this.db,
      `INSERT INTO ideas (id, board, title, body, author_id, author_name, author_avatar, created_at,
         status, status_note, status_changed_at, votes, trend, comment_count, merged_into)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING seq`,
      [
        row.id,
        row.board,
        row.title,
        row.body,
        row.authorId,
        row.authorName,
        row.authorAvatar,
        row.createdAt.getTime(),
        row.status,
        row.statusNote,
        timeOrNull(row.statusChangedAt),
        row.votes,
        row.trend,
        row.commentCount,
        row.mergedInto,
      ],
    );
    return { ...row, seq: inserted!.seq };
  }

  async update(id: string, changes: Parameters<IdeaStoreWriter['update']>[1]): Promise<void> {
    const columns: Record<string, unknown> = {};
    if (changes.status !== undefined) columns.status = changes.status;
    if (changes.statusNote !== undefined) columns.status_note = changes.statusNote;
    if (changes.statusChangedAt !== undefined) {
      columns.status_changed_at = timeOrNull(changes.statusChangedAt);
    }
    if (changes.mergedInto !== undefined) columns.merged_into = changes.mergedInto;
    if (changes.trend !== undefined) columns.trend = changes.trend;
    await updateColumns(this.db, 'ideas', id, columns);
  }

  async addToCounts(
    id: string,
    { votes = 0, comments = 0 }: { votes?: number; comments?: number },
  ): Promise<void> {
    await sql(
      this.db,
      'UPDATE ideas SET votes = votes + $1, comment_count = comment_count + $2 WHERE id = $3',
      [votes, comments, id],
    );
  }

  async insertComment(row: Omit<IdeaCommentRow, 'seq'>): Promise<IdeaCommentRow> {
    const inserted = await one<{ seq: number }>(
      this.db,
      `INSERT INTO idea_comments (id, idea_id, body, author_id, author_name, author_avatar,
         created_at, official)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq`,
      [
        row.id,
        row.ideaId,
        row.body,
        row.authorId,
        row.authorName,
        row.authorAvatar,
        row.createdAt.getTime(),
        row.official,
      ],
    );
    return { ...row, seq: inserted!.seq };
  }

  async moveComments(fromIdeaId: string, toIdeaId: string): Promise<number> {
    const moved = await sql(
      this.db,
      'UPDATE idea_comments SET idea_id = $1 WHERE idea_id = $2 RETURNING id',
      [toIdeaId, fromIdeaId],
    );
    return moved.length;
  }

  async insertUpdates(rows: ReadonlyArray<Omit<IdeaUpdateRow, 'seq'>>): Promise<void> {
    if (rows.length === 0) return;
    // One statement for every voter; WITH ORDINALITY keeps their order in the seqs.
    await sql(
      this.db,
      `INSERT INTO idea_updates (user_id, idea_id, board, status, note, at)
       SELECT u.user_id, u.idea_id, u.board, u.status, u.note, u.at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
         WITH ORDINALITY AS u(user_id, idea_id, board, status, note, at, n)
       ORDER BY u.n`,
      [
        rows.map((r) => r.userId),
        rows.map((r) => r.ideaId),
        rows.map((r) => r.board),
        rows.map((r) => r.status),
        rows.map((r) => r.note),
        rows.map((r) => r.at.getTime()),
      ],
    );
  }

  async setUpdatesSeen(userId: string, seq: number): Promise<void> {
    await sql(
      this.db,
      `INSERT INTO idea_updates_seen (user_id, seq) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET seq = excluded.seq`,
      [userId, seq],
    );
  }
}
