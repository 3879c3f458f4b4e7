import type { CommunityBackend, ReviewQuery, ReviewsBackend } from './backend.js';
import type { CommunityClient } from './client.js';
import { CwError } from './errors.js';
import { OptimisticWrites } from './optimistic.js';
import { PagedList } from './paged-list.js';
import { RestBackend } from './rest-backend.js';
import { RestReviewsBackend } from './rest-reviews.js';
import type { HelpfulValue, Review, ReviewChanges, ReviewInput, ReviewPage } from './types.js';

/** What the viewer's helpful vote changes on a review, before the server confirms. */
export function withHelpful(review: Review, value: HelpfulValue): Review {
  const previous = review.viewerHelpful;
  const count = (answer: 'yes' | 'no') =>
    review.helpful[answer] - (previous === answer ? 1 : 0) + (value === answer ? 1 : 0);
  return { ...review, viewerHelpful: value, helpful: { yes: count('yes'), no: count('no') } };
}

/**
 * Reviews for the widgets of one backend. Lists are cursor pages (`PagedList`); a changed
 * review (a helpful vote, an edit) shows in every list that holds it. Every write answers
 * the subject's rating summary, which goes straight into the shared `RatingsStore`, so
 * each `<cw-rating>` of the subject on the page updates with no request of its own.
 * Helpful votes are optimistic (`OptimisticWrites`) and roll back when refused.
 */
export class ReviewsStore {
  readonly #client: CommunityClient;
  readonly #backend: ReviewsBackend;
  /** The lists handed out; a list nobody listens to any more is dropped on the next change. */
  readonly #lists = new Set<PagedList<Review>>();
  /** The last version the backend confirmed, per review: what a rollback shows. */
  readonly #confirmed = new Map<string, Review>();
  readonly #votes = new OptimisticWrites();

  constructor(client: CommunityClient) {
    this.#client = client;
    this.#backend = reviewsBackend(client.backend);
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
    const list = new PagedList<Review>(async (cursor, signal) => {
      const page = await this.#backend.listReviews(subject, { ...query, cursor }, { signal });
      for (const review of page.items) this.#confirmed.set(review.id, review);
      if (!signal.aborted) onPage?.(page);
      return page;
    });
    for (const other of this.#lists) if (!other.watched) this.#lists.delete(other);
    this.#lists.add(list);
    return list;
  }

  /** Writes the viewer's review; `idempotencyKey` is the same on every retry of one submission. */
  async create(subject: string, input: ReviewInput, idempotencyKey: string): Promise<Review> {
    const written = await this.#backend.createReview(subject, input, { idempotencyKey });
    this.#client.ratings.accept(written.rating);
    this.#confirmed.set(written.review.id, written.review);
    return written.review;
  }

  async edit(id: string, changes: ReviewChanges): Promise<Review> {
    const written = await this.#backend.editReview(id, changes);
    this.#client.ratings.accept(written.rating);
    this.#confirmed.set(written.review.id, written.review);
    return written.review;
  }

  async remove(id: string): Promise<void> {
    const { rating } = await this.#backend.deleteReview(id);
    this.#client.ratings.accept(rating);
    this.#confirmed.delete(id);
  }

  /**
   * Sets the viewer's helpful vote on `review` (as shown) at once. Votes on one review go out
   * in the order they were made, and one superseded before it left is not sent. Resolves
   * true once the backend saved this vote and it shows, false when a newer vote took over;
   * rejects with a `CwError` after showing the last confirmed counts again.
   */
  async setHelpful(review: Review, value: HelpfulValue): Promise<boolean> {
    let shown = false;
    const confirmed = () => this.#confirmed.get(review.id) ?? review;
    await this.#votes.run(review.id, {
      predict: () => this.#show(withHelpful(review, value), false),
      send: () => this.#backend.setReviewHelpful(review.id, value),
      confirm: (saved, latest) => {
        this.#confirmed.set(saved.id, saved);
        if (latest) this.#show(saved, true);
        shown = latest;
      },
      rollBack: () => this.#show(confirmed(), false),
    });
    return shown;
  }

  #show(review: Review, confirmed: boolean): void {
    if (confirmed) this.#confirmed.set(review.id, review);
    for (const list of this.#lists) {
      if (list.watched) list.replace(review);
      else this.#lists.delete(list);
    }
  }
}

/** Whether a custom backend serves reviews itself. */
function servesReviews(backend: CommunityBackend): backend is CommunityBackend & ReviewsBackend {
  return Boolean(
    backend.listReviews &&
    backend.createReview &&
    backend.editReview &&
    backend.deleteReview &&
    backend.setReviewHelpful,
  );
}

/**
 * The reviews part of `backend`: its own methods when it has them, the REST routes when it is
 * the REST adapter. A custom backend without them makes `<cw-reviews>` say it cannot load.
 */
export function reviewsBackend(backend: CommunityBackend): ReviewsBackend {
  if (servesReviews(backend)) return backend;
  if (backend instanceof RestBackend) return new RestReviewsBackend(backend);
  const refuse = () => Promise.reject(new CwError('not-found'));
  return {
    listReviews: refuse,
    createReview: refuse,
    editReview: refuse,
    deleteReview: refuse,
    setReviewHelpful: refuse,
  };
}

const stores = new WeakMap<CommunityClient, ReviewsStore>();

/** The one ReviewsStore of `client`, made on first use. */
export function reviewsFor(client: CommunityClient): ReviewsStore {
  let store = stores.get(client);
  if (!store) {
    store = new ReviewsStore(client);
    stores.set(client, store);
  }
  return store;
}
