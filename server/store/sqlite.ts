import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { IdempotencyRecord } from '../domain/idempotency.js';
import type {
  AnswerListQuery,
  AnswerRow,
  QuestionListQuery,
  QuestionRow,
  Store,
  StoreReader,
  StoreWriter,
} from '../domain/store.js';
import {
  BODY_WEIGHT,
  ftsMatchExpression,
  TITLE_WEIGHT,
  type TextDocument,
  type TextMatch,
  type TextSearch,
} from '../domain/text-search.js';
import type { Distribution } from '../domain/types.js';
import type { ReviewListQuery, ReviewRow } from '../domain/review-store.js';
import { reviewsMigration, SqliteReviewReads, SqliteReviewWrites } from './sqlite-reviews.js';
import type {
  BoardRow,
  IdeaCommentRow,
  IdeaListQuery,
  IdeaRow,
  IdeaStoreReader,
  IdeaStoreWriter,
  IdeaUpdateRow,
  TrendingIdeaQuery,
} from '../domain/idea-store.js';
import { expertsMigration, SqliteExpertReads, SqliteExpertWrites } from './sqlite-experts.js';
import { ideasMigration, SqliteIdeaReads, SqliteIdeaWrites } from './sqlite-ideas.js';

/**
 * How hard a commit waits for the disk. `NORMAL` (the default) writes the WAL on every
 * commit but syncs it only at checkpoints: an acknowledged write survives the process
 * being killed (the OS still holds the pages) but can be lost if the machine loses power.
 * `FULL` syncs the WAL on every commit and survives power loss, at a cost per write.
 */
export type SqliteSynchronous = 'NORMAL' | 'FULL';

export interface SqliteStoreOptions {
  /** Directory holding the database file; created when missing. */
  dataDir: string;
  fileName?: string;
  synchronous?: SqliteSynchronous;
  /** How long a connection waits for another process's lock before failing. */
  busyTimeoutMs?: number;
}

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Forward-only schema changes, applied in order and recorded in `schema_migrations`.
 * Never edit or reorder a released migration: add a new one.
 */
export const migrations: readonly Migration[] = [
  {
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
  },
  {
    version: 2,
    name: 'idempotency keys, text index, votes; questions and answers',
    sql: `
      -- Shared by every creating operation (server/domain/idempotency.ts).
      CREATE TABLE idempotency_keys (
        user_id TEXT NOT NULL,
        key TEXT NOT NULL,
        operation TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        response TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, key)
      ) WITHOUT ROWID;
      CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

      -- Shared full-text index (server/domain/text-search.ts): questions now, ideas later.
      -- FTS5's bm25() ranks; the memory store reproduces tokenizer and formula.
      CREATE VIRTUAL TABLE text_index USING fts5(
        kind UNINDEXED, scope UNINDEXED, ref UNINDEXED, title, body,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      -- The FTS row of each document, so replacing or removing one is a key lookup.
      CREATE TABLE text_index_refs (
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        fts_rowid INTEGER NOT NULL,
        PRIMARY KEY (kind, ref)
      ) WITHOUT ROWID;

      -- One vote per person per target, of any kind (question, answer, later idea).
      CREATE TABLE votes (
        target_kind TEXT NOT NULL,
        target_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        value INTEGER NOT NULL CHECK (value IN (-1, 1)),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (target_kind, target_id, user_id)
      ) WITHOUT ROWID;

      CREATE TABLE questions (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        subject TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        topics TEXT NOT NULL DEFAULT '[]',
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        author_avatar TEXT,
        created_at INTEGER NOT NULL,
        edited_at INTEGER,
        -- Kept in step with votes and answers inside the same transactions.
        score INTEGER NOT NULL DEFAULT 0,
        answer_count INTEGER NOT NULL DEFAULT 0 CHECK (answer_count >= 0),
        accepted_answer_id TEXT
      );
      CREATE INDEX questions_newest ON questions (subject, seq);
      CREATE INDEX questions_by_votes ON questions (subject, score, seq);
      CREATE INDEX questions_unanswered ON questions (subject, answer_count, seq);

      CREATE TABLE answers (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        question_id TEXT NOT NULL,
        body TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        author_avatar TEXT,
        created_at INTEGER NOT NULL,
        edited_at INTEGER,
        score INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX answers_by_question ON answers (question_id, score, seq);
    `,
  },
  reviewsMigration,
  ideasMigration,
  expertsMigration,
];

