import {
  BOARD_POSTING_VALUES,
  IDEA_COMMENT_BODY_LIMITS,
  IDEA_STATUS_NOTE_LIMITS,
  IDEA_STATUS_VALUES,
} from '../../api/limits.js';

/**
 * The rules of idea boards. Text limits, statuses and patterns come from the contract
 * (api/limits.ts, generated from api/openapi.yaml), where the browser reads them too.
 */
export { BOARD_ID_PATTERN, IDEA_BODY_LIMITS, IDEA_TITLE_LIMITS } from '../../api/limits.js';
export const IDEA_NOTE_LIMITS = IDEA_STATUS_NOTE_LIMITS;
export const IDEA_COMMENT_LIMITS = IDEA_COMMENT_BODY_LIMITS;

export const IDEA_STATUSES = IDEA_STATUS_VALUES;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];
/** Votes on ideas in these states are returned to the voter's budget and cannot be added. */
export const CLOSED_STATUSES: readonly IdeaStatus[] = ['completed', 'declined', 'duplicate'];

export const IDEA_ORDERS = ['top', 'new', 'trending'] as const;
export type IdeaOrder = (typeof IDEA_ORDERS)[number];

export const BOARD_POSTING = BOARD_POSTING_VALUES;
export type BoardPosting = (typeof BOARD_POSTING)[number];

/**
 * Trending: each vote weighs `1 / (1 + age / TRENDING_SCALE_MS)` (now: 1, a week old: 1/2,
 * four weeks old: 1/5) and an idea's trend is the sum, rounded to `TRENDING_DECIMALS`
 * decimals so the SQLite and memory stores, which add in different orders, agree exactly.
 * Ties go to the newer idea.
 */
export const TRENDING_SCALE_MS = 7 * 24 * 60 * 60 * 1000;
export const TRENDING_DECIMALS = 9;

/** The weight of one vote cast at `votedAt` (ms) seen from `now` (ms); the memory store's formula. */
export function trendingWeight(now: number, votedAt: number): number {
  return 1 / (1 + Math.max(0, now - votedAt) / TRENDING_SCALE_MS);
}

export function roundTrend(sum: number): number {
  const factor = 10 ** TRENDING_DECIMALS;
  return Math.round(sum * factor) / factor;
}

/** Most unseen updates `GET /me/ideas/updates` lists. */
export const MAX_IDEA_UPDATES = 50;
/** Most search matches an idea search ranks before filtering by board and status. */
export const MAX_IDEA_SEARCH_MATCHES = 500;
