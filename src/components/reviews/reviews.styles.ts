import { css } from 'lit';

export const reviewsStyles = css`
  :host {
    --_star-size: var(--cw-reviews-star-size, 1.25rem);
    --_star-gap: 0.125rem;
    --_star-color: var(--_star);
    --_star-empty-color: var(--_star-empty);
    --_gap: var(--cw-reviews-gap, 1rem);
    --_bar: var(--cw-reviews-bar-color, var(--_star));
  }

  /* Inset like <cw-qa>'s: on a phone the stars and text would otherwise touch the screen's edge. */
  [part='base'] {
    display: grid;
    gap: var(--_gap);
    padding: var(--_gap);
    border-radius: var(--_radius);
    color-scheme: inherit;
    background: var(--_surface);
  }

  .stars {
    display: inline-flex;
    gap: var(--_star-gap);
  }

  .stars.big {
    --_star-size: calc(var(--cw-reviews-star-size, 1.25rem) * 1.25);
  }

  [part='average'] {
    font-size: 1.5em;
    font-weight: 600;
  }

  .summary {
    display: grid;
    gap: var(--_space);
    /* Reserved before data arrives: the stars row and five filter rows. */
    min-block-size: calc(var(--_target) + 5 * (var(--_target) + 0.125rem));
  }

  .distribution {
    display: grid;
    gap: 0.125rem;
    margin: 0;
    padding: 0;
    list-style: none;
    max-inline-size: 24rem;
  }

  [part~='filter'] {
    display: grid;
    grid-template-columns: 3ch 1fr 5ch;
    align-items: center;
    gap: var(--_space);
    inline-size: 100%;
    min-block-size: var(--_target);
    padding: 0 0.25rem;
    border: var(--_bw) solid transparent;
    border-radius: var(--_radius);
    background: none;
    color: inherit;
    font: inherit;
    font-size: var(--_small);
    text-align: start;
    cursor: pointer;
  }

  [part~='filter']:hover {
    background: var(--_surface-raised);
  }

  [part~='filter'][aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_surface-raised);
    font-weight: 600;
  }

  .bar {
    inline-size: 100%;
    block-size: 0.5rem;
    fill: var(--_bar);
  }

  .bar .track {
    fill: var(--_surface-raised);
    stroke: var(--_border);
  }

  :host(:dir(rtl)) .bar {
    transform: scaleX(-1);
  }

  [part~='filter']:focus-visible,
  [part~='review']:focus-visible {
    outline: var(--_fw) solid var(--_focus);
    outline-offset: 2px;
  }

  [part='form'] {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
    border: var(--_bw) solid var(--_border);
    border-radius: var(--_radius);
  }

  cw-rating-input {
    /* Reserved while the input's code loads. */
    display: inline-flex;
    min-inline-size: calc(5 * var(--_target));
    min-block-size: var(--_target);
  }

  .list {
    display: grid;
    gap: var(--_gap);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  [part~='review'] {
    display: grid;
    gap: 0.25rem;
    padding-block-end: var(--_gap);
    border-block-end: var(--_bw) solid var(--_border);
  }

  .title {
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space);
    font-size: var(--_small);
  }

  .own-mark {
    font-weight: 600;
  }

  .verified {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    color: var(--_text);
  }

  .verified svg {
    inline-size: 1em;
    block-size: 1em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
  }

  .user-text p {
    margin-block: 0 0.5em;
    overflow-wrap: anywhere;
    white-space: normal;
  }

  .user-text a {
    color: var(--_accent);
  }

  .placeholder {
    min-block-size: var(--_target);
  }

  @media (forced-colors: active) {
    .bar {
      fill: CanvasText;
    }

    .button.primary {
      border-color: ButtonText;
    }
  }
`;
