import type Database from 'better-sqlite3';
import type { Visibility } from '../../domain/moderation-store.js';
import { timeOrNull, updateColumns, type Migration } from './columns.js';
import { addToTrend, NO_TREND } from '../../domain/idea-rules.js';
import type {
  BoardRow,
  IdeaCommentRow,
  IdeaListQuery,
  IdeaRow,
  IdeaStoreReader,
  IdeaStoreWriter,
  IdeaUpdateRow,
} from '../../domain/idea-store.js';
import { type CommentColumns, commentRow, type IdeaColumns, ideaRow } from '../rows/ideas.js';
import { sqliteVisibility, visibleTo } from '../rows/moderation.js';

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
    ) WITHOUT ROWID;

    CREATE TABLE ideas (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      board TEXT NOT NULL,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      author_id TEXT NOT NULL,
      author_name TEXT NOT NULL,
      author_avatar TEXT,
      created_at INTEGER NOT NULL,
      status TEXT NOT NULL,
      status_note TEXT,
      status_changed_at INTEGER,
      -- Kept in step with the 'idea' rows of votes inside the same transactions.
      votes INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
      comment_count INTEGER NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
      merged_into TEXT
    );
    CREATE INDEX ideas_newest ON ideas (board, seq);
    CREATE INDEX ideas_top ON ideas (board, votes, seq);

    CREATE TABLE idea_comments (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      idea_id TEXT NOT NULL,
      body TEXT NOT NULL,
      author_id TEXT NOT NULL,
      author_name TEXT NOT NULL,
      author_avatar TEXT,
      created_at INTEGER NOT NULL,
      official INTEGER NOT NULL
    );
    CREATE INDEX idea_comments_by_idea ON idea_comments (idea_id, seq);

    -- One row per voter per status change, written when the change happens.
    CREATE TABLE idea_updates (
      seq INTEGER PRIMARY KEY,
      user_id TEXT NOT NULL,
      idea_id TEXT NOT NULL,
      board TEXT NOT NULL,
      status TEXT NOT NULL,
      note TEXT,
      at INTEGER NOT NULL
    );
    CREATE INDEX idea_updates_by_user ON idea_updates (user_id, seq);
    CREATE TABLE idea_updates_seen (
      user_id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE INDEX votes_by_user ON votes (target_kind, user_id);
  `,
};

/**
 * Migration 7: trending as a maintained score (idea-rules.ts), indexed per board, instead of
 * summing every idea vote of every board per request. Existing votes are folded in once.
 */
export const trendingMigration: Migration = {
  version: 7,
  name: 'ideas: maintained trending score',
  sql: `
    ALTER TABLE ideas ADD COLUMN trend REAL NOT NULL DEFAULT ${NO_TREND};
    CREATE INDEX ideas_trending ON ideas (board, trend, seq);
  `,
  run(db) {
    const votes = db.prepare<[], { id: string; at: number }>(
      `SELECT target_id AS id, updated_at AS at FROM votes WHERE target_kind = 'idea'
       ORDER BY target_id, updated_at`,
    );
    const save = db.prepare<[number, string]>('UPDATE ideas SET trend = ? WHERE id = ?');
    let current: string | undefined;
    let trend = NO_TREND;
    // Read first: a connection cannot write while one of its queries is still iterating.
    for (const { id, at } of votes.all()) {
      if (id !== current) {
        if (current !== undefined) save.run(trend, current);
        [current, trend] = [id, NO_TREND];
      }
      trend = addToTrend(trend, new Date(at));
    }
    if (current !== undefined) save.run(trend, current);
  },
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

interface BoardColumns {
  id: string;
  title: string;
  vote_budget: number | null;
  posting: BoardRow['posting'];
}

const boardRow = (row: BoardColumns): BoardRow => ({
  id: row.id,
  title: row.title,
  voteBudget: row.vote_budget,
  posting: row.posting,
});

/** `status` filter: the given status, or (NULL) everything not merged. */
const STATUS_FILTER = '((@status IS NULL AND merged_into IS NULL) OR status = @status)';
const SHOWN = visibleTo('idea', 'ideas.id', '@sees_all', '@viewer');

/** The idea reads on one connection, prepared once. */
export class SqliteIdeaReads implements IdeaStoreReader {
  private readonly boardById: Database.Statement<[string], BoardColumns>;
  private readonly allBoards: Database.Statement<[], BoardColumns>;
  private readonly ideasById: Database.Statement<[string], IdeaColumns>;
  private readonly ideasNewest: Database.Statement<Record<string, unknown>, IdeaColumns>;
  private readonly ideasTop: Database.Statement<Record<string, unknown>, IdeaColumns>;
  private readonly ideasTrending: Database.Statement<Record<string, unknown>, IdeaColumns>;
  private readonly commentsOfIdea: Database.Statement<
    [string, number, number, string | null, number],
    CommentColumns
  >;
  private readonly commentsById: Database.Statement<[string], CommentColumns>;
  private readonly openVotes: Database.Statement<[string, string], number>;
  private readonly votersOf: Database.Statement<[string], string>;
  private readonly updatesOfUser: Database.Statement<Record<string, unknown>, UpdateColumns>;
  private readonly seenOfUser: Database.Statement<[string], number>;

  constructor(db: Database.Database) {
    this.boardById = db.prepare('SELECT * FROM boards WHERE id = ?');
    this.allBoards = db.prepare('SELECT * FROM boards ORDER BY id');
    this.ideasById = db.prepare('SELECT * FROM ideas WHERE id IN (SELECT value FROM json_each(?))');
    this.ideasNewest = db.prepare(
      `SELECT * FROM ideas WHERE board = @board AND ${STATUS_FILTER} AND ${SHOWN} AND seq < @seq
       ORDER BY seq DESC LIMIT @limit`,
    );
    this.ideasTop = db.prepare(
      `SELECT * FROM ideas WHERE board = @board AND ${STATUS_FILTER} AND ${SHOWN}
       AND (votes < @votes OR (votes = @votes AND seq < @seq))
       ORDER BY votes DESC, seq DESC LIMIT @limit`,
    );
    // The maintained score (idea-rules.ts `addToTrend`), read from the `ideas_trending` index.
    this.ideasTrending = db.prepare(
      `SELECT * FROM ideas WHERE board = @board AND ${STATUS_FILTER} AND ${SHOWN}
       AND (trend < @trend OR (trend = @trend AND seq < @seq))
       ORDER BY trend DESC, seq DESC LIMIT @limit`,
    );
    this.commentsById = db.prepare(
      'SELECT * FROM idea_comments WHERE id IN (SELECT value FROM json_each(?))',
    );
    this.commentsOfIdea = db.prepare(
      `SELECT * FROM idea_comments WHERE idea_id = ? AND seq > ?
         AND ${visibleTo('comment', 'idea_comments.id', '?', '?')}
       ORDER BY seq LIMIT ?`,
    );
    this.openVotes = db
      .prepare<[string, string], number>(
        `SELECT count(*) FROM votes JOIN ideas ON ideas.id = votes.target_id
         WHERE votes.target_kind = 'idea' AND votes.user_id = ? AND ideas.board = ?
         AND ideas.status NOT IN ('completed', 'declined', 'duplicate')
         AND NOT EXISTS (SELECT 1 FROM moderation_cases m WHERE m.kind = 'idea'
           AND m.target_id = ideas.id AND m.state IN ('removed', 'hidden'))`,
      )
      .pluck();
    this.votersOf = db
      .prepare<[string], string>(
        "SELECT user_id FROM votes WHERE target_kind = 'idea' AND target_id = ? ORDER BY user_id",
      )
      .pluck();
    this.updatesOfUser = db.prepare(
      `SELECT * FROM idea_updates WHERE user_id = @user AND seq > @after
       AND (@board IS NULL OR board = @board) ORDER BY seq DESC LIMIT @limit`,
    );
    this.seenOfUser = db
      .prepare<[string], number>('SELECT seq FROM idea_updates_seen WHERE user_id = ?')
      .pluck();
  }

  async board(id: string): Promise<BoardRow | undefined> {
    const row = this.boardById.get(id);
    return row && boardRow(row);
  }

  async boards(): Promise<BoardRow[]> {
    return this.allBoards.all().map(boardRow);
  }

  async byIds(ids: readonly string[]): Promise<Map<string, IdeaRow>> {
    if (ids.length === 0) return new Map();
    return new Map(this.ideasById.all(JSON.stringify(ids)).map((c) => [c.id, ideaRow(c)]));
  }

  async list({
    board,
    order,
    status,
    after,
    limit,
    visibleTo: reader,
  }: IdeaListQuery): Promise<IdeaRow[]> {
    const [seesAll, viewer] = sqliteVisibility(reader);
    const common = { board, status: status ?? null, limit, sees_all: seesAll, viewer };
    const [first, second] = (after ?? []) as number[];
    const rows =
      order === 'new'
        ? this.ideasNewest.all({ ...common, seq: first ?? Number.MAX_SAFE_INTEGER })
        : (order === 'top' ? this.ideasTop : this.ideasTrending).all({
            ...common,
            [order === 'top' ? 'votes' : 'trend']: after === undefined ? Number.MAX_VALUE : first,
            seq: after === undefined ? 0 : second,
          });
    return rows.map(ideaRow);
  }

  async commentsByIds(ids: readonly string[]): Promise<Map<string, IdeaCommentRow>> {
    const found = new Map<string, IdeaCommentRow>();
    if (ids.length === 0) return found;
    for (const row of this.commentsById.all(JSON.stringify(ids)))
      found.set(row.id, commentRow(row));
    return found;
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
    return this.commentsOfIdea
      .all(ideaId, afterSeq ?? 0, ...sqliteVisibility(reader), limit)
      .map(commentRow);
  }

  async countOpenVotes(userId: string, board: string): Promise<number> {
    return this.openVotes.get(userId, board) ?? 0;
  }

  async voters(ideaId: string): Promise<string[]> {
    return this.votersOf.all(ideaId);
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
    return this.updatesOfUser
      .all({ user: userId, after: afterSeq, board: board ?? null, limit })
      .map((c) => ({
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
    return this.seenOfUser.get(userId) ?? 0;
  }
}

/** The idea writes on the writer connection. */
export class SqliteIdeaWrites extends SqliteIdeaReads implements IdeaStoreWriter {
  private readonly upsertBoard: Database.Statement<Record<string, unknown>>;
  private readonly insertIdeaRow: Database.Statement<Record<string, unknown>>;
  private readonly addCounts: Database.Statement<[number, number, string]>;
  private readonly insertCommentRow: Database.Statement<Record<string, unknown>>;
  private readonly insertUpdateRow: Database.Statement<Record<string, unknown>>;
  private readonly moveCommentRows: Database.Statement<[string, string]>;
  private readonly upsertSeen: Database.Statement<[string, number]>;

  constructor(private readonly db: Database.Database) {
    super(db);
    this.upsertBoard = db.prepare(
      `INSERT INTO boards (id, title, vote_budget, posting) VALUES (@id, @title, @vote_budget, @posting)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, vote_budget = excluded.vote_budget,
       posting = excluded.posting`,
    );
    this.insertIdeaRow = db.prepare(
      `INSERT INTO ideas (id, board, title, body, author_id, author_name, author_avatar, created_at,
         status, status_note, status_changed_at, votes, trend, comment_count, merged_into)
       VALUES (@id, @board, @title, @body, @author_id, @author_name, @author_avatar, @created_at,
         @status, @status_note, @status_changed_at, @votes, @trend, @comment_count, @merged_into)`,
    );
    this.addCounts = db.prepare(
      'UPDATE ideas SET votes = votes + ?, comment_count = comment_count + ? WHERE id = ?',
    );
    this.insertCommentRow = db.prepare(
      `INSERT INTO idea_comments (id, idea_id, body, author_id, author_name, author_avatar,
         created_at, official)
       VALUES (@id, @idea_id, @body, @author_id, @author_name, @author_avatar, @created_at, @official)`,
    );
    this.moveCommentRows = db.prepare('UPDATE idea_comments SET idea_id = ? WHERE idea_id = ?');
    this.insertUpdateRow = db.prepare(
      `INSERT INTO idea_updates (user_id, idea_id, board, status, note, at)
       VALUES (@user_id, @idea_id, @board, @status, @note, @at)`,
    );
    this.upsertSeen = db.prepare(
      `INSERT INTO idea_updates_seen (user_id, seq) VALUES (?, ?)
       ON CONFLICT (user_id) DO UPDATE SET seq = excluded.seq`,
    );
  }

  async saveBoard(row: BoardRow): Promise<void> {
    this.upsertBoard.run({
      id: row.id,
      title: row.title,
      vote_budget: row.voteBudget,
      posting: row.posting,
    });
  }

  async insert(row: Omit<IdeaRow, 'seq'>): Promise<IdeaRow> {
    const { lastInsertRowid } = this.insertIdeaRow.run({
      id: row.id,
      board: row.board,
      title: row.title,
      body: row.body,
      author_id: row.authorId,
      author_name: row.authorName,
      author_avatar: row.authorAvatar,
      created_at: row.createdAt.getTime(),
      status: row.status,
      status_note: row.statusNote,
      status_changed_at: timeOrNull(row.statusChangedAt),
      votes: row.votes,
      trend: row.trend,
      comment_count: row.commentCount,
      merged_into: row.mergedInto,
    });
    return { ...row, seq: Number(lastInsertRowid) };
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
    updateColumns(this.db, 'ideas', id, columns);
  }

  async addToCounts(
    id: string,
    { votes = 0, comments = 0 }: { votes?: number; comments?: number },
  ): Promise<void> {
    this.addCounts.run(votes, comments, id);
  }

  async insertComment(row: Omit<IdeaCommentRow, 'seq'>): Promise<IdeaCommentRow> {
    const { lastInsertRowid } = this.insertCommentRow.run({
      id: row.id,
      idea_id: row.ideaId,
      body: row.body,
      author_id: row.authorId,
      author_name: row.authorName,
      author_avatar: row.authorAvatar,
      created_at: row.createdAt.getTime(),
      official: row.official ? 1 : 0,
    });
    return { ...row, seq: Number(lastInsertRowid) };
  }

  async moveComments(fromIdeaId: string, toIdeaId: string): Promise<number> {
    return this.moveCommentRows.run(toIdeaId, fromIdeaId).changes;
  }

  async insertUpdates(rows: ReadonlyArray<Omit<IdeaUpdateRow, 'seq'>>): Promise<void> {
    for (const row of rows) {
      this.insertUpdateRow.run({
        user_id: row.userId,
        idea_id: row.ideaId,
        board: row.board,
        status: row.status,
        note: row.note,
        at: row.at.getTime(),
      });
    }
  }

  async setUpdatesSeen(userId: string, seq: number): Promise<void> {
    this.upsertSeen.run(userId, seq);
  }
}
