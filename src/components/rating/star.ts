import { html, svg } from 'lit';

export const STAR_VALUES = [1, 2, 3, 4, 5] as const;
export const MAX_STARS = STAR_VALUES.length;

// The star's bounding box in its 24-unit path; the viewBox hugs it, so a 37% fill covers
// exactly 37% of the visible star.
const LEFT = 1.25;
const TOP = 1.25;
const WIDTH = 21.5;
const HEIGHT = 20.5;
const path = svg`<path d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z" />`;

/**
 * One star filled to `fill` (0–1) of its width from the left; styles mirror it in RTL. The
 * fill is a nested SVG viewport clipping the same path: plain attributes, no inline style,
 * so it works under a strict CSP.
 */
export function star(fill: number) {
  const width = WIDTH * Math.min(1, Math.max(0, fill));
  const x = LEFT;
  return html`<svg
    class="star"
    part="star"
    viewBox="${LEFT} ${TOP} ${WIDTH} ${HEIGHT}"
    aria-hidden="true"
  >
    <g class="empty">${path}</g>
    <svg
      class="full"
      part="star-fill"
      x=${x}
      y=${TOP}
      width=${width}
      height=${HEIGHT}
      viewBox="${x} ${TOP} ${width} ${HEIGHT}"
    >
      ${path}
    </svg>
  </svg>`;
}

/** Whole stars from 0 (none) to 5; anything else is brought into that range. */
export function clampStars(value: number): number {
  return Number.isFinite(value) ? Math.min(MAX_STARS, Math.max(0, Math.round(value))) : 0;
}

/** A summary's distribution as rows from 5 stars down to 1, with each row's share in whole percent. */
export function distributionRows(summary: {
  count: number;
  distribution: readonly number[];
}): Array<{ stars: number; count: number; percent: number }> {
  return [...STAR_VALUES].reverse().map((stars) => {
    const count = summary.distribution[stars - 1] ?? 0;
    const percent = summary.count === 0 ? 0 : Math.round((count / summary.count) * 100);
    return { stars, count, percent };
  });
}

/** Five stars showing `average` exactly: whole stars, one partial star, then empty ones. */
export function averageStars(average: number) {
  return STAR_VALUES.map((value) => star(average - (value - 1)));
}
