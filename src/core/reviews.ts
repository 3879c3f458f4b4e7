import type { CommunityBackend, ReviewQuery, ReviewsBackend } from './backend.js';
import type { CommunityClient } from './client.js';
import { CwError } from './errors.js';
import { PagedList } from './paged-list.js';
import { RestBackend } from './rest-backend.js';
import type {
  HelpfulValue,
  RatingSummary,
  Review,
  ReviewChanges,
  ReviewInput,
  ReviewPage,
  ReviewWrite,
} from './types.js';

/** The reviews routes of api/openapi.yaml over the REST adapter's transport. */
export function restReviews(rest: RestBackend): ReviewsBackend {
  const subjectPath = (subject: string) => `/subjects/${encodeURIComponent(subject)}/reviews`;
  const reviewPath = (id: string) => `/reviews/${encodeURIComponent(id)}`;
  return {
    listReviews(subject, query, options) {
      const search = new URLSearchParams();
      if (query.sort) search.set('sort', query.sort);
      if (query.stars) search.set('stars', String(query.stars));
      if (query.cursor) search.set('cursor', query.cursor);
      if (query.limit) search.set('limit', String(query.limit));
      const suffix = search.size > 0 ? `?${search}` : '';
      return rest.request<ReviewPage>('GET', subjectPath(subject) + suffix, options);
    },
    createReview: (subject, input, options) =>
      rest.request<ReviewWrite>('POST', subjectPath(subject), options, input),
    editReview: (id, changes, options) =>
      rest.request<ReviewWrite>('PATCH', reviewPath(id), options, changes),
    deleteReview: (id, options) =>
      rest.request<{ rating: RatingSummary }>('DELETE', reviewPath(id), options),
    setReviewHelpful: (id, value, options) =>
      rest.request<Review>('PUT', `${reviewPath(id)}/helpful`, options, { value }),
  };
}

/** The backend's reviews: its own methods, the REST adapter's routes, or a clear refusal. */
function reviewsBackendOf(backend: CommunityBackend): ReviewsBackend {
  if (
    backend.listReviews &&
    backend.createReview &&
    backend.editReview &&
    backend.deleteReview &&
    backend.setReviewHelpful
  ) {
    return backend as ReviewsBackend;
  }
  if (backend instanceof RestBackend) return restReviews(backend);
  const refuse = () => Promise.reject(new CwError('not-found'));
  return {
    listReviews: refuse,
    createReview: refuse,
    editReview: refuse,
    deleteReview: refuse,
    setReviewHelpful: refuse,
  };
}

/**
 * Reviews for the widgets of one backend. Lists are cursor pages (`PagedList`); every write
 * answers the subject's rating summary, which goes straight into the shared
 * `RatingsStore`, so each `<cw-rating>` of the subject on the page updates with no request
 * of its own.
 */
export class ReviewsStore {
  readonly #client: CommunityClient;
  readonly #backend: ReviewsBackend;

  constructor(client: CommunityClient) {
    this.#client = client;
    this.#backend = reviewsBackendOf(client.backend);
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
      const page = await this.#backend.listReviews(subject, { ...query, cursor }, { signal });
      if (!signal.aborted) onPage?.(page);
      return page;
    });
  }

  /** Writes the viewer's review; `idempotencyKey` is the same on every retry of one submission. */
  async create(subject: string, input: ReviewInput, idempotencyKey: string): Promise<Review> {
    const written = await this.#backend.createReview(subject, input, { idempotencyKey });
    this.#client.ratings.accept(written.rating);
    return written.review;
  }

  async edit(id: string, changes: ReviewChanges): Promise<Review> {
    const written = await this.#backend.editReview(id, changes);
    this.#client.ratings.accept(written.rating);
    return written.review;
  }

  async remove(id: string): Promise<void> {
    const { rating } = await this.#backend.deleteReview(id);
    this.#client.ratings.accept(rating);
  }

  setHelpful(id: string, value: HelpfulValue): Promise<Review> {
    return this.#backend.setReviewHelpful(id, value);
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