interface QuestionColumns {
  seq: number;
  id: string;
  subject: string;
  title: string;
  body: string;
  topics: string;
  author_id: string;
  author_name: string;
  author_avatar: string | null;
  created_at: number;
  edited_at: number | null;
  score: number;
  answer_count: number;
  accepted_answer_id: string | null;
}

interface AnswerColumns {
  seq: number;
  id: string;
  question_id: string;
  body: string;
  author_id: string;
  author_name: string;
  author_avatar: string | null;
  created_at: number;
  edited_at: number | null;
  score: number;
}

function questionRow(c: QuestionColumns): QuestionRow {
  return {
    seq: c.seq,
    id: c.id,
    subject: c.subject,
    title: c.title,
    body: c.body,
    topics: JSON.parse(c.topics) as string[],
    authorId: c.author_id,
    authorName: c.author_name,
    authorAvatar: c.author_avatar,
    createdAt: new Date(c.created_at),
    editedAt: c.edited_at === null ? null : new Date(c.edited_at),
    score: c.score,
    answerCount: c.answer_count,
    acceptedAnswerId: c.accepted_answer_id,
  };
}

function answerRow(c: AnswerColumns): AnswerRow {
  return {
    seq: c.seq,
    id: c.id,
    questionId: c.question_id,
    body: c.body,
    authorId: c.author_id,
    authorName: c.author_name,
    authorAvatar: c.author_avatar,
    createdAt: new Date(c.created_at),
    editedAt: c.edited_at === null ? null : new Date(c.edited_at),
    score: c.score,
  };
}

/** `[subject, c1, c2, c3, c4, c5]` per row, aggregated to one JSON text by SQLite. */
type DistributionRows = Array<[string, number, number, number, number, number]>;

/**
 * The read queries, prepared once per connection; one query per call however many subjects.
 * Each answers a single JSON text built by SQLite: measured twice as fast as returning one
 * JavaScript object per row, which dominates the cost of a batched read.
 */
class Reads implements StoreReader {
  private readonly distributions: Database.Statement<[string], string>;
  private readonly userRatingRows: Database.Statement<[string, string], string>;
  private readonly one: Database.Statement<[], unknown>;
  private readonly questionsById: Database.Statement<[string], QuestionColumns>;
  private readonly questionsNewest: Database.Statement<[string, number, number], QuestionColumns>;
  private readonly questionsUnanswered: Database.Statement<
    [string, number, number],
    QuestionColumns
  >;
  private readonly questionsByVotes: Database.Statement<
    [string, number, number, number, number],
    QuestionColumns
  >;
  private readonly answersById: Database.Statement<[string], AnswerColumns>;
  private readonly answersOfQuestion: Database.Statement<
    [string, number, number, number, number],
    AnswerColumns
  >;
  private readonly votesOfUser: Database.Statement<[string, string, string], string>;
  private readonly textMatches: Database.Statement<
    [string, string, string | null, string | null, number, number],
    TextMatch
  >;

  /** People, reputation and expertise; `Writes` replaces them with the writing kind. */
  experts: SqliteExpertReads;

