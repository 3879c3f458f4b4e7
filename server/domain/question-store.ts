import type { Visibility } from './moderation-store.js';
import type { QuestionOrder } from './qa-rules.js';
import type { AuthorColumns } from './store.js';

export interface QuestionRow extends AuthorColumns {
  id: string;
  /** Insertion order, assigned by the store: the stable tie-breaker of every list order. */
  seq: number;
  subject: string;
  title: string;
  body: string;
  topics: string[];
  createdAt: Date;
  editedAt: Date | null;
  /** Sum of the votes (+1/−1), kept in step with `votes` in the same transaction. */
  score: number;
  answerCount: number;
  acceptedAnswerId: string | null;
}

export interface AnswerRow extends AuthorColumns {
  id: string;
  seq: number;
  questionId: string;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  score: number;
}

/** A page of a subject's questions: `after` is the keyset of the last row already shown. */
export interface QuestionListQuery {
  subject: string;
  order: QuestionOrder;
  /** `[seq]` for newest and unanswered, `[score, seq]` for votes. */
  after?: ReadonlyArray<string | number> | undefined;
  limit: number;
  /** Rows this reader may not see are not in the page. */
  visibleTo: Visibility;
}

/** A page of a question's answers, best first (`score` down, then oldest first). */
export interface AnswerListQuery {
  questionId: string;
  /** `[score, seq]` of the last row already shown. */
  after?: ReadonlyArray<string | number> | undefined;
  limit: number;
  /** Rows this reader may not see are not in the page. */
  visibleTo: Visibility;
}

/** The Q&A reads; `StoreReader.questions`. */
export interface QuestionReader {
  byIds(ids: readonly string[]): Promise<Map<string, QuestionRow>>;
  list(query: QuestionListQuery): Promise<QuestionRow[]>;
  answers(ids: readonly string[]): Promise<Map<string, AnswerRow>>;
  listAnswers(query: AnswerListQuery): Promise<AnswerRow[]>;
  /** Whether `userId` has answered the question (invitations are refused then). */
  answeredBy(questionId: string, userId: string): Promise<boolean>;
}

/** The Q&A writes; `StoreWriter.questions`. */
export interface QuestionWriter extends QuestionReader {
  /** Stores a new question; the store assigns `seq`. */
  insert(row: Omit<QuestionRow, 'seq'>): Promise<QuestionRow>;
  update(
    id: string,
    changes: Partial<
      Pick<QuestionRow, 'title' | 'body' | 'topics' | 'editedAt' | 'acceptedAnswerId'>
    >,
  ): Promise<void>;
  /** Adds (possibly negative) deltas to a question's vote score and answer count. */
  addToCounts(id: string, delta: { score?: number; answers?: number }): Promise<void>;
  /** Removes a question with its answers and every vote on either. */
  remove(id: string): Promise<void>;
  insertAnswer(row: Omit<AnswerRow, 'seq'>): Promise<AnswerRow>;
  updateAnswer(id: string, changes: Partial<Pick<AnswerRow, 'body' | 'editedAt'>>): Promise<void>;
  addToAnswerScore(id: string, delta: number): Promise<void>;
  /** Removes an answer and the votes on it. */
  removeAnswer(id: string): Promise<void>;
}
