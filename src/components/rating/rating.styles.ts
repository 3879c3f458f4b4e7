import { css } from 'lit';

export const ratingStyles = css`
  :host {
    --_star-size: var(--cw-rating-star-size, 1.25rem);
    --_star-gap: var(--cw-rating-star-gap, 0.125rem);
    --_star-color: var(--cw-rating-star-color, var(--_star));
    --_star-empty-color: var(--cw-rating-star-empty-color, var(--_star-empty));
    display: inline-block;
    vertical-align: middle;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: var(--_line);
    color: var(--_text);
  }

  :host([size='small']) {
    --_star-size: var(--cw-rating-star-size, 1rem);
    font-size: calc(var(--_font-size) * 0.875);
  }

  :host([size='large']) {
    --_star-size: var(--cw-rating-star-size, 1.75rem);
    font-size: calc(var(--_font-size) * 1.125);
  }

  [part='base'] {
    display: grid;
    gap: calc(var(--_space) / 2);
    justify-items: start;
  }

  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    /* Reserved before data arrives, so loading never shifts the page. */
    min-block-size: max(var(--_target), var(--_star-size));
  }

  .stars {
    display: inline-flex;
    gap: var(--_star-gap);
  }

  .loading .star .empty {
    stroke: var(--_border);
    stroke-dasharray: 2 2;
  }

  .count,
  .note {
    color: var(--_text-muted);
  }

  [part='summary'] {
    flex-wrap: nowrap;
    white-space: nowrap;
  }

  /* Room for typical figures ("4.5 1,234 ratings") in every state, so loading never shifts. */
  .figures {
    display: inline-flex;
    gap: var(--_space);
    min-inline-size: 12ch;
  }

  cw-rating-input {
    /* Reserved while the input's code loads. */
    display: inline-flex;
    min-inline-size: calc(5 * var(--_target));
    min-block-size: var(--_target);
  }

  .label {
    font-weight: 600;
  }

  /* One line whatever the container, so the input appearing never changes the height. */
  [part='input-row'] {
    flex-wrap: nowrap;
    white-space: nowrap;
  }

  :host([size='small']) .label {
    display: none;
  }

  .clear {
    display: inline-grid;
    place-items: center;
    inline-size: var(--_target);
    block-size: var(--_target);
    padding: 0;
    border: 0;
    border-radius: var(--_radius);
    background: none;
    color: var(--_text-muted);
    cursor: pointer;
  }

  .clear:hover {
    color: var(--_text);
  }

  .clear:focus-visible {
    outline: var(--_fw) solid var(--_focus);
  }

  .clear svg {
    inline-size: 1rem;
    block-size: 1rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
  }

  [part='error'] {
    margin: 0;
    color: var(--_danger);
  }

  [part='distribution'] {
    display: grid;
    grid-template-columns: auto minmax(6rem, 12rem) auto;
    align-items: center;
    gap: 0.125rem var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: var(--_small);
  }

  [part='distribution'].placeholder {
    visibility: hidden;
  }

  [part='distribution'] li {
    display: contents;
  }

  [part='distribution-bar'] {
    inline-size: 100%;
    block-size: 0.5rem;
    border-radius: 999px;
    background: var(--_surface-raised);
    outline: 1px solid var(--_border);
    outline-offset: -1px;
    fill: var(--_star-color);
  }

  :host(:dir(rtl)) [part='distribution-bar'] {
    transform: scaleX(-1);
  }

  @media (forced-colors: active) {
    [part='distribution-bar'] {
      fill: CanvasText;
    }
  }
`;
