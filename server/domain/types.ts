import type { components } from '../../api/contract.js';
import type { Distribution } from '../../api/shared/rating-math.js';

type Schemas = components['schemas'];

export type Viewer = Schemas['Viewer'];
export type Role = Schemas['Role'];
export type RatingSummary = Schemas['RatingSummary'];
export type RatingInput = Schemas['RatingInput'];
export type Problem = Schemas['Problem'];

/**
 * Who is acting, as established by the HTTP layer from a verified token.
 * `null` everywhere in the domain means an anonymous visitor.
 */
export interface Identity {
  id: string;
  name: string;
  avatar: string | null;
  roles: Role[];
  /**
   * Subjects the host asserts (in its signed token's `verified_subjects` claim) that this
   * person bought or used; their reviews of these are marked verified. Never from the browser.
   */
  verifiedSubjects?: readonly string[] | undefined;
}

/** Number of ratings per star value, index 0 for one star (shared with the browser's math). */
export type { Distribution };

export const emptyDistribution = (): Distribution => [0, 0, 0, 0, 0];

export type Question = Schemas['Question'];
export type Answer = Schemas['Answer'];
export type Author = Schemas['Author'];
export type QuestionPage = Schemas['QuestionPage'];
export type AnswerPage = Schemas['AnswerPage'];
export type VoteValue = Schemas['VoteValue'];
