import type { ExpertStoreReader, ExpertStoreWriter } from './expert-store.js';
import type { IdempotencyRecord } from './idempotency.js';
import type { IdeaStoreReader, IdeaStoreWriter } from './idea-store.js';
import type { QuestionOrder } from './qa-rules.js';
import type { ReviewReader, ReviewWriter } from './review-store.js';
import type { TextDocument, TextIndexReader } from './text-search.js';
import type { Distribution } from './types.js';

/** Who wrote a post, as it was when they wrote it (the host owns profiles). */
export interface AuthorColumns {
  authorId: string;
  authorName: string;
  authorAvatar: string | null;
}

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
}

/** A page of a question's answers, best first (`score` down, then oldest first). */
export interface AnswerListQuery {
  questionId: string;
  /** `[score, seq]` of the last row already shown. */
  after?: ReadonlyArray<string | number> | undefined;
  limit: number;
}

/**
 * Reads any store answers, inside or outside a write transaction.
 * Every method is async so a networked store (Postgres) fits the same interface.
 */
export interface StoreReader extends TextIndexReader, ReviewReader, IdeaStoreReader {
  /** People, reputation, topic expertise, endorsements and invitations (`expert-store.ts`). */
  readonly experts: ExpertStoreReader;
  /** Per-star counts for the subjects that have any ratings; absent subjects have none. */
  ratingDistributions(subjects: readonly string[]): Promise<Map<string, Distribution>>;
  /** The user's own rating of each subject they have rated. */
  userRatings(userId: string, subjects: readonly string[]): Promise<Map<string, number>>;
  questions(ids: readonly string[]): Promise<Map<string, QuestionRow>>;
  listQuestions(query: QuestionListQuery): Promise<QuestionRow[]>;
  answers(ids: readonly string[]): Promise<Map<string, AnswerRow>>;
  listAnswers(query: AnswerListQuery): Promise<AnswerRow[]>;
  /**
   * The user's votes (+1 or −1) on targets of one kind (`question`, `answer`, later `idea`),
   * for the targets they voted on. One vote per person per target.
   */
  userVotes(
    userId: string,
    targetKind: string,
    targetIds: readonly string[],
  ): Promise<Map<string, number>>;
}

/** Writes, only reachable inside `Store.write`, so every change is part of a transaction. */
export interface StoreWriter extends Omit<StoreReader, 'experts'>, ReviewWriter, IdeaStoreWriter {
  readonly experts: ExpertStoreWriter;
  upsertRating(subject: string, userId: string, value: number, at: Date): Promise<void>;
  deleteRating(subject: string, userId: string): Promise<void>;
  /** Adds `delta` (per star, may be negative) to the subject's stored distribution. */
  addToDistribution(subject: string, delta: Distribution): Promise<void>;

  /** The record of an `Idempotency-Key`, expired or not. */
  idempotencyRecord(userId: string, key: string): Promise<IdempotencyRecord | undefined>;
  saveIdempotencyRecord(record: IdempotencyRecord): Promise<void>;
  /** Forgets keys created before `before`. */
  pruneIdempotencyRecords(before: Date): Promise<void>;

  /** Adds or replaces (by kind and id) a document of the full-text index. */
  indexText(document: TextDocument): Promise<void>;
  unindexText(kind: string, id: string): Promise<void>;

  /** Sets the user's vote on a target: +1, −1, or 0 to remove it. */
  setVote(
    targetKind: string,
    targetId: string,
    userId: string,
    value: number,
    at: Date,
  ): Promise<void>;

  /** Stores a new question; the store assigns `seq`. */
  insertQuestion(row: Omit<QuestionRow, 'seq'>): Promise<QuestionRow>;
  updateQuestion(
    id: string,
    changes: Partial<
      Pick<QuestionRow, 'title' | 'body' | 'topics' | 'editedAt' | 'acceptedAnswerId'>
    >,
  ): Promise<void>;
  /** Adds (possibly negative) deltas to a question's vote score and answer count. */
  addToQuestionCounts(id: string, delta: { score?: number; answers?: number }): Promise<void>;
  /** Removes a question with its answers and every vote on either. */
  deleteQuestion(id: string): Promise<void>;
  insertAnswer(row: Omit<AnswerRow, 'seq'>): Promise<AnswerRow>;
  updateAnswer(id: string, changes: Partial<Pick<AnswerRow, 'body' | 'editedAt'>>): Promise<void>;
  addToAnswerScore(id: string, delta: number): Promise<void>;
  /** Removes an answer and the votes on it. */
  deleteAnswer(id: string): Promise<void>;
}

/**
 * Persistence for the domain. Implementations: `server/store/memory.ts` (tests and the msw
 * mock) and `server/store/sqlite.ts` (the embedded default).
 */
export interface Store extends StoreReader {
  /**
   * Runs `work` as one serialisable transaction: all its writes land, or none do when it
   * throws. Transactions never interleave, so a read-modify-write inside is safe.
   */
  write<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T>;
  /** Cheap round trip used by health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
