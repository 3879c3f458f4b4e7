import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isRightToLeft } from '../../i18n/locale.js';
import { ratingMessages as t } from '../../i18n/messages.js';
import { clampStars, MAX_STARS, star, STAR_VALUES } from './star.js';
import { starStyles } from './star.styles.js';

/**
 * @summary The star input inside `<cw-rating>`: a WAI-ARIA radio group. `<cw-rating>` loads
 * it only when someone can rate, so read-only pages never download it.
 *
 * @tag cw-rating-input
 *
 * @csspart input - The radio group.
 * @csspart option - One radio; `option checked` when chosen.
 * @csspart star - The star inside a radio.
 * @csspart star-fill - The filled part of that star.
 *
 * @fires change - The visitor chose a value (0 removes the rating); read it from `value`.
 */
export class CwRatingInput extends LitElement {
  static override styles = [
    starStyles,
    css`
      :host {
        display: inline-flex;
      }

      [part='input'] {
        display: inline-flex;
        border-radius: var(--_radius);
      }

      [part~='option'] {
        display: inline-grid;
        place-items: center;
        min-inline-size: var(--_target);
        min-block-size: var(--_target);
        padding: 0 calc(var(--_star-gap) / 2);
        border-radius: var(--_radius);
        cursor: pointer;
        outline: none;
      }

      [part~='option']:focus-visible {
        outline: 2px solid var(--_focus);
      }

      [aria-disabled='true'] [part~='option'] {
        cursor: default;
        opacity: 0.6;
      }

      .full {
        opacity: 0;
      }

      .lit .full {
        opacity: 1;
      }

      @media (prefers-reduced-motion: no-preference) {
        .full {
          transition: opacity 120ms ease-out;
        }
      }

      @media (forced-colors: active) {
        [part~='option']:focus-visible {
          outline-color: Highlight;
        }
      }
    `,
  ];

  /** Chosen stars, 0 for none. */
  @property({ type: Number }) value = 0;

  /** The group's accessible name. */
  @property() label = '';

  /** Cannot be changed (shown dimmed, not focusable). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Announced as required to assistive technology. */
  @property({ type: Boolean }) required = false;

  @state() private hovered = 0;

  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('[tabindex="0"]')?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value')) this.value = clampStars(this.value);
  }

  #choose(value: number): void {
    const next = clampStars(value);
    if (this.disabled || next === this.value) return;
    this.value = next;
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #onKeyDown(event: KeyboardEvent): void {
    const rtl = isRightToLeft(this);
    const keys: Record<string, number> = {
      [rtl ? 'ArrowLeft' : 'ArrowRight']: Math.min(MAX_STARS, this.value + 1),
      ArrowUp: Math.min(MAX_STARS, this.value + 1),
      [rtl ? 'ArrowRight' : 'ArrowLeft']: Math.max(1, this.value - 1),
      ArrowDown: Math.max(1, this.value - 1),
      Home: 1,
      End: MAX_STARS,
      ' ': Number((event.target as HTMLElement).dataset.value),
      Enter: Number((event.target as HTMLElement).dataset.value),
      Delete: 0,
      Backspace: 0,
    };
    const next = keys[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.#choose(next);
    // Roving tabindex: focus follows the checked star.
    void this.updateComplete.then(() => this.focus());
  }

  protected override render() {
    const shown = this.hovered || this.value;
    return html`<div
      part="input"
      role="radiogroup"
      aria-label=${this.label}
      aria-required=${this.required ? 'true' : 'false'}
      aria-disabled=${this.disabled ? 'true' : 'false'}
      @pointerleave=${() => (this.hovered = 0)}
    >
      ${STAR_VALUES.map((value) => {
        const checked = value === this.value;
        const tabbable = !this.disabled && (checked || (this.value === 0 && value === 1));
        return html`<span
          role="radio"
          part=${checked ? 'option checked' : 'option'}
          class=${value <= shown ? 'lit' : ''}
          data-value=${value}
          aria-checked=${checked ? 'true' : 'false'}
          aria-label=${t.starLabel(value)}
          tabindex=${tabbable ? '0' : '-1'}
          @click=${() => this.#choose(value)}
          @keydown=${this.#onKeyDown}
          @pointerenter=${() => !this.disabled && (this.hovered = value)}
          >${star(1)}</span
        >`;
      })}
    </div>`;
  }
}
