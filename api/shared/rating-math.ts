import type { components } from '../contract.js';

type RatingSummary = components['schemas']['RatingSummary'];

/** Number of ratings per star value, index 0 for one star. */
export type Distribution = [number, number, number, number, number];

/**
 * Rating arithmetic with no I/O, shared by the domain (to store changes) and the browser
 * core (to predict a write optimistically), so both always agree.
 */

/** The per-star change when one person's rating goes from `from` to `to` (undefined: none). */
export function distributionChange(from: number | undefined, to: number | undefined): Distribution {
  const delta: Distribution = [0, 0, 0, 0, 0];
  if (from !== undefined) delta[from - 1]! -= 1;
  if (to !== undefined) delta[to - 1]! += 1;
  return delta;
}

/** Derives count and average from a distribution, so they can never disagree. */
export function summaryOf(
  subject: string,
  distribution: readonly number[],
  viewerRating: number | null,
): RatingSummary {
  const count = distribution.reduce((sum, n) => sum + n, 0);
  const total = distribution.reduce((sum, n, index) => sum + n * (index + 1), 0);
  return {
    subject,
    average: count === 0 ? 0 : total / count,
    count,
    distribution: [...distribution],
    viewerRating,
  };
}

/** The summary as it will be once the viewer's own rating becomes `value` (null: removed). */
export function withViewerRating(summary: RatingSummary, value: number | null): RatingSummary {
  const delta = distributionChange(summary.viewerRating ?? undefined, value ?? undefined);
  const distribution = summary.distribution.map((n, i) => Math.max(0, n + delta[i]!));
  return summaryOf(summary.subject, distribution, value);
}
