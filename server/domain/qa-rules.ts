import { VOTE_VALUE_VALUES } from '../../api/limits.js';

/**
 * The rules of questions and answers. Text limits and patterns come from the contract
 * (api/limits.ts, generated from api/openapi.yaml), where the browser reads them too.
 */
export {
  ANSWER_BODY_LIMITS,
  QUESTION_BODY_LIMITS,
  QUESTION_TITLE_LIMITS,
  TOPIC_PATTERN,
} from '../../api/limits.js';
/** `QuestionInput.topics`' `maxItems` (the contract suite keeps them equal). */
export const MAX_TOPICS = 5;
/** Most questions `GET /questions/similar` returns. */
export const MAX_SIMILAR_QUESTIONS = 10;
export const DEFAULT_SIMILAR_QUESTIONS = 5;
/** Longest `q` accepted by search and similarity. */
export const MAX_QUERY_LENGTH = 200;

export const QUESTION_ORDERS = ['votes', 'newest', 'unanswered'] as const;
/** `votes`: most voted first; `newest`; `unanswered`: newest without answers. */
export type QuestionOrder = (typeof QUESTION_ORDERS)[number];
export const VOTE_VALUES = VOTE_VALUE_VALUES;
