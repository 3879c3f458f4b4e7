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
export {
  BOARD_ID_PATTERN,
  BOARD_TITLE_LIMITS,
  IDEA_BODY_LIMITS,
  IDEA_TITLE_LIMITS,
  VOTE_BUDGET_RANGE,
} from '../../api/limits.js';
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
 * Trending: each vote's weight halves every `TRENDING_HALF_LIFE_MS` (now: 1, a week old:
 * 1/2, four weeks old: 1/16); an idea's trend is the sum. Ties go to the newer idea.
 *
 * Every weight halves at the same pace, so the order of two ideas never depends on the
 * moment it is computed for: the store keeps each idea's trend as a maintained score,
 * updated in the vote's own transaction, and lists it from an index. The score is the sum's
 * logarithm taken at a fixed origin, `1 + log2(Σ 2^(votedAt / half-life))` (finite for any
 * date, unlike the sum itself), and `NO_TREND` (0) for an idea without votes; every vote
 * cast after 1970 scores above it.
 */
export const TRENDING_HALF_LIFE_MS = 7 * 24 * 60 * 60 * 1000;
export const NO_TREND = 0;

/** The weight of one vote cast at `votedAt` (ms) seen from `now` (ms); a future vote counts 1. */
export function trendingWeight(now: number, votedAt: number): number {
  return 2 ** (-Math.max(0, now - votedAt) / TRENDING_HALF_LIFE_MS);
}

/** The trend of an idea after a vote cast at `votedAt` is added to it. */
export function addToTrend(trend: number, votedAt: Date): number {
  const vote = votedAt.getTime() / TRENDING_HALF_LIFE_MS;
  if (trend === NO_TREND) return 1 + vote;
  const sum = trend - 1;
  const [high, low] = sum >= vote ? [sum, vote] : [vote, sum];
  return 1 + high + Math.log2(1 + 2 ** (low - high));
}

/**
 * The trend after the vote cast at `votedAt` is taken back, `remaining` votes staying. When
 * the remaining votes are too old to register beside the removed one (some 53 half-lives,
 * a year), the difference is below double precision: they then score just above no votes.
 */
export function removeFromTrend(trend: number, votedAt: Date, remaining: number): number {
  if (remaining <= 0 || trend === NO_TREND) return NO_TREND;
  const sum = trend - 1;
  const rest = sum + Math.log2(1 - 2 ** (votedAt.getTime() / TRENDING_HALF_LIFE_MS - sum));
  return Number.isFinite(rest) && 1 + rest > NO_TREND ? 1 + rest : Number.MIN_VALUE;
}

/** Most unseen updates `GET /me/ideas/updates` lists. */
export const MAX_IDEA_UPDATES = 50;
/** Most search matches an idea search ranks before filtering by board and status. */
export const MAX_IDEA_SEARCH_MATCHES = 500;
