import { css } from 'lit';

export const ideaBoardStyles = css`
  :host {
    --_status-open: var(--cw-idea-status-open-color, var(--_text-muted));
    --_status-planned: var(--cw-idea-status-planned-color, var(--_accent));
    --_status-started: var(--cw-idea-status-started-color, light-dark(#7a4a00, #ffc46b));
    --_status-completed: var(--cw-idea-status-completed-color, light-dark(#1a7f37, #6fdd8b));
    --_status-declined: var(--cw-idea-status-declined-color, var(--_danger));
    --_status-duplicate: var(--cw-idea-status-duplicate-color, var(--_text-muted));
  }

  [part~='base'] {
    /* Reserved before data arrives, so loading never shifts the page. */
    min-block-size: 12rem;
  }

  h2,
  h3,
  h4 {
    margin: 0;
    line-height: 1.25;
  }

  h2 {
    font-size: var(--_large);
  }

  h3 {
    font-size: 1.1em;
  }

  h4 {
    font-size: 1em;
  }

  [part~='header'],
  [part~='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }

  /* Fields with and without a label line up on their bottom edge. */
  [part~='toolbar'] {
    align-items: end;
  }

  [part~='header'] h2 {
    flex: 1 1 auto;
  }

  [part~='budget'],
  [part~='sign-in'] {
    color: var(--_text-muted);
  }

  [part~='budget'].spent {
    color: var(--_danger);
  }

  label {
    display: inline-flex;
    flex-direction: column;
    gap: var(--_space-s);
    font-size: var(--_small);
    color: var(--_text-muted);
  }

  textarea {
    min-block-size: 5rem;
  }

  button {
    min-block-size: var(--_control);
    min-inline-size: var(--_target);
    padding: var(--_space-s) calc(var(--_space) * 1.5);
    border: var(--_bw) solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    color: inherit;
    font: inherit;
    cursor: pointer;
  }

  button.primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_surface);
  }

  [tabindex='-1']:focus-visible {
    outline: var(--_fw) solid var(--_focus);
    outline-offset: 2px;
  }

  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.65;
  }

  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  [part~='list'],
  [part~='comments'],
  [part~='updates'] {
    display: grid;
    gap: var(--_space);
  }

  /* One vote column for the whole list (subgrid), so every title starts at the same edge. */
  [part~='list'] {
    grid-template-columns: auto 1fr;
  }

  [part~='idea'] {
    display: grid;
    grid-column: 1 / -1;
    grid-template-columns: subgrid;
    gap: var(--_space);
    align-items: start;
    padding-block: var(--_space);
    border-block-start: var(--_bw) solid var(--_border);
  }

  .idea-main {
    display: grid;
    gap: 0.25rem;
    min-inline-size: 0;
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    font-size: var(--_small);
    color: var(--_text-muted);
  }

  [part~='idea-title'] {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    text-align: start;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    overflow-wrap: anywhere;
  }

  [part~='status'] {
    display: inline-block;
    padding: 0 0.5rem;
    border: var(--_bw) solid currentColor;
    border-radius: 999px;
    font-size: 0.8125em;
    white-space: nowrap;
  }

  [part~='status-open'] {
    color: var(--_status-open);
  }
  [part~='status-planned'] {
    color: var(--_status-planned);
  }
  [part~='status-started'] {
    color: var(--_status-started);
  }
  [part~='status-completed'] {
    color: var(--_status-completed);
  }
  [part~='status-declined'] {
    color: var(--_status-declined);
  }
  [part~='status-duplicate'] {
    color: var(--_status-duplicate);
  }

  [part~='form'],
  [part~='detail'],
  [part~='moderation'],
  [part~='comment-form'] {
    display: grid;
    gap: var(--_space);
  }

  [part~='form'],
  [part~='moderation'],
  [part~='similar'],
  [part~='note'] {
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }

  [part~='similar']:empty {
    display: none;
  }

  .user-text,
  .user-text p {
    overflow-wrap: anywhere;
  }

  .user-text p + p {
    margin-block-start: 0.5em;
  }

  .user-text a {
    color: var(--_accent);
  }

  .badge {
    padding: 0 0.375rem;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_surface);
    font-size: 0.75em;
  }

  @media (forced-colors: active) {
    button.primary,
    .badge {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
  }
`;
