import type { AccessPolicy } from './access-rules.js';
import type { ReputationWeights } from './expert-rules.js';
import { EventExport } from './event-export.js';
import { CommunityEvents } from './events.js';
import { ExpertService } from './experts.js';
import { IdeaService } from './ideas.js';
import { InsightAggregates } from './insight-aggregates.js';
import { InsightService } from './insights.js';
import type { ModerationPolicy } from './moderation-rules.js';
import { ModerationService } from './moderation.js';
import { NotificationService } from './notifications.js';
import { Reputation } from './reputation.js';
import { QuestionService } from './questions.js';
import { Idempotency } from './idempotency.js';
import { RatingService } from './ratings.js';
import { ReviewService } from './reviews.js';
import type { Store } from './store.js';
import type { Identity, Viewer } from './types.js';

export interface CommunityOptions {
  store: Store;
  /** Injected so tests and the mock control time. */
  now?: () => Date;
  /** Reputation weights replacing the defaults (`DEFAULT_REPUTATION_WEIGHTS`). */
  reputation?: Partial<ReputationWeights>;
  /** Report threshold and posting rules replacing the defaults (`DEFAULT_MODERATION_POLICY`). */
  moderation?: Partial<ModerationPolicy>;
  /** Private spaces: the roles that may enter each private board or subject (access-rules.ts). */
  access?: AccessPolicy;
}

/** Every domain service over one store: what the HTTP server and the msw mock both call. */
export class Community {
  readonly ratings: RatingService;
  readonly questions: QuestionService;
  readonly reviews: ReviewService;
  readonly ideas: IdeaService;
  readonly experts: ExpertService;
  readonly reputation: Reputation;
  readonly moderation: ModerationService;
  /** Figures for moderators and analysts, from aggregates kept in each event's transaction. */
  readonly insights: InsightService;
  /** Records every change as a community event, in the change's own transaction. */
  readonly events: CommunityEvents;
  /** The event log for a warehouse (`GET /events/export`). */
  readonly eventExport: EventExport;
  /** Who is told of what: a listener of the events, written in their transactions. */
  readonly notifications: NotificationService;
  readonly store: Store;

  constructor({
    store,
    now = () => new Date(),
    reputation = {},
    moderation = {},
    access = {},
  }: CommunityOptions) {
    this.store = store;
    this.events = new CommunityEvents(now);
    this.eventExport = new EventExport(store.events);
    this.notifications = new NotificationService(store, now);
    this.events.listen(this.notifications);
    this.events.listen(new InsightAggregates());
    this.insights = new InsightService(store, now);
    this.reputation = new Reputation(reputation);
    this.moderation = new ModerationService(store, now, this.events, moderation, access);
    this.ratings = new RatingService(store, now, this.moderation, this.events);
    this.questions = new QuestionService(store, now, this.reputation, this.moderation, this.events);
    this.reviews = new ReviewService(
      store,
      now,
      new Idempotency(store, now),
      this.reputation,
      this.moderation,
      this.events,
    );
    this.ideas = new IdeaService(store, now, this.reputation, this.moderation, this.events);
    this.experts = new ExpertService(store, now, this.reputation, this.moderation, this.events);
  }

  viewer(identity: Identity | null): Viewer {
    if (!identity) return { authenticated: false, id: null, name: null, avatar: null, roles: [] };
    return {
      authenticated: true,
      id: identity.id,
      name: identity.name,
      avatar: identity.avatar,
      roles: [...identity.roles],
    };
  }
}