  constructor(db: Database.Database) {
    this.reviewStatements = new SqliteReviewReads(db);
    this.ideaReads = new SqliteIdeaReads(db);
    this.experts = new SqliteExpertReads(db);
    this.distributions = db
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
    this.one = db.prepare('SELECT 1');
    this.questionsById = db.prepare(
      'SELECT * FROM questions WHERE id IN (SELECT value FROM json_each(?))',
    );
    // Keysets: the largest seq is the newest; a huge "after" stands for "from the start".
    this.questionsNewest = db.prepare(
      'SELECT * FROM questions WHERE subject = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
    );
    this.questionsUnanswered = db.prepare(
      `SELECT * FROM questions WHERE subject = ? AND answer_count = 0 AND seq < ?
       ORDER BY seq DESC LIMIT ?`,
    );
    this.questionsByVotes = db.prepare(
      `SELECT * FROM questions WHERE subject = ? AND (score < ? OR (score = ? AND seq < ?))
       ORDER BY score DESC, seq DESC LIMIT ?`,
    );
    this.answersById = db.prepare(
      'SELECT * FROM answers WHERE id IN (SELECT value FROM json_each(?))',
    );
    this.answersOfQuestion = db.prepare(
      `SELECT * FROM answers WHERE question_id = ? AND (score < ? OR (score = ? AND seq > ?))
       ORDER BY score DESC, seq ASC LIMIT ?`,
    );
    this.votesOfUser = db
      .prepare<[string, string, string], string>(
        `SELECT json_group_object(target_id, value) FROM votes
         WHERE target_kind = ? AND user_id = ? AND target_id IN (SELECT value FROM json_each(?))`,
      )
      .pluck();
    // bm25() is negative, more negative is better; its statistics cover the whole table,
    // which is what rankDocuments reproduces for the memory store.
    this.textMatches = db.prepare(
      `SELECT ref AS id, -bm25(text_index, 0, 0, 0, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS score
       FROM text_index
       WHERE text_index MATCH ? AND kind = ? AND (? IS NULL OR scope = ?)
       ORDER BY score DESC, ref ASC LIMIT ? OFFSET ?`,
    );
  }

