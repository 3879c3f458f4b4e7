import type { CreateOptions, RequestOptions, ReviewQuery, ReviewsBackend } from './backend.js';
import { searchParams, type RestBackend } from './rest-backend.js';
import type {
  HelpfulValue,
  RatingSummary,
  Review,
  ReviewChanges,
  ReviewInput,
  ReviewPage,
  ReviewWrite,
} from './types.js';

const subjectPath = (subject: string) => `/subjects/${encodeURIComponent(subject)}/reviews`;
const reviewPath = (id: string) => `/reviews/${encodeURIComponent(id)}`;

/** The reviews routes of api/openapi.yaml, over a `RestBackend`'s requests. */
export class RestReviewsBackend implements ReviewsBackend {
  readonly #rest: RestBackend;

  constructor(rest: RestBackend) {
    this.#rest = rest;
  }

  listReviews(
    subject: string,
    { sort, stars, cursor, limit }: ReviewQuery,
    options?: RequestOptions,
  ): Promise<ReviewPage> {
    const query = searchParams({ sort, stars, cursor, limit });
    return this.#rest.request('GET', subjectPath(subject) + query, options);
  }

  createReview(subject: string, input: ReviewInput, options?: CreateOptions): Promise<ReviewWrite> {
    return this.#rest.request('POST', subjectPath(subject), options, input);
  }

  editReview(id: string, changes: ReviewChanges, options?: RequestOptions): Promise<ReviewWrite> {
    return this.#rest.request('PATCH', reviewPath(id), options, changes);
  }

  deleteReview(id: string, options?: RequestOptions): Promise<{ rating: RatingSummary }> {
    return this.#rest.request('DELETE', reviewPath(id), options);
  }

  setReviewHelpful(id: string, value: HelpfulValue, options?: RequestOptions): Promise<Review> {
    return this.#rest.request('PUT', `${reviewPath(id)}/helpful`, options, { value });
  }
}
