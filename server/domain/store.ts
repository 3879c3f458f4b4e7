import type { EventLogReader, EventLogWriter } from './events.js';
import type { ExpertStoreReader, ExpertStoreWriter } from './expert-store.js';
import type { IdempotencyStore } from './idempotency.js';
import type { IdeaStoreReader, IdeaStoreWriter } from './idea-store.js';
import type { InsightStoreReader, InsightStoreWriter } from './insight-store.js';
import type { ModerationReader, ModerationWriter } from './moderation-store.js';
import type { NotificationReader, NotificationWriter } from './notification-store.js';
import type { QuestionReader, QuestionWriter } from './question-store.js';
import type { RatingReader, RatingWriter } from './rating-store.js';
import type { ReviewReader, ReviewWriter } from './review-store.js';
import type { TextIndexReader, TextIndexWriter } from './text-search.js';
import type { VoteReader, VoteWriter } from './vote-store.js';

export type {
  AnswerListQuery,
  AnswerRow,
  QuestionListQuery,
  QuestionRow,
} from './question-store.js';

/** Who wrote a post, as it was when they wrote it (the host owns profiles). */
export interface AuthorColumns {
  authorId: string;
  authorName: string;
  authorAvatar: string | null;
}

/**
 * Reads any store answers, inside or outside a write transaction: one sub-port per feature,
 * each declared beside its feature. Every method is async so a networked store (Postgres)
 * implements the same ports.
 */
export interface StoreReader {
  readonly ratings: RatingReader;
  readonly questions: QuestionReader;
  readonly reviews: ReviewReader;
  readonly ideas: IdeaStoreReader;
  /** People, reputation, topic expertise, endorsements and invitations. */
  readonly experts: ExpertStoreReader;
  readonly votes: VoteReader;
  readonly text: TextIndexReader;
  /** Reports, held and removed posts, the decision log, suspensions. */
  readonly moderation: ModerationReader;
  /** The community's history, one event per change (`events.ts`). */
  readonly events: EventLogReader;
  /** People's notifications, their unread counters and preferences. */
  readonly notifications: NotificationReader;
  /** The insights' aggregates, kept by `InsightAggregates` in each event's transaction. */
  readonly insights: InsightStoreReader;
}

/** Writes, only reachable inside `Store.write`, so every change is part of a transaction. */
export interface StoreWriter extends StoreReader {
  readonly ratings: RatingWriter;
  readonly questions: QuestionWriter;
  readonly reviews: ReviewWriter;
  readonly ideas: IdeaStoreWriter;
  readonly experts: ExpertStoreWriter;
  readonly votes: VoteWriter;
  readonly text: TextIndexWriter;
  readonly moderation: ModerationWriter;
  readonly events: EventLogWriter;
  readonly notifications: NotificationWriter;
  readonly insights: InsightStoreWriter;
  readonly idempotency: IdempotencyStore;
}

/**
 * Persistence for the domain. Implementations: `server/store/memory.ts` (tests and the msw
 * mock) and `server/store/sqlite.ts` (the embedded default), one file per feature beside each.
 */
export interface Store extends StoreReader {
  /**
   * Runs `work` as one serialisable transaction: all its writes land, or none do when it
   * throws. Transactions never interleave, so a read-modify-write inside is safe.
   */
  write<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T>;
  /** Cheap read round trip: the `store-read` check of health probes. */
  ping(): Promise<void>;
  /**
   * Proves the store can still write (the `store-write` check): a real committed write of
   * scratch data that fails when the disk is full or the store read-only, leaving no trace.
   */
  checkWrite(): Promise<void>;
  close(): Promise<void>;
  /**
   * Told, in one sentence for an operator, of a fault the store works around but should not
   * stay in (a background thread that failed, a connection the database dropped). The
   * server sets it to its log once the log exists; unset, such faults pass silently.
   */
  onWarning?: (message: string) => void;
}