  async questions(ids: readonly string[]): Promise<Map<string, QuestionRow>> {
    if (ids.length === 0) return new Map();
    const rows = this.questionsById.all(JSON.stringify(ids)).map(questionRow);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async listQuestions({ subject, order, after, limit }: QuestionListQuery): Promise<QuestionRow[]> {
    const rows =
      order === 'votes'
        ? this.questionsByVotes.all(
            subject,
            ...((after as [number, number] | undefined) !== undefined
              ? ([after![0], after![0], after![1]] as [number, number, number])
              : ([Number.MAX_SAFE_INTEGER, 0, 0] as [number, number, number])),
            limit,
          )
        : (order === 'newest' ? this.questionsNewest : this.questionsUnanswered).all(
            subject,
            (after?.[0] as number | undefined) ?? Number.MAX_SAFE_INTEGER,
            limit,
          );
    return rows.map(questionRow);
  }

  async answers(ids: readonly string[]): Promise<Map<string, AnswerRow>> {
    if (ids.length === 0) return new Map();
    const rows = this.answersById.all(JSON.stringify(ids)).map(answerRow);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async listAnswers({ questionId, after, limit }: AnswerListQuery): Promise<AnswerRow[]> {
    const [score, seq] =
      after === undefined ? [Number.MAX_SAFE_INTEGER, 0] : (after as [number, number]);
    return this.answersOfQuestion.all(questionId, score, score, seq, limit).map(answerRow);
  }

  async userVotes(
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

  async searchText({ kind, scope, terms, limit, offset = 0 }: TextSearch): Promise<TextMatch[]> {
    if (terms.length === 0) return [];
    const scopeValue = scope ?? null;
    return this.textMatches.all(
      ftsMatchExpression(terms),
      kind,
      scopeValue,
      scopeValue,
      limit,
      offset,
    );
  }

  async ratingDistributions(subjects: readonly string[]): Promise<Map<string, Distribution>> {
    const found = new Map<string, Distribution>();
    if (subjects.length === 0) return found;
    const rows = JSON.parse(this.distributions.get(JSON.stringify(subjects))!) as DistributionRows;
    for (const [subject, ...counts] of rows) found.set(subject, counts);
    return found;
  }

  async userRatings(userId: string, subjects: readonly string[]): Promise<Map<string, number>> {
    if (subjects.length === 0) return new Map();
    const values = JSON.parse(this.userRatingRows.get(userId, JSON.stringify(subjects))!) as Record<
      string,
      number
    >;
    return new Map(Object.entries(values));
  }

  ping(): void {
    this.one.get();
  }

  reviews(ids: readonly string[]): Promise<Map<string, ReviewRow>> {
    return this.reviewStatements.reviews(ids);
  }

  listReviews(query: ReviewListQuery): Promise<ReviewRow[]> {
    return this.reviewStatements.listReviews(query);
  }

  userReview(subject: string, userId: string): Promise<ReviewRow | undefined> {
    return this.reviewStatements.userReview(subject, userId);
  }

  /** Review statements on this connection; `Writes` replaces them with the writing kind. */
  protected reviewStatements: SqliteReviewReads;
  private readonly ideaReads: SqliteIdeaReads;

  board(id: string): Promise<BoardRow | undefined> {
    return this.ideaReads.board(id);
  }
  ideas(ids: readonly string[]): Promise<Map<string, IdeaRow>> {
    return this.ideaReads.ideas(ids);
  }
  listIdeas(query: IdeaListQuery): Promise<IdeaRow[]> {
    return this.ideaReads.listIdeas(query);
  }
  trendingIdeas(query: TrendingIdeaQuery): Promise<IdeaRow[]> {
    return this.ideaReads.trendingIdeas(query);
  }
  listIdeaComments(
    query: Parameters<IdeaStoreReader['listIdeaComments']>[0],
  ): Promise<IdeaCommentRow[]> {
    return this.ideaReads.listIdeaComments(query);
  }
  countOpenIdeaVotes(userId: string, board: string): Promise<number> {
    return this.ideaReads.countOpenIdeaVotes(userId, board);
  }
  ideaVoters(ideaId: string): Promise<string[]> {
    return this.ideaReads.ideaVoters(ideaId);
  }
  ideaUpdates(query: Parameters<IdeaStoreReader['ideaUpdates']>[0]): Promise<IdeaUpdateRow[]> {
    return this.ideaReads.ideaUpdates(query);
  }
  ideaUpdatesSeen(userId: string): Promise<number> {
    return this.ideaReads.ideaUpdatesSeen(userId);
  }
}

/** Writes on the writer connection; reachable only while `SqliteStore.write` holds the transaction. */
class Writes extends Reads implements StoreWriter {
  declare experts: SqliteExpertWrites;
  private readonly upsert: Database.Statement<[string, string, number, number]>;
  private readonly remove: Database.Statement<[string, string]>;
  private readonly addCounts: Database.Statement<[number, number, number, number, number, string]>;
  private readonly insertCounts: Database.Statement<
    [string, number, number, number, number, number]
  >;

  private readonly selectIdempotency: Database.Statement<
    [string, string],
    {
      user_id: string;
      key: string;
      operation: string;
      fingerprint: string;
      response: string;
      created_at: number;
    }
  >;
  private readonly insertIdempotency: Database.Statement<
    [string, string, string, string, string, number]
  >;
  private readonly pruneIdempotency: Database.Statement<[number]>;
  private readonly findTextRow: Database.Statement<[string, string], number>;
  private readonly deleteTextRow: Database.Statement<[number]>;
  private readonly insertTextRow: Database.Statement<[string, string, string, string, string]>;
  private readonly deleteTextRef: Database.Statement<[string, string]>;
  private readonly insertTextRef: Database.Statement<[string, string, number | bigint]>;
  private readonly upsertVote: Database.Statement<[string, string, string, number, number]>;
  private readonly deleteVote: Database.Statement<[string, string, string]>;
  private readonly insertQuestionRow: Database.Statement<Record<string, unknown>>;
  private readonly addQuestionCounts: Database.Statement<[number, number, string]>;
  private readonly deleteQuestionRow: Database.Statement<[string]>;
  private readonly deleteAnswersOfQuestion: Database.Statement<[string]>;
  private readonly deleteVotesOnAnswersOf: Database.Statement<[string]>;
  private readonly deleteVotesOn: Database.Statement<[string, string]>;
  private readonly insertAnswerRow: Database.Statement<Record<string, unknown>>;
  private readonly addAnswerScore: Database.Statement<[number, string]>;
  private readonly deleteAnswerRow: Database.Statement<[string]>;
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    super(db);
    this.reviewStatements = new SqliteReviewWrites(db);
    this.experts = new SqliteExpertWrites(db);
    this.db = db;
    this.ideaWrites = new SqliteIdeaWrites(db);
    this.selectIdempotency = db.prepare(
      'SELECT * FROM idempotency_keys WHERE user_id = ? AND key = ?',
    );
    this.insertIdempotency = db.prepare(
      `INSERT OR REPLACE INTO idempotency_keys
       (user_id, key, operation, fingerprint, response, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.pruneIdempotency = db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?');
    this.findTextRow = db
      .prepare<[string, string], number>(
        'SELECT fts_rowid FROM text_index_refs WHERE kind = ? AND ref = ?',
      )
      .pluck();
    this.deleteTextRow = db.prepare('DELETE FROM text_index WHERE rowid = ?');
    this.insertTextRow = db.prepare(
      'INSERT INTO text_index (kind, scope, ref, title, body) VALUES (?, ?, ?, ?, ?)',
    );
    this.deleteTextRef = db.prepare('DELETE FROM text_index_refs WHERE kind = ? AND ref = ?');
    this.insertTextRef = db.prepare(
      'INSERT INTO text_index_refs (kind, ref, fts_rowid) VALUES (?, ?, ?)',
    );
    this.upsertVote = db.prepare(
      `INSERT INTO votes (target_kind, target_id, user_id, value, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (target_kind, target_id, user_id) DO UPDATE
       SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.deleteVote = db.prepare(
      'DELETE FROM votes WHERE target_kind = ? AND target_id = ? AND user_id = ?',
    );
    this.insertQuestionRow = db.prepare(
      `INSERT INTO questions (id, subject, title, body, topics, author_id, author_name,
         author_avatar, created_at, edited_at, score, answer_count, accepted_answer_id)
       VALUES (@id, @subject, @title, @body, @topics, @author_id, @author_name, @author_avatar,
         @created_at, @edited_at, @score, @answer_count, @accepted_answer_id)`,
    );
    this.addQuestionCounts = db.prepare(
      'UPDATE questions SET score = score + ?, answer_count = answer_count + ? WHERE id = ?',
    );
    this.deleteQuestionRow = db.prepare('DELETE FROM questions WHERE id = ?');
    this.deleteAnswersOfQuestion = db.prepare('DELETE FROM answers WHERE question_id = ?');
    this.deleteVotesOnAnswersOf = db.prepare(
      `DELETE FROM votes WHERE target_kind = 'answer'
       AND target_id IN (SELECT id FROM answers WHERE question_id = ?)`,
    );
    this.deleteVotesOn = db.prepare('DELETE FROM votes WHERE target_kind = ? AND target_id = ?');
    this.insertAnswerRow = db.prepare(
      `INSERT INTO answers (id, question_id, body, author_id, author_name, author_avatar,
         created_at, edited_at, score)
       VALUES (@id, @question_id, @body, @author_id, @author_name, @author_avatar,
         @created_at, @edited_at, @score)`,
    );
    this.addAnswerScore = db.prepare('UPDATE answers SET score = score + ? WHERE id = ?');
    this.deleteAnswerRow = db.prepare('DELETE FROM answers WHERE id = ?');
    this.upsert = db.prepare(
      `INSERT INTO ratings (subject, user_id, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (subject, user_id) DO UPDATE
       SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM ratings WHERE subject = ? AND user_id = ?');
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

  async upsertRating(subject: string, userId: string, value: number, at: Date): Promise<void> {
    this.upsert.run(subject, userId, value, at.getTime());
  }

  async deleteRating(subject: string, userId: string): Promise<void> {
    this.remove.run(subject, userId);
  }

  async addToDistribution(subject: string, delta: Distribution): Promise<void> {
    if (this.addCounts.run(...delta, subject).changes === 0)
      this.insertCounts.run(subject, ...delta);
  }

  async idempotencyRecord(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = this.selectIdempotency.get(userId, key);
    return (
      row && {
        userId: row.user_id,
        key: row.key,
        operation: row.operation,
        fingerprint: row.fingerprint,
        response: row.response,
        createdAt: new Date(row.created_at),
      }
    );
  }

  async saveIdempotencyRecord(record: IdempotencyRecord): Promise<void> {
    this.insertIdempotency.run(
      record.userId,
      record.key,
      record.operation,
      record.fingerprint,
      record.response,
      record.createdAt.getTime(),
    );
  }

  async pruneIdempotencyRecords(before: Date): Promise<void> {
    this.pruneIdempotency.run(before.getTime());
  }

  async indexText({ kind, scope, id, title, body }: TextDocument): Promise<void> {
    await this.unindexText(kind, id);
    const { lastInsertRowid } = this.insertTextRow.run(kind, scope, id, title, body);
    this.insertTextRef.run(kind, id, lastInsertRowid);
  }

  async unindexText(kind: string, id: string): Promise<void> {
    const rowid = this.findTextRow.get(kind, id);
    if (rowid === undefined) return;
    this.deleteTextRow.run(rowid);
    this.deleteTextRef.run(kind, id);
  }

  async setVote(
    targetKind: string,
    targetId: string,
    userId: string,
    value: number,
    at: Date,
  ): Promise<void> {
    if (value === 0) this.deleteVote.run(targetKind, targetId, userId);
    else this.upsertVote.run(targetKind, targetId, userId, value, at.getTime());
  }

  async insertQuestion(row: Omit<QuestionRow, 'seq'>): Promise<QuestionRow> {
    const { lastInsertRowid } = this.insertQuestionRow.run({
      id: row.id,
      subject: row.subject,
      title: row.title,
      body: row.body,
      topics: JSON.stringify(row.topics),
      author_id: row.authorId,
      author_name: row.authorName,
      author_avatar: row.authorAvatar,
      created_at: row.createdAt.getTime(),
      edited_at: row.editedAt?.getTime() ?? null,
      score: row.score,
      answer_count: row.answerCount,
      accepted_answer_id: row.acceptedAnswerId,
    });
    return { ...row, topics: [...row.topics], seq: Number(lastInsertRowid) };
  }

  async updateQuestion(
    id: string,
    changes: Partial<
      Pick<QuestionRow, 'title' | 'body' | 'topics' | 'editedAt' | 'acceptedAnswerId'>
    >,
  ): Promise<void> {
    const columns: Record<string, unknown> = {};
    if (changes.title !== undefined) columns.title = changes.title;
    if (changes.body !== undefined) columns.body = changes.body;
    if (changes.topics !== undefined) columns.topics = JSON.stringify(changes.topics);
    if (changes.editedAt !== undefined) columns.edited_at = changes.editedAt?.getTime() ?? null;
    if (changes.acceptedAnswerId !== undefined)
      columns.accepted_answer_id = changes.acceptedAnswerId;
    updateColumns(this.db, 'questions', id, columns);
  }

  async addToQuestionCounts(
    id: string,
    { score = 0, answers = 0 }: { score?: number; answers?: number },
  ): Promise<void> {
    this.addQuestionCounts.run(score, answers, id);
  }

  async deleteQuestion(id: string): Promise<void> {
    this.deleteVotesOnAnswersOf.run(id);
    this.deleteAnswersOfQuestion.run(id);
    this.deleteVotesOn.run('question', id);
    this.deleteQuestionRow.run(id);
  }

  async insertAnswer(row: Omit<AnswerRow, 'seq'>): Promise<AnswerRow> {
    const { lastInsertRowid } = this.insertAnswerRow.run({
      id: row.id,
      question_id: row.questionId,
      body: row.body,
      author_id: row.authorId,
      author_name: row.authorName,
      author_avatar: row.authorAvatar,
      created_at: row.createdAt.getTime(),
      edited_at: row.editedAt?.getTime() ?? null,
      score: row.score,
    });
    return { ...row, seq: Number(lastInsertRowid) };
  }

  async updateAnswer(
    id: string,
    changes: Partial<Pick<AnswerRow, 'body' | 'editedAt'>>,
  ): Promise<void> {
    const columns: Record<string, unknown> = {};
    if (changes.body !== undefined) columns.body = changes.body;
    if (changes.editedAt !== undefined) columns.edited_at = changes.editedAt?.getTime() ?? null;
    updateColumns(this.db, 'answers', id, columns);
  }

  async addToAnswerScore(id: string, delta: number): Promise<void> {
    this.addAnswerScore.run(delta, id);
  }

  async deleteAnswer(id: string): Promise<void> {
    this.deleteVotesOn.run('answer', id);
    this.deleteAnswerRow.run(id);
  }

  private get reviewWrites(): SqliteReviewWrites {
    return this.reviewStatements as SqliteReviewWrites;
  }

  insertReview(row: Omit<ReviewRow, 'seq'>): Promise<ReviewRow> {
    return this.reviewWrites.insertReview(row);
  }

  updateReview(
    id: string,
    changes: Partial<Pick<ReviewRow, 'stars' | 'title' | 'body' | 'verified' | 'editedAt'>>,
  ): Promise<void> {
    return this.reviewWrites.updateReview(id, changes);
  }

  addToReviewHelpful(id: string, delta: { yes?: number; no?: number }): Promise<void> {
    return this.reviewWrites.addToReviewHelpful(id, delta);
  }

  deleteReview(id: string): Promise<void> {
    return this.reviewWrites.deleteReview(id);
  }

  private readonly ideaWrites: SqliteIdeaWrites;

  saveBoard(row: BoardRow): Promise<void> {
    return this.ideaWrites.saveBoard(row);
  }
  insertIdea(row: Omit<IdeaRow, 'seq'>): Promise<IdeaRow> {
    return this.ideaWrites.insertIdea(row);
  }
  updateIdea(id: string, changes: Parameters<IdeaStoreWriter['updateIdea']>[1]): Promise<void> {
    return this.ideaWrites.updateIdea(id, changes);
  }
  addToIdeaCounts(id: string, delta: { votes?: number; comments?: number }): Promise<void> {
    return this.ideaWrites.addToIdeaCounts(id, delta);
  }
  insertIdeaComment(row: Omit<IdeaCommentRow, 'seq'>): Promise<IdeaCommentRow> {
    return this.ideaWrites.insertIdeaComment(row);
  }
  insertIdeaUpdates(rows: ReadonlyArray<Omit<IdeaUpdateRow, 'seq'>>): Promise<void> {
    return this.ideaWrites.insertIdeaUpdates(rows);
  }
  setIdeaUpdatesSeen(userId: string, seq: number): Promise<void> {
    return this.ideaWrites.setIdeaUpdatesSeen(userId, seq);
  }
}

/** Column names come from the callers above, never from requests, so they are safe to splice. */
function updateColumns(
  db: Database.Database,
  table: 'questions' | 'answers',
  id: string,
  columns: Record<string, unknown>,
): void {
  const names = Object.keys(columns);
  if (names.length === 0) return;
  db.prepare(
    `UPDATE ${table} SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`,
  ).run({ ...columns, id });
}

/**
 * The embedded default store: one SQLite file in WAL mode with two connections. Write
 * transactions run one at a time on the writer connection (`BEGIN IMMEDIATE`, queued
 * in-process); reads outside transactions use a second connection, so they only ever see
 * committed data even while a transaction is open between awaits.
 */
export class SqliteStore implements Store {
  /** Whether opening this store created the database (first start: seed it). */
  readonly created: boolean;
  readonly file: string;
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private readonly reads: Reads;
  private readonly writes: Writes;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private queue: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | undefined;

  constructor({
    dataDir,
    fileName = 'community.sqlite',
    synchronous = 'NORMAL',
    busyTimeoutMs = 5000,
  }: SqliteStoreOptions) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, fileName);
    this.writer = new Database(this.file);
    configure(this.writer, synchronous, busyTimeoutMs);
    this.created = migrate(this.writer) === 0;
    this.reader = new Database(this.file, { readonly: true, fileMustExist: true });
    configure(this.reader, synchronous, busyTimeoutMs);
    this.reads = new Reads(this.reader);
    this.writes = new Writes(this.writer);
    this.begin = this.writer.prepare('BEGIN IMMEDIATE');
    this.commit = this.writer.prepare('COMMIT');
    this.rollback = this.writer.prepare('ROLLBACK');
  }

  /** People, reputation and expertise (reads on the read-only connection). */
  get experts(): SqliteExpertReads {
    return this.reads.experts;
  }

  /** The schema version recorded in the file. */
  get schemaVersion(): number {
    return currentVersion(this.writer);
  }

  ratingDistributions(subjects: readonly string[]): Promise<Map<string, Distribution>> {
    return this.reads.ratingDistributions(subjects);
  }

  userRatings(userId: string, subjects: readonly string[]): Promise<Map<string, number>> {
    return this.reads.userRatings(userId, subjects);
  }

  questions(ids: readonly string[]): Promise<Map<string, QuestionRow>> {
    return this.reads.questions(ids);
  }

  listQuestions(query: QuestionListQuery): Promise<QuestionRow[]> {
    return this.reads.listQuestions(query);
  }

  answers(ids: readonly string[]): Promise<Map<string, AnswerRow>> {
    return this.reads.answers(ids);
  }

  listAnswers(query: AnswerListQuery): Promise<AnswerRow[]> {
    return this.reads.listAnswers(query);
  }

  userVotes(
    userId: string,
    targetKind: string,
    targetIds: readonly string[],
  ): Promise<Map<string, number>> {
    return this.reads.userVotes(userId, targetKind, targetIds);
  }

  searchText(search: TextSearch): Promise<TextMatch[]> {
    return this.reads.searchText(search);
  }

  reviews(ids: readonly string[]): Promise<Map<string, ReviewRow>> {
    return this.reads.reviews(ids);
  }

  listReviews(query: ReviewListQuery): Promise<ReviewRow[]> {
    return this.reads.listReviews(query);
  }

  userReview(subject: string, userId: string): Promise<ReviewRow | undefined> {
    return this.reads.userReview(subject, userId);
  }

  board(id: string): Promise<BoardRow | undefined> {
    return this.reads.board(id);
  }
  ideas(ids: readonly string[]): Promise<Map<string, IdeaRow>> {
    return this.reads.ideas(ids);
  }
  listIdeas(query: IdeaListQuery): Promise<IdeaRow[]> {
    return this.reads.listIdeas(query);
  }
  trendingIdeas(query: TrendingIdeaQuery): Promise<IdeaRow[]> {
    return this.reads.trendingIdeas(query);
  }
  listIdeaComments(
    query: Parameters<IdeaStoreReader['listIdeaComments']>[0],
  ): Promise<IdeaCommentRow[]> {
    return this.reads.listIdeaComments(query);
  }
  countOpenIdeaVotes(userId: string, board: string): Promise<number> {
    return this.reads.countOpenIdeaVotes(userId, board);
  }
  ideaVoters(ideaId: string): Promise<string[]> {
    return this.reads.ideaVoters(ideaId);
  }
  ideaUpdates(query: Parameters<IdeaStoreReader['ideaUpdates']>[0]): Promise<IdeaUpdateRow[]> {
    return this.reads.ideaUpdates(query);
  }
  ideaUpdatesSeen(userId: string): Promise<number> {
    return this.reads.ideaUpdatesSeen(userId);
  }

  write<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new Error('The store is closed.'));
    const run = this.queue.then(() => this.transact(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async transact<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> {
    this.begin.run();
    try {
      const result = await work(this.writes);
      this.commit.run();
      return result;
    } catch (error) {
      // A failed COMMIT or a constraint error may already have ended the transaction.
      if (this.writer.inTransaction) this.rollback.run();
      throw error;
    }
  }

  async ping(): Promise<void> {
    this.reads.ping();
  }

  /** Lets queued transactions finish, then closes both connections. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.queue.then(() => {
      this.reader.close();
      this.writer.close();
    });
    return this.closing;
  }
}

function configure(db: Database.Database, synchronous: SqliteSynchronous, busyTimeoutMs: number) {
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  if (!db.readonly) db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
}

function currentVersion(db: Database.Database): number {
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

/**
 * Applies the migrations the file has not seen, each in its own immediate transaction so
 * two processes starting at once cannot both apply one. Returns the version found before.
 */
function migrate(db: Database.Database): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const found = currentVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (found > newest) {
    throw new Error(
      `The database is at schema version ${found}, newer than this server knows (${newest}). ` +
        'Run a newer server; migrations only go forward.',
    );
  }
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const isApplied = db.prepare<[number], unknown>(
    'SELECT 1 FROM schema_migrations WHERE version = ?',
  );
  for (const migration of migrations) {
    const apply = db.transaction(() => {
      // Re-read inside the lock: another process may have applied it meanwhile. By version,
      // not by the highest one: numbers are claimed by parallel branches (2 Q&A, 3 reviews,
      // 4 ideas), and a database made before a lower number merged still needs it.
      if (isApplied.get(migration.version) !== undefined) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
    });
    apply.immediate();
  }
  return found;
}
