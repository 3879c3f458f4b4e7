import { html } from 'lit';

export const STAR_VALUES = [1, 2, 3, 4, 5] as const;
export const MAX_STARS = STAR_VALUES.length;

// The star's bounding box in its 24-unit path; the viewBox hugs it, so a 37% fill covers
// exactly 37% of the visible star. The path itself is written out in each template below:
// a bound path would cost every star a lit part and a comment node, and gzip stores the
// repeats once.
const WIDTH = 21.5;

/** The fill viewport's width for a star filled to `fill` (0–1) of its width. */
const fillWidth = (fill: number) => WIDTH * Math.min(1, Math.max(0, fill));
const fillBox = (width: number) => `1.25 1.25 ${width} 20.5`;

/**
 * One star filled to `fill` (0–1) of its width from the left; styles mirror it in RTL. The
 * fill is a nested SVG viewport clipping the same path: plain attributes, no inline style,
 * so it works under a strict CSP.
 */
export function star(fill: number) {
  const width = fillWidth(fill);
  return html`<svg class="star" part="star" viewBox="1.25 1.25 21.5 20.5" aria-hidden="true">
    <path
      class="empty"
      d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z"
    />
    <svg
      class="full"
      part="star-fill"
      x="1.25"
      y="1.25"
      width=${width}
      height="20.5"
      viewBox=${fillBox(width)}
    >
      <path
        d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z"
      />
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

/**
 * Five stars showing `average` exactly: whole stars, one partial star, then empty ones. One
 * template for all five, not five star() results: a list of templates costs each star two
 * comment nodes and a template instance, and a page may show a thousand ratings.
 */
export function averageStars(average: number) {
  const [a, b, c, d, e] = STAR_VALUES.map((value) => fillWidth(average - (value - 1)));
  return html`<svg class="star" part="star" viewBox="1.25 1.25 21.5 20.5" aria-hidden="true">
      <path
        class="empty"
        d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z"
      />
      <svg
        class="full"
        part="star-fill"
        x="1.25"
        y="1.25"
        width=${a}
        height="20.5"
        viewBox=${fillBox(a!)}
      >
        <path
          d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z"
        />
      </svg></svg
    ><svg class="star" part="star" viewBox="1.25 1.25 21.5 20.5" aria-hidden="true">
      <path
        class="empty"
        d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z"
      />
      <svg
        class="full"
        part="star-fill"
        x="1.25"
        y="1.25"
        width=${b}
        height="20.5"
        viewBox=${fillBox(b!)}
      >
        <path
          d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z"
        />
      </svg></svg
    ><svg class="star" part="star" viewBox="1.25 1.25 21.5 20.5" aria-hidden="true">
      <path
        class="empty"
        d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z"
      />
      <svg
        class="full"
        part="star-fill"
        x="1.25"
        y="1.25"
        width=${c}
        height="20.5"
        viewBox=${fillBox(c!)}
      >
        <path
          d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z"
        />
      </svg></svg
    ><svg class="star" part="star" viewBox="1.25 1.25 21.5 20.5" aria-hidden="true">
      <path
        class="empty"
        d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z"
      />
      <svg
        class="full"
        part="star-fill"
        x="1.25"
        y="1.25"
        width=${d}
        height="20.5"
        viewBox=${fillBox(d!)}
      >
        <path
          d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z"
        />
      </svg></svg
    ><svg class="star" part="star" viewBox="1.25 1.25 21.5 20.5" aria-hidden="true">
      <path
        class="empty"
        d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z"
      />
      <svg
        class="full"
        part="star-fill"
        x="1.25"
        y="1.25"
        width=${e}
        height="20.5"
        viewBox=${fillBox(e!)}
      >
        <path
          d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z"
        />
      </svg>
    </svg>`;
}
