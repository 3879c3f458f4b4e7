import { html, svg, nothing, type TemplateResult } from 'lit';

/** One category of a chart (a day, a week, a status, a topic) and its values per series. */
export interface ChartPoint {
  label: string;
  values: number[];
}

export interface ChartSeries {
  name: string;
}

const WIDTH = 320;
const HEIGHT = 120;
const GAP = 2;

/**
 * Bars drawn as an SVG template: grouped series side by side (or `stacked`). The chart is a
 * picture for the eye; its `summary` is its accessible name, and the table beside it carries
 * every number, so the SVG draws no text (which would also mirror badly in right-to-left).
 */
export function barChart(
  points: readonly ChartPoint[],
  series: readonly ChartSeries[],
  summary: string,
  { stacked = false }: { stacked?: boolean } = {},
): TemplateResult {
  const totals = points.map((p) =>
    stacked ? p.values.reduce((a, b) => a + b, 0) : Math.max(0, ...p.values),
  );
  const max = Math.max(1, ...totals);
  const slot = points.length ? WIDTH / points.length : WIDTH;
  const barWidth = stacked
    ? Math.max(1, slot - GAP)
    : Math.max(1, (slot - GAP) / Math.max(1, series.length));
  const bars = points.flatMap((point, i) => {
    let base = HEIGHT;
    return point.values.map((value, s) => {
      const h = (value / max) * (HEIGHT - 4);
      const x = i * slot + (stacked ? 0 : s * barWidth);
      const y = stacked ? base - h : HEIGHT - h;
      if (stacked) base -= h;
      return value > 0
        ? svg`<rect x=${x.toFixed(2)} y=${y.toFixed(2)} width=${barWidth.toFixed(2)} height=${h.toFixed(2)} class="s${s}"></rect>`
        : nothing;
    });
  });
  return html`<svg
      class="chart"
      viewBox="0 0 ${WIDTH} ${HEIGHT}"
      preserveAspectRatio="none"
      role="img"
      aria-label=${summary}
    >
      <line x1="0" y1=${HEIGHT - 0.5} x2=${WIDTH} y2=${HEIGHT - 0.5} class="axis"></line>
      ${bars}
    </svg>
    ${
      series.length > 1
        ? html`<ul class="legend">
            ${series.map((s, i) => html`<li><span class="swatch s${i}"></span>${s.name}</li>`)}
          </ul>`
        : nothing
    }`;
}

/** The table alternative of a chart: every number the chart draws, and more. */
export function dataTable(
  caption: string,
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): TemplateResult {
  return html`<table>
    <caption class="visually-hidden">
      ${caption}
    </caption>
    <thead>
      <tr>
        ${header.map((h) => html`<th scope="col">${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr>
            ${row.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}
          </tr>`,
      )}
    </tbody>
  </table>`;
}
