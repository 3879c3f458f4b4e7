import { css } from 'lit';

/**
 * The form controls every posting widget shares (fields, text inputs, buttons, error
 * sentences), so a field or a button looks and behaves the same in Q&A, reviews, the idea
 * board and the expert widgets. Widgets add only what is their own on top.
 */
export const controls = css`
  p {
    margin: 0;
  }

  .muted,
  .note {
    color: var(--_text-muted);
  }

  .small {
    font-size: 0.875em;
  }

  .field {
    display: grid;
    gap: 0.25rem;
  }

  .field > label,
  .label {
    font-weight: 600;
  }

  input,
  select,
  textarea {
    box-sizing: border-box;
    min-block-size: var(--_target);
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  .field input,
  .field textarea {
    inline-size: 100%;
  }

  textarea {
    resize: vertical;
  }

  [aria-invalid='true'] {
    border-color: var(--_danger);
  }

  [part='error'] {
    color: var(--_danger);
  }

  .button {
    min-block-size: var(--_target);
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }

  .button.primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_surface);
    font-weight: 600;
  }

  .button.small {
    padding: 0 0.5rem;
    font-size: 0.875em;
  }

  .button:disabled {
    cursor: not-allowed;
    opacity: 0.65;
  }

  :is(button, input, select, textarea):focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  .actions,
  .row,
  .form-error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
`;
