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
    font-size: var(--_small);
  }

  .field {
    display: grid;
    gap: var(--_space-s);
  }

  .field > label,
  .label {
    font-weight: 600;
  }

  /* One height, border, radius and padding for every control, so a row of them lines up. */
  input:not([type='radio']),
  select,
  textarea,
  .button {
    box-sizing: border-box;
    min-block-size: var(--_control);
    padding: var(--_space-s) var(--_space);
    border: var(--_bw) solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    line-height: 1.25;
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
    padding-inline: calc(var(--_space) * 1.5);
    background: var(--_surface-raised);
    cursor: pointer;
  }

  /* The idea board's buttons carry no class: its own styles give them the .button look. */
  :is(.button, button):hover:not(:disabled) {
    border-color: var(--_accent);
  }

  .button.primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_surface);
    font-weight: 600;
  }

  :is(.button, button).primary:hover:not(:disabled) {
    background: color-mix(in srgb, var(--_accent) 85%, var(--_text));
  }

  .button.small {
    min-block-size: var(--_target);
    padding: 0 var(--_space);
    font-size: var(--_small);
  }

  .button:disabled {
    cursor: not-allowed;
    opacity: 0.65;
  }

  :is(button, input, select, textarea):focus-visible {
    outline: var(--_fw) solid var(--_focus);
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
