import type { ReviewQuery } from './backend.js';
import type { CommunityClient } from './client.js';
import { PagedList } from './paged-list.js';
import type { HelpfulValue, Review, ReviewChanges, ReviewInput, ReviewPage } from './types.js';

/**
 * Reviews for the widgets of one backend. Lists are cursor pages (`PagedList`); every write
 * answers the subject's rating summary, which goes straight into the shared
 * `RatingsStore`, so each `<cw-rating>` of the subject on the page updates with no request
 * of its own.
 */
export class ReviewsStore {
  readonly #client: CommunityClient;

  constructor(client: CommunityClient) {
    this.#client = client;
  }

  /**
   * A "load more" list of a subject's reviews in one order and filter. `onPage` sees every
   * page as it arrives (the first carries the viewer's own review).
   */
  list(
    subject: string,
    query: Pick<ReviewQuery, 'sort' | 'stars' | 'limit'>,
    onPage?: (page: ReviewPage) => void,
  ): PagedList<Review> {
    return new PagedList<Review>(async (cursor, signal) => {
      const page = await this.#client.backend.listReviews(
        subject,
        { ...query, cursor },
        { signal },
      );
      if (!signal.aborted) onPage?.(page);
      return page;
    });
  }

  /** Writes the viewer's review; `idempotencyKey` is the same on every retry of one submission. */
  async create(subject: string, input: ReviewInput, idempotencyKey: string): Promise<Review> {
    const written = await this.#client.backend.createReview(subject, input, { idempotencyKey });
    this.#client.ratings.accept(written.rating);
    return written.review;
  }

  async edit(id: string, changes: ReviewChanges): Promise<Review> {
    const written = await this.#client.backend.editReview(id, changes);
    this.#client.ratings.accept(written.rating);
    return written.review;
  }

  async remove(id: string): Promise<void> {
    const { rating } = await this.#client.backend.deleteReview(id);
    this.#client.ratings.accept(rating);
  }

  setHelpful(id: string, value: HelpfulValue): Promise<Review> {
    return this.#client.backend.setReviewHelpful(id, value);
  }
}

const stores = new WeakMap<CommunityClient, ReviewsStore>();

/** The one reviews store of `client`. */
export function reviewsFor(client: CommunityClient): ReviewsStore {
  let store = stores.get(client);
  if (!store) {
    store = new ReviewsStore(client);
    stores.set(client, store);
  }
  return store;
}
