import { css } from 'lit';

export const insightsStyles = css`
  [part~='base'] {
    min-block-size: 16rem;
  }

  h2,
  h3,
  h4 {
    margin: 0;
    font-size: 1.125em;
  }

  h4 {
    font-size: 1em;
  }

  [part~='filters'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: end;
  }

  label {
    display: grid;
    gap: 0.25em;
  }

  input,
  button {
    font: inherit;
    color: inherit;
    min-block-size: var(--_target);
  }

  input {
    padding-inline: 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }

  button {
    padding-inline: 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    cursor: pointer;
  }

  button:focus-visible,
  input:focus-visible,
  summary:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  [part~='charts'] {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr));
    gap: var(--_space);
  }

  [part~='chart'] {
    display: grid;
    align-content: start;
    gap: calc(var(--_space) / 2);
    margin: 0;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }

  .chart {
    inline-size: 100%;
    block-size: 7.5rem;
  }

  /* Time runs the way the page reads. */
  :host(:dir(rtl)) .chart {
    transform: scaleX(-1);
  }

  .axis {
    stroke: var(--_border);
  }

  .figures,
  .legend,
  .list {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .list {
    display: grid;
  }

  .figures dt {
    color: var(--_text-muted);
  }

  .figures dd {
    margin: 0;
    font-weight: 600;
  }

  /* Series colours by class, not inline styles: the widgets run under a strict CSP. */
  .s0 {
    fill: var(--_accent);
    background: var(--_accent);
  }

  .s1 {
    fill: var(--_star);
    background: var(--_star);
  }

  .swatch {
    display: inline-block;
    inline-size: 0.75em;
    block-size: 0.75em;
    margin-inline-end: 0.25em;
    border-radius: 2px;
  }

  table {
    border-collapse: collapse;
    inline-size: 100%;
  }

  th,
  td {
    padding: 0.125em 0.5em;
    text-align: start;
    border-block-end: 1px solid var(--_border);
  }

  .muted {
    color: var(--_text-muted);
  }

  [part~='error'] {
    color: var(--_danger);
  }

  @media (forced-colors: active) {
    rect {
      fill: CanvasText;
    }
  }
`;
