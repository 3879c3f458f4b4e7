import type { TextLimits } from './user-text.js';

/**
 * The limits of questions and answers, shared by the domain (which enforces them) and the
 * browser (which checks a form before sending). Each mirrors a schema in api/openapi.yaml;
 * the contract suite keeps them equal.
 */
export const QUESTION_TITLE_LIMITS: TextLimits = { min: 10, max: 150 };
export const QUESTION_BODY_LIMITS: TextLimits = { min: 0, max: 4000 };
export const ANSWER_BODY_LIMITS: TextLimits = { min: 1, max: 4000 };
export const MAX_TOPICS = 5;
export const TOPIC_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
/** Most questions `GET /questions/similar` returns. */
export const MAX_SIMILAR_QUESTIONS = 10;
export const DEFAULT_SIMILAR_QUESTIONS = 5;
/** Longest `q` accepted by search and similarity. */
export const MAX_QUERY_LENGTH = 200;

export const QUESTION_ORDERS = ['votes', 'newest', 'unanswered'] as const;
/** `votes`: most voted first; `newest`; `unanswered`: newest without answers. */
export type QuestionOrder = (typeof QUESTION_ORDERS)[number];
export const VOTE_VALUES = [-1, 0, 1] as const;
