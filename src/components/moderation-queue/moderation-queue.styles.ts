import { css } from 'lit';

export const moderationQueueStyles = css`
  [part~='base'] {
    min-block-size: 12rem;
  }

  h2,
  h3 {
    margin: 0;
    font-size: 1.125em;
  }

  .list {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: var(--_space);
  }

  [part~='views'],
  [part~='filters'],
  [part~='bulk'],
  .actions,
  .row,
  .reason,
  .suspend,
  [part~='entry'],
  [part~='suspension'] {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    align-items: center;
  }

  [part~='item'] {
    display: grid;
    gap: calc(var(--_space) / 2);
    padding: var(--_space);
    border: var(--_bw) solid var(--_border);
    border-radius: var(--_radius);
  }

  [part~='item']:focus-visible,
  button:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: var(--_fw) solid var(--_focus);
    outline-offset: 2px;
  }

  .title {
    margin: 0;
    font-weight: 600;
  }

  .badge {
    padding: 0 0.4em;
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }

  .muted {
    color: var(--_text-muted);
  }

  .user-text p {
    margin: 0;
  }

  button[aria-pressed='true'] {
    font-weight: 700;
    text-decoration: underline;
  }

  @media (forced-colors: active) {
    [part~='item'] {
      border-color: CanvasText;
    }
  }
`;
