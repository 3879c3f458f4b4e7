import { css } from 'lit';

/**
 * Design tokens every widget shares. Public `--cw-*` properties theme all widgets at once;
 * each element maps them to private `--_*` values with light and dark defaults.
 *
 * Colours follow the page's `color-scheme` through `light-dark()`: a page that declares
 * `color-scheme: light dark` gets dark widgets when the visitor prefers dark, a light-only
 * page keeps light widgets, and `theme="light|dark"` on an element forces one.
 *
 * The global theme tokens (set once on the page or any ancestor to theme every widget); this
 * list is what custom-elements.json and the editor data give every public element
 * (custom-elements-manifest.config.mjs reads it):
 *
 * @cssprop [--cw-color-text=light-dark(#1f2328, #e6e8eb)] - Body text.
 * @cssprop [--cw-color-text-muted=light-dark(#59636e, #a4acb6)] - Secondary text: counts, dates, hints.
 * @cssprop [--cw-color-surface=light-dark(#ffffff, #16191d)] - Background of widgets and cards.
 * @cssprop [--cw-color-surface-raised=light-dark(#f3f5f7, #23282e)] - Background of raised parts: bars, chips, hovercards.
 * @cssprop [--cw-color-border=light-dark(#8c959f, #6e7781)] - Borders of fields, cards and buttons.
 * @cssprop [--cw-color-accent=light-dark(#0a5ec4, #6cb0ff)] - Links, primary buttons, selected states.
 * @cssprop [--cw-color-star=light-dark(#a8510a, #ffb443)] - Filled stars and rating bars.
 * @cssprop [--cw-color-star-empty=light-dark(#6e7781, #8b949e)] - Outline of empty stars.
 * @cssprop [--cw-color-danger=light-dark(#b3261e, #ff8a80)] - Errors and destructive actions.
 * @cssprop [--cw-color-success=light-dark(#1a7f37, #57d364)] - Accepted answers and confirmations.
 * @cssprop [--cw-color-focus=light-dark(#0a5ec4, #6cb0ff)] - Keyboard focus rings.
 * @cssprop [--cw-font-family=inherit] - Font of every widget (inherits the page's by default).
 * @cssprop [--cw-font-size=1rem] - Base text size; widgets scale from it.
 * @cssprop [--cw-font-size-small=0.875em] - The type scale's small step: meta lines, labels, hints.
 * @cssprop [--cw-font-size-large=1.25em] - The type scale's large step: widget headings.
 * @cssprop [--cw-line-height=1.5] - Line height of the posting widgets' text.
 * @cssprop [--cw-radius=0.375rem] - Corner radius of fields, buttons and cards.
 * @cssprop [--cw-space=0.5rem] - Base spacing unit; the spacing scale is half and one of it.
 * @cssprop [--cw-control-size=2.25em] - Height of buttons, text fields and selects, so a row of them lines up.
 * @cssprop [--cw-border-width=1px] - Width of the borders of fields, buttons and cards.
 * @cssprop [--cw-focus-width=2px] - Width of keyboard focus rings.
 *
 * Two presets beside light and dark set these tokens for the host page:
 * `community-widgets/themes.css` with the class `cw-compact` or `cw-high-contrast` on any
 * ancestor (README, «Themes»).
 */
export const tokens = css`
  :host {
    --_text: var(--cw-color-text, light-dark(#1f2328, #e6e8eb));
    --_text-muted: var(--cw-color-text-muted, light-dark(#59636e, #a4acb6));
    --_surface: var(--cw-color-surface, light-dark(#ffffff, #16191d));
    --_surface-raised: var(--cw-color-surface-raised, light-dark(#f3f5f7, #23282e));
    --_border: var(--cw-color-border, light-dark(#8c959f, #6e7781));
    --_accent: var(--cw-color-accent, light-dark(#0a5ec4, #6cb0ff));
    --_star: var(--cw-color-star, light-dark(#a8510a, #ffb443));
    --_star-empty: var(--cw-color-star-empty, light-dark(#6e7781, #8b949e));
    --_danger: var(--cw-color-danger, light-dark(#b3261e, #ff8a80));
    --_focus: var(--cw-color-focus, light-dark(#0a5ec4, #6cb0ff));
    --_font: var(--cw-font-family, inherit);
    --_font-size: var(--cw-font-size, 1rem);
    --_radius: var(--cw-radius, 0.375rem);
    --_space: var(--cw-space, 0.5rem);
    --_space-s: calc(var(--_space) / 2);
    --_small: var(--cw-font-size-small, 0.875em);
    --_large: var(--cw-font-size-large, 1.25em);
    --_line: var(--cw-line-height, 1.5);
    --_control: var(--cw-control-size, 2.25em);
    --_bw: var(--cw-border-width, 1px);
    --_fw: var(--cw-focus-width, 2px);
    --_target: 24px;
  }

  /* Fingers need more room than a pointer: every small target grows on touch screens. */
  @media (pointer: coarse) {
    :host {
      --_target: 44px;
    }
  }

  :host([theme='light']) {
    color-scheme: light;
  }

  :host([theme='dark']) {
    color-scheme: dark;
  }

  :host([hidden]) {
    display: none !important;
  }

  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  .text-button {
    min-block-size: var(--_target);
    padding: 0 0.25em;
    border: 0;
    border-radius: var(--_radius);
    background: none;
    color: var(--_accent);
    font: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }

  .text-button:hover {
    text-decoration-thickness: 2px;
  }

  .text-button:focus-visible {
    outline: var(--_fw) solid var(--_focus);
    outline-offset: 2px;
  }

  @media (forced-colors: active) {
    :host {
      --_text: CanvasText;
      --_text-muted: CanvasText;
      --_surface: Canvas;
      --_border: CanvasText;
      --_accent: LinkText;
      --_star: CanvasText;
      --_star-empty: GrayText;
      --_danger: CanvasText;
      --_focus: Highlight;
    }
  }
`;

/**
 * The host of a block widget (Q&A, reviews, ideas, experts, the queue, the dashboard): one
 * copy instead of one per widget. A bundle without such a widget (the rating-only drop-in)
 * drops it (rollup.config.mjs: `css` is pure); in the all-widgets drop-in it sits in the entry
 * beside `tokens`, so no widget's chunk carries it again and no page loads another file for it.
 */
export const blockWidget = css`
  :host {
    display: block;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: var(--_line);
    color: var(--_text);
  }
`;

/** The bordered card a widget's `base` part draws; each widget reserves its own height. */
export const card = css`
  [part~='base'] {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
    border: var(--_bw) solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
`;
