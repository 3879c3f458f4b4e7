import { HELPFUL_VALUE_VALUES, REVIEW_SORT_VALUES } from '../../api/limits.js';

/**
 * The rules of reviews. Text limits, orders and patterns come from the contract
 * (api/limits.ts, generated from api/openapi.yaml), where the browser reads them too.
 */
export { REVIEW_BODY_LIMITS, REVIEW_ID_PATTERN, REVIEW_TITLE_LIMITS } from '../../api/limits.js';

export const REVIEW_SORTS = REVIEW_SORT_VALUES;
/** `newest`; `helpful`: most "yes, helpful" first; `highest`/`lowest` stars first. Ties: newest first. */
export type ReviewSort = (typeof REVIEW_SORTS)[number];

export const HELPFUL_VALUES = HELPFUL_VALUE_VALUES;
export type HelpfulValue = (typeof HELPFUL_VALUES)[number];

/** The vote kind helpful answers are stored under (one per person per review): yes +1, no −1. */
export const HELPFUL_VOTE_KIND = 'review-helpful';

/** Most subjects a token's `verified_subjects` claim may list; more are ignored. */
export const MAX_VERIFIED_SUBJECTS = 1000;
