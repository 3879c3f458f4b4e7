import { randomId } from './ids.js';
import type { ModerationKind } from './moderation-store.js';
import type { StoreWriter } from './store.js';
import type { Role } from './types.js';

/**
 * The community's history: one event per change anyone made, written by the domain in the
 * same `Store.write` transaction as the change, so an event exists exactly when its change
 * committed. Everything that reacts to the community reads from here — the outbox of the
 * host's webhooks, people's notifications, the insights' aggregates, the warehouse export —
 * so a change is described once, whatever listens.
 *
 * `place` is where the change happened (`subject:<id>` or `board:<id>`, the scopes posting
 * rules and private spaces use; `null` for a person). Held posts are recorded with
 * `held: true`: they become public with `moderation.approve` (or never).
 */
export interface CommunityEventData {
  /** A person's stars on a subject set, changed (`stars`) or cleared (`stars: null`). */
  'rating.set': { subject: string; stars: number | null; previous: number | null };
  'review.posted': ReviewFacts & { stars: number; title: string; held: boolean };
  'review.edited': ReviewFacts;
  'review.deleted': ReviewFacts;
  /** Someone said whether a review helped them (`helpful: null`: took it back). */
  'review.voted': ReviewFacts & { helpful: 'yes' | 'no' | null; previous: 'yes' | 'no' | null };
  'question.asked': QuestionFacts & { held: boolean };
  'question.edited': QuestionFacts;
  'question.deleted': QuestionFacts;
  'question.voted': QuestionFacts & { value: number; previous: number };
  'answer.posted': AnswerFacts & { held: boolean };
  'answer.edited': AnswerFacts;
  'answer.deleted': AnswerFacts;
  'answer.voted': AnswerFacts & { value: number; previous: number };
  /** The accepted answer changed: `answerId` is the new one (null: none), `previousAnswerId` the old. */
  'answer.accepted': QuestionFacts & {
    answerId: string | null;
    answerAuthorId: string | null;
    previousAnswerId: string | null;
  };
  'idea.submitted': IdeaFacts & { held: boolean };
  /** A vote given (`voted: true`) or taken back. */
  'idea.voted': IdeaFacts & { voted: boolean };
  'idea.status-changed': IdeaFacts & { from: string; to: string; note: string | null };
  /**
   * A duplicate merged into `intoId`, recorded once its votes moved: `voterIds` are the
   * duplicate's voters, who now vote for the survivor.
   */
  'idea.merged': IdeaFacts & { intoId: string; note: string | null; voterIds: string[] };
  'idea.commented': IdeaFacts & {
    commentId: string;
    commentAuthorId: string;
    official: boolean;
    held: boolean;
  };
  /** An endorsement of `personId` on `topic` given (`endorsed: true`) or withdrawn. */
  'expert.endorsed': { personId: string; topic: string; endorsed: boolean };
  /** The asker invited `personId` to answer. */
  'expert.invited': QuestionFacts & { personId: string; invitationId: string };
  'post.reported': PostFacts & { reason: string; reports: number };
  /** A moderation log entry: a post held, hidden by reports, approved, removed or restored. */
  'moderation.decided': PostFacts & {
    action: 'hold' | 'hide' | 'approve' | 'remove' | 'restore';
    /** The post's state before: `visible`, `held`, `hidden` or `removed`. */
    from: string;
    reason: string | null;
    rule: string | null;
  };
  'person.suspended': { personId: string; until: string; reason: string };
  'person.unsuspended': { personId: string };
}

export type CommunityEventType = keyof CommunityEventData;

interface ReviewFacts {
  subject: string;
  reviewId: string;
  authorId: string;
}

interface QuestionFacts {
  subject: string;
  questionId: string;
  questionTitle: string;
  questionAuthorId: string;
  topics: string[];
}

interface AnswerFacts extends QuestionFacts {
  answerId: string;
  authorId: string;
}

interface IdeaFacts {
  board: string;
  ideaId: string;
  ideaTitle: string;
  ideaAuthorId: string;
}

interface PostFacts {
  kind: ModerationKind;
  postId: string;
  authorId: string;
  title: string;
}

/** One stored event; `data`'s shape is `CommunityEventData[type]`. */
export interface CommunityEventRow<T extends CommunityEventType = CommunityEventType> {
  /** Commit order within this store, assigned by the store: the cursor of every reader. */
  seq: number;
  /** Stable across retries and deliveries: receivers deduplicate on it. */
  id: string;
  type: T;
  at: Date;
  /** Who caused it; null when the community itself did (auto-hide, holds). */
  actorId: string | null;
  place: string | null;
  data: CommunityEventData[T];
}

/** The reads of the event log; `StoreReader.events`. */
export interface EventLogReader {
  /**
   * Events after `after` (a `seq`), oldest first. Only events every earlier transaction has
   * settled before are returned, so a reader that moves its cursor past an event never misses
   * one committed later with a smaller `seq` (Postgres commits out of `seq` order).
   */
  after(query: { after: number; limit: number }): Promise<CommunityEventRow[]>;
}

/** The writes; `StoreWriter.events`. */
export interface EventLogWriter extends EventLogReader {
  append<T extends CommunityEventType>(
    row: Omit<CommunityEventRow<T>, 'seq'>,
  ): Promise<CommunityEventRow<T>>;
}

export interface EventInput<T extends CommunityEventType> {
  type: T;
  actorId: string | null;
  /**
   * The actor's roles as their token gave them when they acted (the insights tell employees
   * from customers). Listeners get them; the log does not keep them, as it keeps no profile.
   */
  actorRoles?: readonly Role[];
  place: string | null;
  data: CommunityEventData[T];
}

/** What listeners learn beside the stored event. */
export interface EventContext {
  actorRoles: readonly Role[];
}

/** What must change in the same transaction as an event (notifications, aggregates). */
export interface EventListener {
  onEvent(tx: StoreWriter, event: CommunityEventRow, context: EventContext): Promise<void>;
}

/**
 * Records events inside the caller's transaction. Services hold one, as they hold
 * `Reputation`; listeners run in the event's transaction, so what they write commits or
 * rolls back with the change. What may happen later (webhooks, the export) reads the log.
 */
export class CommunityEvents {
  private readonly listeners: EventListener[] = [];

  constructor(private readonly now: () => Date) {}

  /** Each listener is registered once, when the community is made. */
  listen(listener: EventListener): void {
    this.listeners.push(listener);
  }

  async record<T extends CommunityEventType>(
    tx: StoreWriter,
    { actorRoles = [], ...input }: EventInput<T>,
  ): Promise<CommunityEventRow<T>> {
    const event = await tx.events.append({ id: randomId('ev_'), at: this.now(), ...input });
    for (const listener of this.listeners) await listener.onEvent(tx, event, { actorRoles });
    return event;
  }
}

/** Where events happen, named as posting rules and private spaces name places. */
export { boardPlace, subjectPlace } from './access-rules.js';
