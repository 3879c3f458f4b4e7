import type { PageResult } from './paged-list.js';
import type {
  Answer,
  HelpfulValue,
  Question,
  QuestionInput,
  QuestionPatch,
  RatingSummary,
  Review,
  ReviewChanges,
  ReviewInput,
  ReviewPage,
  ReviewSort,
  ReviewWrite,
  Viewer,
  VoteValue,
} from './types.js';

export interface RequestOptions {
  signal?: AbortSignal;
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
  createReview(subject: string, input: ReviewInput, options?: CreateOptions): Promise<ReviewWrite>;
  editReview(id: string, changes: ReviewChanges, options?: RequestOptions): Promise<ReviewWrite>;
  /** Deletes a review; the author's rating stays. Answers the subject's summary. */
  deleteReview(id: string, options?: RequestOptions): Promise<{ rating: RatingSummary }>;
  setReviewHelpful(id: string, value: HelpfulValue, options?: RequestOptions): Promise<Review>;
}

/** Options of creating calls: the submission's key, sent as `Idempotency-Key` and reused unchanged by every retry. */
export interface CreateOptions extends RequestOptions {
  idempotencyKey?: string;
}

export type QuestionSort = 'votes' | 'newest' | 'unanswered';

export interface QuestionQuery {
  sort?: QuestionSort;
  /** Search words; relevance order replaces `sort`. */
  q?: string;
  cursor?: string;
  limit?: number;
}

/**
 * The port every widget talks through. The default is `RestBackend` (api/openapi.yaml);
 * a site can pass its own implementation to `configure({ backend })` or
 * `<cw-community .backend=…>` to serve widgets from an API of its own.
 * Methods reject with `CwError`.
 */
export interface CommunityBackend extends RatingsBackend, Partial<ReviewsBackend> {
  /** The signed-in viewer, or an anonymous one. */
  getViewer(options?: RequestOptions): Promise<Viewer>;
}

/**
 * The ratings part of the port, the one every backend serves: `RestBackend` implements it
 * itself and every `CommunityClient` has its `RatingsStore` (`client.ratings`) from the start,
 * so a page with ratings only carries no per-feature adapter.
 */
export interface RatingsBackend {
  /** Summaries for up to 100 subjects; the core batches and chunks calls. */
  getRatingSummaries(subjects: string[], options?: RequestOptions): Promise<RatingSummary[]>;
  /** Sets the viewer's own rating (1–5) and returns the new summary. */
  setRating(subject: string, value: number, options?: RequestOptions): Promise<RatingSummary>;
  /** Removes the viewer's own rating and returns the new summary. */
  clearRating(subject: string, options?: RequestOptions): Promise<RatingSummary>;
}

/**
 * The questions and answers part of the port. `RestBackend` serves it through the REST
 * contract; a custom backend that also implements these methods serves `<cw-qa>` itself.
 * Kept apart from `CommunityBackend` so pages with ratings only never load it.
 */
export interface QuestionsBackend {
  /** A page of a subject's questions, with counts and the viewer's votes. */
  listQuestions(
    subject: string,
    query?: QuestionQuery,
    options?: RequestOptions,
  ): Promise<PageResult<Question>>;
  /** Questions like `text` (what someone is typing), best first. */
  findSimilarQuestions(
    subject: string,
    text: string,
    options?: RequestOptions & { limit?: number },
  ): Promise<Question[]>;
  getQuestion(id: string, options?: RequestOptions): Promise<Question>;
  askQuestion(subject: string, input: QuestionInput, options?: CreateOptions): Promise<Question>;
  editQuestion(id: string, patch: QuestionPatch, options?: RequestOptions): Promise<Question>;
  deleteQuestion(id: string, options?: RequestOptions): Promise<void>;
  voteQuestion(id: string, value: VoteValue, options?: RequestOptions): Promise<Question>;
  /** Accepts `answerId` for the question, or none with null. */
  acceptAnswer(
    questionId: string,
    answerId: string | null,
    options?: RequestOptions,
  ): Promise<Question>;
  /** A page of answers: the accepted one first, then most voted. */
  listAnswers(
    questionId: string,
    query?: { cursor?: string; limit?: number },
    options?: RequestOptions,
  ): Promise<PageResult<Answer>>;
  answerQuestion(questionId: string, body: string, options?: CreateOptions): Promise<Answer>;
  editAnswer(id: string, body: string, options?: RequestOptions): Promise<Answer>;
  deleteAnswer(id: string, options?: RequestOptions): Promise<void>;
  voteAnswer(id: string, value: VoteValue, options?: RequestOptions): Promise<Answer>;
}

/**
 * Supplies the host's bearer token. Called with `refresh: true` once after a 401 so the host
 * can fetch a fresh token; return null or undefined when nobody is signed in.
 */
export type TokenProvider = (request: {
  refresh: boolean;
}) => string | null | undefined | Promise<string | null | undefined>;
