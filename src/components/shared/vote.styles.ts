import { css } from 'lit';

export const voteStyles = css`
  :host {
    display: inline-grid;
  }

  [part~='base'] {
    display: grid;
    justify-items: center;
    min-inline-size: 2.5rem;
  }

  :host([mode='single']) [part~='base'],
  :host([mode='pair']) [part~='base'] {
    display: inline-flex;
    gap: var(--_space);
    min-inline-size: 0;
  }

  /* A single toggle fills its column, so a list's vote buttons share one width. */
  :host([mode='single']) [part~='base'] {
    display: flex;
  }

  :host([mode='single']) button {
    flex: 1;
  }

  [part~='score'] {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }

  button {
    display: inline-grid;
    grid-auto-flow: column;
    place-items: center;
    gap: 0.25em;
    min-inline-size: var(--_target);
    min-block-size: var(--_target);
    padding: 0;
    border: var(--_bw) solid transparent;
    border-radius: var(--_radius);
    background: none;
    color: var(--_text-muted);
    font: inherit;
    cursor: pointer;
  }

  :host([mode='single']) button,
  :host([mode='pair']) button {
    padding: 0.125em 0.5em;
    border-color: var(--_border);
  }

  button:hover:not(:disabled) {
    color: var(--_accent);
  }

  button:focus-visible {
    outline: var(--_fw) solid var(--_focus);
    outline-offset: 2px;
  }

  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }

  svg {
    inline-size: 1rem;
    block-size: 1rem;
    fill: currentColor;
  }

  button[aria-pressed='true'] {
    border-color: var(--_accent);
    color: var(--_accent);
  }

  @media (forced-colors: active) {
    button[aria-pressed='true'] {
      border-color: Highlight;
      color: Highlight;
    }
  }
`;
