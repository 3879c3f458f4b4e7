import { IdeaService } from './ideas.js';
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
}

/** Every domain service over one store: what the HTTP server and the msw mock both call. */
export class Community {
  readonly ratings: RatingService;
  readonly questions: QuestionService;
  readonly reviews: ReviewService;
  readonly ideas: IdeaService;
  readonly store: Store;

  constructor({ store, now = () => new Date() }: CommunityOptions) {
    this.store = store;
    this.ratings = new RatingService(store, now);
    this.questions = new QuestionService(store, now);
    this.reviews = new ReviewService(store, now, new Idempotency(store, now));
    this.ideas = new IdeaService(store, now);
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
