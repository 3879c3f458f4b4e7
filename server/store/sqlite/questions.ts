import type Database from 'better-sqlite3';
import type {
  AnswerListQuery,
  AnswerRow,
  QuestionListQuery,
  QuestionReader,
  QuestionRow,
  QuestionWriter,
} from '../../domain/question-store.js';
import { sqliteVisibility, visibleTo } from '../rows/moderation.js';
import { timeOrNull, updateColumns } from './columns.js';
import {
  type AnswerColumns,
  answerRow,
  type QuestionColumns,
  questionRow,
} from '../rows/questions.js';

/** Part of migration 2: questions and answers, counts kept in step with votes and answers. */
export const questionTables = `
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
`;

export class SqliteQuestionReads implements QuestionReader {
  private readonly questionsById: Database.Statement<[string], QuestionColumns>;
  private readonly newest: Database.Statement<
    [string, number, number, string | null, number],
    QuestionColumns
  >;
  private readonly unanswered: Database.Statement<
    [string, number, number, string | null, number],
    QuestionColumns
  >;
  private readonly byVotes: Database.Statement<
    [string, number, number, number, number, string | null, number],
    QuestionColumns
  >;
  private readonly answersById: Database.Statement<[string], AnswerColumns>;
  private readonly answerBy: Database.Statement<[string, string]>;
  private readonly answersOfQuestion: Database.Statement<
    [string, number, number, number, number, string | null, number],
    AnswerColumns
  >;

  constructor(db: Database.Database) {
    this.questionsById = db.prepare(
      'SELECT * FROM questions WHERE id IN (SELECT value FROM json_each(?))',
    );
    // Keysets: the largest seq is the newest; a huge "after" stands for "from the start".
    const shown = visibleTo('question', 'questions.id', '?', '?');
    this.newest = db.prepare(
      `SELECT * FROM questions WHERE subject = ? AND seq < ? AND ${shown}
       ORDER BY seq DESC LIMIT ?`,
    );
    this.unanswered = db.prepare(
      `SELECT * FROM questions WHERE subject = ? AND answer_count = 0 AND seq < ? AND ${shown}
       ORDER BY seq DESC LIMIT ?`,
    );
    this.byVotes = db.prepare(
      `SELECT * FROM questions WHERE subject = ? AND (score < ? OR (score = ? AND seq < ?))
         AND ${shown}
       ORDER BY score DESC, seq DESC LIMIT ?`,
    );
    this.answersById = db.prepare(
      'SELECT * FROM answers WHERE id IN (SELECT value FROM json_each(?))',
    );
    this.answerBy = db.prepare(
      'SELECT 1 FROM answers WHERE question_id = ? AND author_id = ? LIMIT 1',
    );
    this.answersOfQuestion = db.prepare(
      `SELECT * FROM answers WHERE question_id = ? AND (score < ? OR (score = ? AND seq > ?))
         AND ${visibleTo('answer', 'answers.id', '?', '?')}
       ORDER BY score DESC, seq ASC LIMIT ?`,
    );
  }

  async byIds(ids: readonly string[]): Promise<Map<string, QuestionRow>> {
    if (ids.length === 0) return new Map();
    const rows = this.questionsById.all(JSON.stringify(ids)).map(questionRow);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async list({
    subject,
    order,
    after,
    limit,
    visibleTo: reader,
  }: QuestionListQuery): Promise<QuestionRow[]> {
    const shown = sqliteVisibility(reader);
    if (order === 'votes') {
      const [score, seq] =
        after === undefined ? [Number.MAX_SAFE_INTEGER, 0] : (after as [number, number]);
      return this.byVotes.all(subject, score, score, seq, ...shown, limit).map(questionRow);
    }
    const before = (after?.[0] as number | undefined) ?? Number.MAX_SAFE_INTEGER;
    const statement = order === 'newest' ? this.newest : this.unanswered;
    return statement.all(subject, before, ...shown, limit).map(questionRow);
  }

  async answers(ids: readonly string[]): Promise<Map<string, AnswerRow>> {
    if (ids.length === 0) return new Map();
    const rows = this.answersById.all(JSON.stringify(ids)).map(answerRow);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async listAnswers({
    questionId,
    after,
    limit,
    visibleTo: reader,
  }: AnswerListQuery): Promise<AnswerRow[]> {
    const [score, seq] =
      after === undefined ? [Number.MAX_SAFE_INTEGER, 0] : (after as [number, number]);
    return this.answersOfQuestion
      .all(questionId, score, score, seq, ...sqliteVisibility(reader), limit)
      .map(answerRow);
  }

  async answeredBy(questionId: string, userId: string): Promise<boolean> {
    return this.answerBy.get(questionId, userId) !== undefined;
  }
}

export class SqliteQuestionWrites extends SqliteQuestionReads implements QuestionWriter {
  private readonly insertQuestionRow: Database.Statement<Record<string, unknown>>;
  private readonly addQuestionCounts: Database.Statement<[number, number, string]>;
  private readonly deleteQuestionRow: Database.Statement<[string]>;
  private readonly deleteAnswersOfQuestion: Database.Statement<[string]>;
  private readonly deleteVotesOnAnswersOf: Database.Statement<[string]>;
  private readonly deleteVotesOn: Database.Statement<[string, string]>;
  private readonly insertAnswerRow: Database.Statement<Record<string, unknown>>;
  private readonly addAnswerScore: Database.Statement<[number, string]>;
  private readonly deleteAnswerRow: Database.Statement<[string]>;

  constructor(private readonly db: Database.Database) {
    super(db);
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
  }

  async insert(row: Omit<QuestionRow, 'seq'>): Promise<QuestionRow> {
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
      edited_at: timeOrNull(row.editedAt),
      score: row.score,
      answer_count: row.answerCount,
      accepted_answer_id: row.acceptedAnswerId,
    });
    return { ...row, topics: [...row.topics], seq: Number(lastInsertRowid) };
  }

  async update(
    id: string,
    changes: Partial<
      Pick<QuestionRow, 'title' | 'body' | 'topics' | 'editedAt' | 'acceptedAnswerId'>
    >,
  ): Promise<void> {
    const columns: Record<string, unknown> = {};
    if (changes.title !== undefined) columns.title = changes.title;
    if (changes.body !== undefined) columns.body = changes.body;
    if (changes.topics !== undefined) columns.topics = JSON.stringify(changes.topics);
    if (changes.editedAt !== undefined) columns.edited_at = timeOrNull(changes.editedAt);
    if (changes.acceptedAnswerId !== undefined)
      columns.accepted_answer_id = changes.acceptedAnswerId;
    updateColumns(this.db, 'questions', id, columns);
  }

  async addToCounts(
    id: string,
    { score = 0, answers = 0 }: { score?: number; answers?: number },
  ): Promise<void> {
    this.addQuestionCounts.run(score, answers, id);
  }

  async remove(id: string): Promise<void> {
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
      edited_at: timeOrNull(row.editedAt),
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
    if (changes.editedAt !== undefined) columns.edited_at = timeOrNull(changes.editedAt);
    updateColumns(this.db, 'answers', id, columns);
  }

  async addToAnswerScore(id: string, delta: number): Promise<void> {
    this.addAnswerScore.run(delta, id);
  }

  async removeAnswer(id: string): Promise<void> {
    this.deleteVotesOn.run('answer', id);
    this.deleteAnswerRow.run(id);
  }
}
