import { css } from 'lit';

export const inboxStyles = css`
  :host {
    --_panel-width: var(--cw-inbox-panel-width, 22rem);
    --_badge: var(--cw-inbox-badge-color, light-dark(#c62828, #ff8a80));
    display: inline-block;
    font-family: var(--_font);
    color: var(--_text);
  }

  :host([hidden]) {
    display: none;
  }

  [part~='bell'] {
    position: relative;
    display: inline-grid;
    place-items: center;
    inline-size: 2.5rem;
    block-size: 2.5rem;
    margin: 0;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
    color: inherit;
    cursor: pointer;
  }

  [part~='bell'] svg {
    inline-size: 1.25rem;
    block-size: 1.25rem;
  }

  [part~='count'] {
    position: absolute;
    inset-block-start: -0.25rem;
    inset-inline-end: -0.25rem;
    min-inline-size: 1.25rem;
    padding: 0 0.3em;
    border-radius: 999px;
    background: var(--_badge);
    color: light-dark(#ffffff, #16191d);
    font-size: 0.75rem;
    font-weight: 600;
    line-height: 1.25rem;
    text-align: center;
  }

  button:focus-visible,
  a:focus-visible,
  [part~='panel']:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  [part~='panel'] {
    box-sizing: border-box;
    inline-size: var(--_panel-width);
    margin: 0;
    padding: var(--_space);
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
    font-size: var(--_font-size);
    line-height: 1.5;
    text-align: start;
    inset: auto;
  }

  .head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }

  h2 {
    margin: 0;
    font-size: 1em;
  }

  ul {
    margin: var(--_space) 0 0;
    padding: 0;
    list-style: none;
  }

  [part~='item'] {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.25rem var(--_space);
    padding: var(--_space) 0;
    border-block-start: 1px solid var(--_border);
  }

  [part~='item'][data-read='false'] .sentence {
    font-weight: 600;
  }

  [part~='link'] {
    color: var(--_accent);
  }

  .muted,
  time {
    color: var(--_text-muted);
    font-size: 0.875em;
  }

  .action {
    margin: 0;
    padding: 0.125em 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: none;
    color: inherit;
    font: inherit;
    font-size: 0.875em;
    cursor: pointer;
  }

  [part~='error'] {
    color: var(--_danger);
  }

  @media (forced-colors: active) {
    [part~='count'] {
      border: 1px solid CanvasText;
    }
  }
`;
