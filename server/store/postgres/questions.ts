import type {
  AnswerListQuery,
  AnswerRow,
  QuestionListQuery,
  QuestionReader,
  QuestionRow,
  QuestionWriter,
} from '../../domain/question-store.js';
import { pgVisibility, visibleTo } from '../rows/moderation.js';
import { one, sql, timeOrNull, updateColumns, type Db } from './columns.js';
import {
  type AnswerColumns,
  answerRow,
  type QuestionColumns,
  questionRow,
} from '../rows/questions.js';

/** Part of migration 2: questions and answers, counts kept in step with votes and answers. */
export const questionTables = `
      CREATE TABLE questions (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        subject TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        topics TEXT[] NOT NULL DEFAULT '{}',
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        author_avatar TEXT,
        created_at BIGINT NOT NULL,
        edited_at BIGINT,
        -- Kept in step with votes and answers inside the same transactions.
        score INTEGER NOT NULL DEFAULT 0,
        answer_count INTEGER NOT NULL DEFAULT 0 CHECK (answer_count >= 0),
        accepted_answer_id TEXT
      );
      CREATE INDEX questions_newest ON questions (subject, seq);
      CREATE INDEX questions_by_votes ON questions (subject, score, seq);
      CREATE INDEX questions_unanswered ON questions (subject, answer_count, seq);

      CREATE TABLE answers (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        question_id TEXT NOT NULL,
        body TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        author_avatar TEXT,
        created_at BIGINT NOT NULL,
        edited_at BIGINT,
        score INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX answers_by_question ON answers (question_id, score, seq);
`;

export class PgQuestionReads implements QuestionReader {
  constructor(protected readonly db: Db) {}

  async byIds(ids: readonly string[]): Promise<Map<string, QuestionRow>> {
    if (ids.length === 0) return new Map();
    const rows = await sql<QuestionColumns>(
      this.db,
      'SELECT * FROM questions WHERE id = ANY($1::text[])',
      [ids],
    );
    return new Map(rows.map((c) => [c.id, questionRow(c)]));
  }

  async list({
    subject,
    order,
    after,
    limit,
    visibleTo: reader,
  }: QuestionListQuery): Promise<QuestionRow[]> {
    if (order === 'votes') {
      const [score, seq] =
        after === undefined ? [Number.MAX_SAFE_INTEGER, 0] : (after as [number, number]);
      const rows = await sql<QuestionColumns>(
        this.db,
        `SELECT * FROM questions WHERE subject = $1 AND (score < $2::bigint OR (score = $2::bigint AND seq < $3))
           AND ${visibleTo('question', 'questions.id', '$5::boolean', '$6::text')}
         ORDER BY score DESC, seq DESC LIMIT $4`,
        [subject, score, seq, limit, ...pgVisibility(reader)],
      );
      return rows.map(questionRow);
    }
    // Keysets: the largest seq is the newest; a huge "after" stands for "from the start".
    const before = (after?.[0] as number | undefined) ?? Number.MAX_SAFE_INTEGER;
    const shown = visibleTo('question', 'questions.id', '$4::boolean', '$5::text');
    const rows = await sql<QuestionColumns>(
      this.db,
      order === 'newest'
        ? `SELECT * FROM questions WHERE subject = $1 AND seq < $2 AND ${shown}
           ORDER BY seq DESC LIMIT $3`
        : `SELECT * FROM questions WHERE subject = $1 AND answer_count = 0 AND seq < $2
             AND ${shown}
           ORDER BY seq DESC LIMIT $3`,
      [subject, before, limit, ...pgVisibility(reader)],
    );
    return rows.map(questionRow);
  }

  async answers(ids: readonly string[]): Promise<Map<string, AnswerRow>> {
    if (ids.length === 0) return new Map();
    const rows = await sql<AnswerColumns>(
      this.db,
      'SELECT * FROM answers WHERE id = ANY($1::text[])',
      [ids],
    );
    return new Map(rows.map((c) => [c.id, answerRow(c)]));
  }

