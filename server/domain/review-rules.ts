import type { TextLimits } from './user-text.js';

/**
 * The limits and orders of reviews, shared by the domain (which enforces them) and the
 * browser (which checks a form before sending). Each mirrors a schema in api/openapi.yaml;
 * the contract suite keeps them equal.
 */
export const REVIEW_TITLE_LIMITS: TextLimits = { min: 1, max: 120 };
export const REVIEW_BODY_LIMITS: TextLimits = { min: 1, max: 5000 };

export const REVIEW_SORTS = ['newest', 'helpful', 'highest', 'lowest'] as const;
/** `newest`; `helpful`: most "yes, helpful" first; `highest`/`lowest` stars first. Ties: newest first. */
export type ReviewSort = (typeof REVIEW_SORTS)[number];

export const HELPFUL_VALUES = ['yes', 'no', 'none'] as const;
export type HelpfulValue = (typeof HELPFUL_VALUES)[number];

/** The vote kind helpful answers are stored under (one per person per review): yes +1, no −1. */
export const HELPFUL_VOTE_KIND = 'review-helpful';

/** Mirrors `components.schemas.ReviewId`. */
export const REVIEW_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Most subjects a token's `verified_subjects` claim may list; more are ignored. */
export const MAX_VERIFIED_SUBJECTS = 1000;
