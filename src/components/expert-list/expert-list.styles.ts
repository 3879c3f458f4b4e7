import { css } from 'lit';

export const expertListStyles = css`
  [part~='base'] {
    /* Reserved before data arrives, so loading never shifts the page: the heading and a row
       per person the page shows (--_rows is page-size). */
    min-block-size: calc(4.5rem + var(--_rows, 1) * 3.5rem);
  }

  h2 {
    margin: 0;
    font-size: 1.125em;
  }

  ol {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: var(--_space);
  }

  [part~='expert'] {
    display: grid;
    grid-template-columns: auto auto 1fr auto;
    gap: 0 var(--_space);
    align-items: center;
  }

  [part~='rank'] {
    min-inline-size: 2ch;
    color: var(--_text-muted);
    font-variant-numeric: tabular-nums;
    text-align: end;
  }

  [part~='avatar'] {
    inline-size: 2.5rem;
    block-size: 2.5rem;
    border-radius: 50%;
    object-fit: cover;
    display: grid;
    place-items: center;
    background: var(--_surface-raised);
    font-weight: 600;
  }

  .name {
    margin: 0;
    font-weight: 600;
  }

  .muted {
    margin: 0;
    color: var(--_text-muted);
    font-size: var(--_small);
  }

  button {
    min-block-size: var(--_target);
    padding: 0.125rem 0.625rem;
    border: var(--_bw) solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }

  button[aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_surface);
  }

  button:focus-visible {
    outline: var(--_fw) solid var(--_focus);
    outline-offset: 2px;
  }

  [part~='error'] {
    color: var(--_danger);
  }

  @media (forced-colors: active) {
    button[aria-pressed='true'] {
      background: Highlight;
      color: HighlightText;
    }
  }
`;
