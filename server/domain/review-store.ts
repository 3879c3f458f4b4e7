import type { Visibility } from './moderation-store.js';
import type { ReviewSort } from './review-rules.js';
import type { AuthorColumns } from './store.js';

/** A stored review. Its `stars` are kept equal to the author's rating of the subject. */
export interface ReviewRow extends AuthorColumns {
  id: string;
  /** Insertion order, assigned by the store: the stable tie-breaker of every list order. */
  seq: number;
  subject: string;
  stars: number;
  title: string;
  body: string;
  /** The host's token listed the subject in `verified_subjects` when the author wrote or edited. */
  verified: boolean;
  createdAt: Date;
  editedAt: Date | null;
  /** Counts of "helpful: yes" and "no" votes, kept in step with the votes in one transaction. */
  helpfulYes: number;
  helpfulNo: number;
}

/**
 * A page of a subject's reviews. `after` is the keyset of the last row already shown:
 * `[seq]` for newest, `[helpfulYes, seq]` for helpful, `[stars, seq]` for highest and lowest.
 */
export interface ReviewListQuery {
  subject: string;
  order: ReviewSort;
  /** Only reviews with this many stars. */
  stars?: number | undefined;
  after?: ReadonlyArray<string | number> | undefined;
  limit: number;
  /** Rows this reader may not see are not in the page. */
  visibleTo: Visibility;
}

export interface ReviewReader {
  byIds(ids: readonly string[]): Promise<Map<string, ReviewRow>>;
  list(query: ReviewListQuery): Promise<ReviewRow[]>;
  /** The user's review of the subject, if they wrote one (one per person per subject). */
  ofAuthor(subject: string, userId: string): Promise<ReviewRow | undefined>;
}

export interface ReviewWriter extends ReviewReader {
  /** Stores a new review; the store assigns `seq`. */
  insert(row: Omit<ReviewRow, 'seq'>): Promise<ReviewRow>;
  update(
    id: string,
    changes: Partial<Pick<ReviewRow, 'stars' | 'title' | 'body' | 'verified' | 'editedAt'>>,
  ): Promise<void>;
  /** Adds (possibly negative) deltas to a review's helpful counts. */
  addToHelpful(id: string, delta: { yes?: number; no?: number }): Promise<void>;
  /** Removes a review and every helpful vote on it. */
  remove(id: string): Promise<void>;
}
