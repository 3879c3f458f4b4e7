import { css } from 'lit';

export const qaStyles = css`
  :host {
    --_gap: var(--cw-qa-gap, 1rem);
    --_success: var(--cw-qa-accepted-color, var(--cw-color-success, light-dark(#1a7f37, #57d364)));
    max-inline-size: var(--cw-qa-max-inline-size, 48rem);
  }

  [part='base'] {
    display: grid;
    gap: var(--_gap);
    padding: var(--_gap);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }

  h2,
  h3,
  h4,
  ul {
    margin: 0;
  }

  [part='heading'] {
    font-size: var(--_large);
  }

  .small-heading {
    font-size: 1em;
  }

  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space) var(--_gap);
  }

  .field.inline {
    display: inline-grid;
  }

  #ask-title {
    inline-size: 100%;
  }

  .button[aria-pressed='true'] {
    border-color: var(--_success);
    color: var(--_success);
    font-weight: 600;
  }

  .form {
    display: grid;
    gap: var(--_space);
    padding: var(--_gap);
    border: var(--_bw) solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }

  /* The topic field's suggestions float over what follows, so opening them moves nothing. */
  .combobox {
    position: relative;
  }

  .suggestions {
    position: absolute;
    z-index: 1;
    inset-inline: 0;
    inset-block-start: calc(100% + var(--_bw) * 2);
    max-block-size: 16rem;
    margin: 0;
    padding: var(--_space-s) 0;
    overflow-y: auto;
    border: var(--_bw) solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
    list-style: none;
  }

  .suggestions [role='option'] {
    padding: var(--_space-s) var(--_space);
    cursor: pointer;
  }

  .suggestions [role='option']:hover {
    background: var(--_surface-raised);
  }

  .suggestions [aria-selected='true'] {
    background: var(--_accent);
    color: var(--_surface);
  }

  @media (forced-colors: active) {
    .suggestions [aria-selected='true'] {
      outline: var(--_fw) solid Highlight;
    }
  }

  [part='similar'] ul {
    padding-inline-start: 1.25rem;
  }

  /* Reserved while the first page loads, so the list appearing pushes little. */
  .list-area[aria-busy='true'] {
    min-block-size: 6rem;
  }

  [part='list'],
  [part='answers'] {
    display: grid;
    gap: var(--_gap);
    padding: 0;
    list-style: none;
  }

  .post {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: var(--_space) var(--_gap);
    align-items: start;
  }

  [part~='question'] {
    padding-block-end: var(--_gap);
    border-block-end: var(--_bw) solid var(--_border);
  }

  [part~='answer'] {
    padding: var(--_space);
    border-radius: var(--_radius);
  }

  [part~='answer'][part~='accepted'] {
    outline: 2px solid var(--_success);
  }

  .post-main {
    display: grid;
    gap: 0.25rem;
    min-inline-size: 0;
  }

  /* Buttons keep their own width instead of stretching across the grid column. */
  .post-main > button {
    justify-self: start;
  }

  .question-title {
    font-size: 1.05em;
  }

  [part='question-title'] {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font: inherit;
    font-weight: 600;
    text-align: start;
    cursor: pointer;
    min-block-size: var(--_target);
  }

  [part='question-title']:hover {
    text-decoration: underline;
  }

  [part='meta'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space);
  }

  .topic {
    padding: 0 0.375rem;
    border: var(--_bw) solid var(--_border);
    border-radius: 999px;
  }

  .accepted-mark {
    color: var(--_success);
    font-weight: 600;
  }

  .invite-list {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .expert-mark {
    display: inline-block;
    padding: 0 0.375em;
    border: var(--_bw) solid currentColor;
    border-radius: 999px;
    color: var(--_accent);
    font-weight: 600;
  }

  [part='accepted']::before,
  [part='answered']::before {
    content: '✓ ';
  }

  [part='thread'] {
    display: grid;
    gap: var(--_space);
    margin-block-start: var(--_space);
  }

  /* Posts are plain text: long words and URLs wrap instead of widening the page. */
  .user-text {
    overflow-wrap: anywhere;
    unicode-bidi: isolate;
  }

  .user-text p + p {
    margin-block-start: var(--_space);
  }

  .user-text a {
    color: var(--_accent);
  }

  .votes {
    display: grid;
    justify-items: center;
    min-inline-size: 2.5rem;
  }

  cw-qa-ask-form,
  cw-qa-thread,
  cw-qa-invite {
    display: block;
  }

  @media (forced-colors: active) {
    .button[aria-pressed='true'] {
      border-color: Highlight;
      color: Highlight;
    }

    [part~='answer'][part~='accepted'] {
      outline-color: CanvasText;
    }
  }
`;
