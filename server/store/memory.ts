import type { Store, StoreReader, StoreWriter } from '../domain/store.js';
import { MemoryEvents } from './memory/events.js';
import { MemoryExperts } from './memory/experts.js';
import { MemoryIdempotency } from './memory/idempotency.js';
import { MemoryIdeas } from './memory/ideas.js';
import { MemoryInsights } from './memory/insights.js';
import { Journal, Sequence } from './memory/journal.js';
import { MemoryModeration } from './memory/moderation.js';
import { MemoryNotifications } from './memory/notifications.js';
import { MemoryQuestions } from './memory/questions.js';
import { MemoryRatings } from './memory/ratings.js';
import { MemoryReviews } from './memory/reviews.js';
import { MemoryText } from './memory/text.js';
import { MemoryVotes } from './memory/votes.js';

/**
 * Keeps everything in Maps, one class per feature (`memory/`). Used by tests and by the msw
 * mock in the browser, so it must not touch Node APIs. Transactions run one at a time and
 * undo their writes when they throw. Orders and rankings are the SQLite store's, row for
 * row (the contract suite and the store suite check).
 */
export class MemoryStore implements Store {
  private readonly journal = new Journal();
  private readonly sequence = new Sequence();
  private readonly votesTable = new MemoryVotes(this.journal);
  private readonly moderationTable = new MemoryModeration(this.journal, this.sequence);
  /** Every feature with its writes: the `tx` of `write`, so writes happen only inside one. */
  private readonly tx: StoreWriter = {
    votes: this.votesTable,
    ratings: new MemoryRatings(this.journal),
    questions: new MemoryQuestions(
      this.journal,
      this.sequence,
      this.votesTable,
      this.moderationTable,
    ),
    reviews: new MemoryReviews(this.journal, this.sequence, this.votesTable, this.moderationTable),
    ideas: new MemoryIdeas(this.journal, this.sequence, this.votesTable, this.moderationTable),
    experts: new MemoryExperts(this.journal, this.sequence),
    text: new MemoryText(this.journal),
    idempotency: new MemoryIdempotency(this.journal),
    moderation: this.moderationTable,
    events: new MemoryEvents(this.journal),
    notifications: new MemoryNotifications(this.journal, this.sequence),
    insights: new MemoryInsights(this.journal),
  };
  readonly ratings: StoreReader['ratings'] = this.tx.ratings;
  readonly questions: StoreReader['questions'] = this.tx.questions;
  readonly reviews: StoreReader['reviews'] = this.tx.reviews;
  readonly ideas: StoreReader['ideas'] = this.tx.ideas;
  readonly experts: StoreReader['experts'] = this.tx.experts;
  readonly votes: StoreReader['votes'] = this.tx.votes;
  readonly text: StoreReader['text'] = this.tx.text;
  readonly moderation: StoreReader['moderation'] = this.tx.moderation;
  readonly events: StoreReader['events'] = this.tx.events;
  readonly notifications: StoreReader['notifications'] = this.tx.notifications;
  readonly insights: StoreReader['insights'] = this.tx.insights;
  private queue: Promise<unknown> = Promise.resolve();

  write<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.journal.transact(() => work(this.tx)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async ping(): Promise<void> {}

  /** Memory always has room; there is nothing to prove. */
  async checkWrite(): Promise<void> {}

  async close(): Promise<void> {}
}
