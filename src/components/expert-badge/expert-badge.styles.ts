import { css } from 'lit';

export const expertBadgeStyles = css`
  :host {
    --_level-contributor: var(--cw-expert-level-contributor-color, light-dark(#1a7f37, #6fdd8b));
    --_level-trusted: var(--cw-expert-level-trusted-color, var(--_accent));
    --_level-expert: var(--cw-expert-level-expert-color, light-dark(#8250df, #c297ff));
    --_level-leader: var(--cw-expert-level-leader-color, light-dark(#a8510a, #ffb443));
    --_card-width: var(--cw-expert-card-width, 18rem);
    display: inline;
    font-family: var(--_font);
    color: var(--_text);
  }

  [part~='trigger'] {
    display: inline-flex;
    align-items: baseline;
    gap: 0.25em;
    margin: 0;
    padding: 0 0.125em;
    border: 0;
    border-radius: 0.25em;
    background: none;
    color: inherit;
    font: inherit;
    line-height: inherit;
    text-decoration: underline dotted;
    text-underline-offset: 0.2em;
    cursor: pointer;
  }

  [part~='trigger']:focus-visible,
  [part~='card'] button:focus-visible {
    outline: var(--_fw) solid var(--_focus);
    outline-offset: 2px;
  }

  [part~='level'] {
    display: inline-block;
    padding: 0 0.375em;
    border: var(--_bw) solid currentColor;
    border-radius: 999px;
    font-size: 0.75em;
    line-height: 1.4;
    text-decoration: none;
    white-space: nowrap;
  }

  [data-level='contributor'] {
    color: var(--_level-contributor);
  }
  [data-level='trusted'] {
    color: var(--_level-trusted);
  }
  [data-level='expert'] {
    color: var(--_level-expert);
  }
  [data-level='leader'] {
    color: var(--_level-leader);
  }

  [part~='card'] {
    box-sizing: border-box;
    inline-size: var(--_card-width);
    margin: 0;
    padding: calc(var(--_space) * 1.5);
    overflow: auto;
    border: var(--_bw) solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
    font-size: var(--_font-size);
    line-height: var(--_line);
    text-align: start;
    inset: auto;
  }

  /* The hover bridge: an invisible strip over the gap between badge and card. */
  [part~='card']::before {
    content: '';
    position: absolute;
    inset-inline: 0;
    block-size: 12px;
  }
  [part~='card'][data-placement^='bottom']::before {
    inset-block-end: 100%;
  }
  [part~='card'][data-placement^='top']::before {
    inset-block-start: 100%;
  }

  .head {
    display: flex;
    gap: var(--_space);
    align-items: center;
  }

  [part~='avatar'] {
    flex: none;
    inline-size: 3rem;
    block-size: 3rem;
    border-radius: 50%;
    object-fit: cover;
    display: grid;
    place-items: center;
    background: var(--_surface-raised);
    color: var(--_text);
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

  h3 {
    margin: var(--_space) 0 0.25rem;
    font-size: var(--_small);
  }

  ul {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 0.25rem;
  }

  [part~='topic'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem var(--_space);
    align-items: center;
    justify-content: space-between;
  }

  [part~='badges'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }

  [part~='badges'] li {
    padding: 0 0.5em;
    border-radius: 999px;
    background: var(--_surface-raised);
    font-size: 0.8125em;
  }

  button.action {
    min-block-size: var(--_target);
    padding: 0.125rem 0.5rem;
    border: var(--_bw) solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    font-size: 0.8125em;
    cursor: pointer;
  }

  button.action[aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_surface);
  }

  [part~='error'] {
    color: var(--_danger);
  }

  @media (forced-colors: active) {
    [part~='level'],
    [part~='card'],
    button.action {
      border-color: CanvasText;
    }
    button.action[aria-pressed='true'] {
      background: Highlight;
      color: HighlightText;
    }
  }
`;