  async listAnswers({
    questionId,
    after,
    limit,
    visibleTo: reader,
  }: AnswerListQuery): Promise<AnswerRow[]> {
    const [score, seq] =
      after === undefined ? [Number.MAX_SAFE_INTEGER, 0] : (after as [number, number]);
    const rows = await sql<AnswerColumns>(
      this.db,
      `SELECT * FROM answers WHERE question_id = $1 AND (score < $2::bigint OR (score = $2::bigint AND seq > $3))
         AND ${visibleTo('answer', 'answers.id', '$5::boolean', '$6::text')}
       ORDER BY score DESC, seq ASC LIMIT $4`,
      [questionId, score, seq, limit, ...pgVisibility(reader)],
    );
    return rows.map(answerRow);
  }

  async answeredBy(questionId: string, userId: string): Promise<boolean> {
    const rows = await sql<{ found: number }>(
      this.db,
      'SELECT 1 AS found FROM answers WHERE question_id = $1 AND author_id = $2 LIMIT 1',
      [questionId, userId],
    );
    return rows.length > 0;
  }
}

export class PgQuestionWrites extends PgQuestionReads implements QuestionWriter {
  async insert(row: Omit<QuestionRow, 'seq'>): Promise<QuestionRow> {
    const inserted = await one<{ seq: number }>(
      this.db,
      `INSERT INTO questions (id, subject, title, body, topics, author_id, author_name,
         author_avatar, created_at, edited_at, score, answer_count, accepted_answer_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING seq`,
      [
        row.id,
        row.subject,
        row.title,
        row.body,
        row.topics,
        row.authorId,
        row.authorName,
        row.authorAvatar,
        row.createdAt.getTime(),
        timeOrNull(row.editedAt),
        row.score,
        row.answerCount,
        row.acceptedAnswerId,
      ],
    );
    return { ...row, topics: [...row.topics], seq: inserted!.seq };
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
    if (changes.topics !== undefined) columns.topics = changes.topics;
    if (changes.editedAt !== undefined) columns.edited_at = timeOrNull(changes.editedAt);
    if (changes.acceptedAnswerId !== undefined)
      columns.accepted_answer_id = changes.acceptedAnswerId;
    await updateColumns(this.db, 'questions', id, columns);
  }

  async addToCounts(
    id: string,
    { score = 0, answers = 0 }: { score?: number; answers?: number },
  ): Promise<void> {
    await sql(
      this.db,
      'UPDATE questions SET score = score + $1, answer_count = answer_count + $2 WHERE id = $3',
      [score, answers, id],
    );
  }

  async remove(id: string): Promise<void> {
    await sql(
      this.db,
      `DELETE FROM votes WHERE target_kind = 'answer'
       AND target_id IN (SELECT id FROM answers WHERE question_id = $1)`,
      [id],
    );
    await sql(this.db, 'DELETE FROM answers WHERE question_id = $1', [id]);
    await sql(this.db, 'DELETE FROM votes WHERE target_kind = $1 AND target_id = $2', [
      'question',
      id,
    ]);
    await sql(this.db, 'DELETE FROM questions WHERE id = $1', [id]);
  }

  async insertAnswer(row: Omit<AnswerRow, 'seq'>): Promise<AnswerRow> {
    const inserted = await one<{ seq: number }>(
      this.db,
      `INSERT INTO answers (id, question_id, body, author_id, author_name, author_avatar,
         created_at, edited_at, score)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING seq`,
      [
        row.id,
        row.questionId,
        row.body,
        row.authorId,
        row.authorName,
        row.authorAvatar,
        row.createdAt.getTime(),
        timeOrNull(row.editedAt),
        row.score,
      ],
    );
    return { ...row, seq: inserted!.seq };
  }

  async updateAnswer(
    id: string,
    changes: Partial<Pick<AnswerRow, 'body' | 'editedAt'>>,
  ): Promise<void> {
    const columns: Record<string, unknown> = {};
    if (changes.body !== undefined) columns.body = changes.body;
    if (changes.editedAt !== undefined) columns.edited_at = timeOrNull(changes.editedAt);
    await updateColumns(this.db, 'answers', id, columns);
  }

  async addToAnswerScore(id: string, delta: number): Promise<void> {
    await sql(this.db, 'UPDATE answers SET score = score + $1 WHERE id = $2', [delta, id]);
  }

  async removeAnswer(id: string): Promise<void> {
    await sql(this.db, 'DELETE FROM votes WHERE target_kind = $1 AND target_id = $2', [
      'answer',
      id,
    ]);
    await sql(this.db, 'DELETE FROM answers WHERE id = $1', [id]);
  }
}
