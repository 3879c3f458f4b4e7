import type { CommunityBackend, ReviewQuery, ReviewsBackend } from './backend.js';
import type { CommunityClient } from './client.js';
import { CwError } from './errors.js';
import { OptimisticWrites } from './optimistic.js';
import { PagedList } from './paged-list.js';
import { RestBackend } from './rest-backend.js';
import { RestReviewsBackend } from './rest-reviews.js';
import type { HelpfulValue, Review, ReviewChanges, ReviewInput } from './types.js';

/** What the viewer's helpful vote changes on a review, before the server confirms. */
export function withHelpful(review: Review, value: HelpfulValue): Review {
  const previous = review.viewerHelpful;
  const count = (answer: 'yes' | 'no') =>
    review.helpful[answer] - (previous === answer ? 1 : 0) + (value === answer ? 1 : 0);
  return { ...review, viewerHelpful: value, helpful: { yes: count('yes'), no: count('no') } };
}

/**
 * Reviews for the widgets of one backend. Lists are cursor pages (`PagedList`), shared by
 * subject, order, filter and page size; a changed review (a helpful vote, an edit) shows in
 * every list that holds it. Each page also says which review is the viewer's own (`own`).
 * Every write answers the subject's rating summary, which goes straight into the shared
 * `RatingsStore`, so each `<cw-rating>` of the subject on the page updates with no request
 * of its own. Helpful votes are optimistic (`OptimisticWrites`) and roll back when refused.
 */
export class ReviewsStore {
  readonly #client: CommunityClient;
  readonly #backend: ReviewsBackend;
  readonly #lists = new Map<string, { subject: string; stars?: number; list: PagedList<Review> }>();
  /** The viewer's own review per subject, as the last page (or write) said; null for none. */
  readonly #own = new Map<string, Review | null>();
  /** The last version the backend confirmed, per review: what a rollback shows. */
  readonly #confirmed = new Map<string, Review>();
  readonly #votes = new OptimisticWrites();

  constructor(client: CommunityClient) {
    this.#client = client;
    this.#backend = reviewsBackend(client.backend);
  }

  /**
   * The "load more" list of a subject's reviews in one order and filter: the same list for
   * the same query while anyone shows it, a fresh one (first page again) after that.
   */
  list(subject: string, query: Pick<ReviewQuery, 'sort' | 'stars' | 'limit'>): PagedList<Review> {
    const key = JSON.stringify([subject, query.sort, query.stars, query.limit]);
    for (const [other, { list }] of this.#lists) {
      if (!list.watched) {
        list.dispose();
        this.#lists.delete(other);
      }
    }
    let entry = this.#lists.get(key);
    if (!entry) {
      const list = new PagedList<Review>(async (cursor, signal) => {
        const page = await this.#backend.listReviews(subject, { ...query, cursor }, { signal });
        for (const review of page.items) this.#confirmed.set(review.id, review);
        if (!signal.aborted) this.#own.set(subject, page.viewerReview);
        return page;
      });
      this.#lists.set(key, (entry = { subject, stars: query.stars, list }));
    }
    return entry.list;
  }

  /** The viewer's own review of `subject`: undefined until a page said, null when none. */
  own(subject: string): Review | null | undefined {
    return this.#own.get(subject);
  }

  /**
   * Shows `review` as the viewer's own in every list (e.g. after their rating moved its
   * stars, ADR 005).
   */
  showOwn(review: Review): void {
    this.#own.set(review.subject, review);
    this.#show(review, false);
  }

  /** The viewer changed: their own reviews and votes come with fresh pages. */
  reloadAll(): void {
    this.#own.clear();
    for (const { list } of this.#lists.values()) if (list.state.status !== 'loading') list.reload();
  }

  /** Writes the viewer's review; `idempotencyKey` is the same on every retry of one submission. */
  async create(
    subject: string,
    input: ReviewInput,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<Review> {
    const written = await this.#backend.createReview(subject, input, {
      idempotencyKey,
      ...(signal && { signal }),
    });
    const review = written.review;
    this.#client.ratings.accept(written.rating);
    this.#confirmed.set(review.id, review);
    this.#own.set(subject, review);
    // It leads every list of the subject that shows its stars.
    for (const entry of this.#lists.values()) {
      if (entry.subject === subject && (entry.stars ?? review.stars) === review.stars) {
        entry.list.insert(review);
      }
    }
    return review;
  }

  /** Changes the viewer's own review; every list shows the new version. */
  async edit(review: Review, changes: ReviewChanges): Promise<Review> {
    const written = await this.#backend.editReview(review.id, changes);
    this.#client.ratings.accept(written.rating);
    this.#own.set(review.subject, written.review);
    this.#show(written.review, true);
    return written.review;
  }

  /** Deletes the viewer's own review; it leaves every list, the rating stays (ADR 005). */
  async remove(review: Review): Promise<void> {
    const { rating } = await this.#backend.deleteReview(review.id);
    this.#client.ratings.accept(rating);
    this.#confirmed.delete(review.id);
    this.#own.set(review.subject, null);
    for (const { list } of this.#lists.values()) list.remove(review.id);
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
    for (const { list } of this.#lists.values()) list.replace(review);
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
    const created = new ReviewsStore(client);
    client.onIdentityChanged(() => created.reloadAll());
    stores.set(client, (store = created));
  }
  return store;
}
