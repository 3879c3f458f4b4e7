import type {
  HelpfulValue,
  RatingSummary,
  Review,
  ReviewChanges,
  ReviewInput,
  ReviewPage,
  ReviewSort,
  ReviewWrite,
  Viewer,
} from './types.js';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key` by creating requests; the same key on every retry. */
  idempotencyKey?: string;
}

/** Which page of a subject's reviews to load. */
export interface ReviewQuery {
  sort?: ReviewSort;
  /** Only reviews with this many stars. */
  stars?: number | undefined;
  cursor?: string | undefined;
  limit?: number;
}

/**
 * The reviews part of the port (`/subjects/{subject}/reviews`, `/reviews/{id}`). A custom
 * backend implements it to serve `<cw-reviews>`; the REST adapter's version lives in
 * reviews.ts, so ratings-only pages do not carry it.
 */
export interface ReviewsBackend {
  listReviews(subject: string, query: ReviewQuery, options?: RequestOptions): Promise<ReviewPage>;
  /** Creates the viewer's review; pass `idempotencyKey` so a retry never creates two. */
  createReview(subject: string, input: ReviewInput, options?: RequestOptions): Promise<ReviewWrite>;
  editReview(id: string, changes: ReviewChanges, options?: RequestOptions): Promise<ReviewWrite>;
  /** Deletes a review; the author's rating stays. Answers the subject's summary. */
  deleteReview(id: string, options?: RequestOptions): Promise<{ rating: RatingSummary }>;
  setReviewHelpful(id: string, value: HelpfulValue, options?: RequestOptions): Promise<Review>;
}

/**
 * The port every widget talks through. The default is `RestBackend` (api/openapi.yaml);
 * a site can pass its own implementation to `configure({ backend })` or
 * `<cw-community .backend=…>` to serve widgets from an API of its own.
 * Methods reject with `CwError`.
 */
export interface CommunityBackend extends Partial<ReviewsBackend> {
  /** The signed-in viewer, or an anonymous one. */
  getViewer(options?: RequestOptions): Promise<Viewer>;
  /** Summaries for up to 100 subjects; the core batches and chunks calls. */
  getRatingSummaries(subjects: string[], options?: RequestOptions): Promise<RatingSummary[]>;
  /** Sets the viewer's own rating (1–5) and returns the new summary. */
  setRating(subject: string, value: number, options?: RequestOptions): Promise<RatingSummary>;
  /** Removes the viewer's own rating and returns the new summary. */
  clearRating(subject: string, options?: RequestOptions): Promise<RatingSummary>;
}

/**
 * Supplies the host's bearer token. Called with `refresh: true` once after a 401 so the host
 * can fetch a fresh token; return null or undefined when nobody is signed in.
 */
export type TokenProvider = (request: {
  refresh: boolean;
}) => string | null | undefined | Promise<string | null | undefined>;
