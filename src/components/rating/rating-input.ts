import {
  css,
  html,
  LitElement,
  nothing,
  type PropertyValues,
  type ReactiveControllerHost,
} from 'lit';
import { property } from 'lit/decorators.js';
import { isRightToLeft } from '../../i18n/locale.js';
import { updateWhenLocaleChanges } from '../../i18n/localize.js';
import { ratingInputMessages as t } from '../../i18n/rating-input-messages.js';
import { clampStars, MAX_STARS, STAR_VALUES } from './star.js';
import type { CommunityClient } from '../../core/client.js';
import type { CwError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { ratingMessages } from '../../i18n/messages.js';

// The star input and `<cw-rating>`'s write path are one module, so they are one lazy chunk:
// every page that can rate loads both, and `<cw-reviews>` loads the input from here too
// (two small chunks cost 0.37 KB gzip more than one, issue 11).

/**
 * @summary The star input inside `<cw-rating>` and `<cw-reviews>`: a WAI-ARIA radio group.
 * It loads only when someone can rate, so read-only pages never download it.
 *
 * @tag cw-rating-input
 * @internal A part of other widgets, not for pages: left out of custom-elements.json and
 *   the editor and framework types generated from it.
 *
 * @csspart input - The radio group.
 * @csspart option - One radio; `option checked` when chosen.
 * @csspart star - The star inside a radio, filled up to the chosen or hovered one.
 *
 * @fires input - The shown value moved (a click, a key); read it from `value`.
 * @fires change - The visitor decided (a click, Space, Enter, Delete, a pause after the arrow
 *   keys, or leaving the stars): once per decision; read it from `value`.
 */
/** How long the arrow keys may rest on a star before it counts as the decision. */
const COMMIT_PAUSE = 700;

export class CwRatingInput extends LitElement {
  static override styles = css`
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
      outline: var(--_fw) solid var(--_focus);
    }

    [aria-disabled='true'] [part~='option'] {
      cursor: default;
      opacity: 0.6;
    }

    .star {
      display: block;
      inline-size: var(--_star-size);
      block-size: var(--_star-size);
      overflow: visible;
      fill: transparent;
      stroke: var(--_star-empty-color);
      stroke-width: 1.5;
    }

    /*
     * Lit up to the chosen star; while the pointer is over an enabled group, up to the
     * hovered one instead. CSS, not state: no re-render per pointer move.
     */
    [part~='option']:has(~ [aria-checked='true']) .star,
    [aria-checked='true'] .star {
      fill: var(--_star-color);
      stroke: var(--_star-color);
    }

    [aria-disabled='false']:has([part~='option']:hover) .star {
      fill: transparent;
      stroke: var(--_star-empty-color);
    }

    [aria-disabled='false'] [part~='option']:hover .star,
    [aria-disabled='false'] [part~='option']:has(~ :hover) .star {
      fill: var(--_star-color);
      stroke: var(--_star-color);
    }

    /* The star is symmetric, so mirroring it only keeps RTL consistent with the summary. */
    :host(:dir(rtl)) .star {
      transform: scaleX(-1);
    }

    @media (prefers-reduced-motion: no-preference) {
      .star {
        transition: fill 120ms ease-out;
      }
    }

    @media (forced-colors: active) {
      [part~='option']:focus-visible {
        outline-color: Highlight;
      }
    }
  `;

  /** Chosen stars, 0 for none. */
  @property({ type: Number }) value = 0;

  /** The group's accessible name. */
  @property() label = '';

  /** Cannot be changed (shown dimmed, not focusable). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Announced as required to assistive technology. */
  @property({ type: Boolean }) required = false;

  constructor() {
    super();
    // Its star names are its own render: a switch of language must re-render it too.
    updateWhenLocaleChanges(this);
  }

  override focus(options?: FocusOptions): void {
    this.focusTarget?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value')) this.value = clampStars(this.value);
  }

  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The stars moved since the last `change`. */
  #moved = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#commit();
  }

  /** Shows `value` at once (`input`); `decide` commits now, otherwise after a pause. */
  #choose(value: number, decide: boolean): void {
    if (this.disabled) return;
    this.value = clampStars(value);
    this.#moved = true;
    this.dispatchEvent(new Event('input', { bubbles: true }));
    clearTimeout(this.#timer);
    if (decide) this.#commit();
    else this.#timer = setTimeout(() => this.#commit(), COMMIT_PAUSE);
  }

  /** One `change` per decision, however many stars the arrows crossed on the way. */
  #commit(): void {
    clearTimeout(this.#timer);
    if (!this.#moved) return;
    this.#moved = false;
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** The value of the radio an event happened on, or undefined outside the radios. */
  #valueAt(event: Event): number | undefined {
    const radio = (event.target as Element).closest<HTMLElement>('[role="radio"]');
    return radio ? Number(radio.dataset.value) : undefined;
  }

  #onClick(event: MouseEvent): void {
    const value = this.#valueAt(event);
    if (value !== undefined) this.#choose(value, true);
  }

  #onKeyDown(event: KeyboardEvent): void {
    const rtl = isRightToLeft(this);
    const here = this.#valueAt(event) ?? this.value;
    // Arrows, Home and End only move the choice; Space, Enter and Delete decide.
    const moves: Record<string, number> = {
      [rtl ? 'ArrowLeft' : 'ArrowRight']: Math.min(MAX_STARS, this.value + 1),
      ArrowUp: Math.min(MAX_STARS, this.value + 1),
      [rtl ? 'ArrowRight' : 'ArrowLeft']: Math.max(1, this.value - 1),
      ArrowDown: Math.max(1, this.value - 1),
      Home: 1,
      End: MAX_STARS,
    };
    const decisions: Record<string, number> = { ' ': here, Enter: here, Delete: 0, Backspace: 0 };
    const next = moves[event.key] ?? decisions[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.#choose(next, event.key in decisions);
    // Roving tabindex: focus follows the checked star.
    void this.updateComplete.then(() => this.focus());
  }

  /** Focus left the stars: what they show is the decision. */
  #onFocusOut(event: FocusEvent): void {
    if (!this.renderRoot.contains(event.relatedTarget as Node | null)) this.#commit();
  }

  /** The star that takes focus (and anchors a form's validation message). */
  get focusTarget(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[tabindex="0"]');
  }

  /** A radio's changing attributes. */
  #radio(value: number): Radio {
    const checked = value === this.value;
    const tabbable = !this.disabled && (checked || (this.value === 0 && value === 1));
    return {
      part: checked ? 'option checked' : 'option',
      checked: checked ? 'true' : 'false',
      tabindex: tabbable ? '0' : '-1',
      label: t.starLabel(value),
    };
  }

  // The five radios are written out, not mapped: a mapped list costs each radio two comment
  // nodes and a template instance. Clicks and keys are handled once, on the group.
  protected override render() {
    const [r1, r2, r3, r4, r5] = STAR_VALUES.map((value) => this.#radio(value)) as Radios;
    return html`<div
      part="input"
      role="radiogroup"
      aria-label=${this.label}
      aria-required=${this.required ? 'true' : 'false'}
      aria-disabled=${this.disabled ? 'true' : 'false'}
      @click=${this.#onClick}
      @keydown=${this.#onKeyDown}
      @focusout=${this.#onFocusOut}
    >
      <span
        role="radio"
        part=${r1.part}
        data-value="1"
        aria-checked=${r1.checked}
        aria-label=${r1.label}
        tabindex=${r1.tabindex}
        ><svg class="star" part="star" viewBox="1.25 1.25 21.5 20.5" aria-hidden="true">
          <path
            d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z"
          /></svg></span
      ><span
        role="radio"
        part=${r2.part}
        data-value="2"
        aria-checked=${r2.checked}
        aria-label=${r2.label}
        tabindex=${r2.tabindex}
        ><svg class="star" part="star" viewBox="1.25 1.25 21.5 20.5" aria-hidden="true">
          <path
            d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z"
          /></svg></span
      ><span
        role="radio"
        part=${r3.part}
        data-value="3"
        aria-checked=${r3.checked}
        aria-label=${r3.label}
        tabindex=${r3.tabindex}
        ><svg class="star" part="star" viewBox="1.25 1.25 21.5 20.5" aria-hidden="true">
          <path
            d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z"
          /></svg></span
      ><span
        role="radio"
        part=${r4.part}
        data-value="4"
        aria-checked=${r4.checked}
        aria-label=${r4.label}
        tabindex=${r4.tabindex}
        ><svg class="star" part="star" viewBox="1.25 1.25 21.5 20.5" aria-hidden="true">
          <path
            d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z"
          /></svg></span
      ><span
        role="radio"
        part=${r5.part}
        data-value="5"
        aria-checked=${r5.checked}
        aria-label=${r5.label}
        tabindex=${r5.tabindex}
        ><svg class="star" part="star" viewBox="1.25 1.25 21.5 20.5" aria-hidden="true">
          <path
            d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z"
          /></svg
      ></span>
    </div>`;
  }
}

interface Radio {
  part: string;
  checked: 'true' | 'false';
  tabindex: '0' | '-1';
  label: string;
}
type Radios = [Radio, Radio, Radio, Radio, Radio];

/** What `<cw-rating>` shares with its controls. */
export interface RatingControlsHost extends ReactiveControllerHost, HTMLElement {
  subject: string | undefined;
  label: string | undefined;
  value: number;
  disabled: boolean;
  readonly: boolean;
  required: boolean;
}

export interface RatingControlsOptions {
  /** The visitor's own rating as shown now (0 for none). */
  chosen(): number;
  /** Whether the host is a form input (no subject) rather than a subject's rating. */
  isFormInput(): boolean;
  client(): CommunityClient | undefined;
  /** Tells the page (`cw-error`) that a write failed. */
  reportError(action: string, error: CwError): void;
}

/**
 * The write path of `<cw-rating>`: the star input, the clear button, saving a choice
 * (optimistically, through the core), and saying how it went. A lazy chunk of its own, loaded
 * once someone can rate: anonymous and read-only pages never download it (ADR 003).
 */
export class RatingControls {
  /** A sentence for screen readers after the visitor acted. */
  #announcement = '';
  #writeError: CwError | undefined;
  readonly #host: RatingControlsHost;
  readonly #options: RatingControlsOptions;

  constructor(host: RatingControlsHost, options: RatingControlsOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** Form input mode: the value before the stars started moving, until the decision. */
  #before: number | undefined;

  /** Form input mode: the field follows the stars as they move (`input`), before the decision. */
  move(value: number): void {
    const host = this.#host;
    if (!this.#options.isFormInput() || host.value === value) return;
    this.#before ??= host.value;
    host.value = value;
    host.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  /** Applies a visitor's decision: 1–5, or 0 to remove. */
  choose(value: number): void {
    const host = this.#host;
    const previous = this.#before ?? this.#options.chosen();
    this.#before = undefined;
    if (value === previous || host.disabled) return;
    this.#writeError = undefined;
    const detail = { value: value || null, previous: previous || null };
    if (this.#options.isFormInput()) {
      host.value = value;
      host.dispatchEvent(new Event('change', { bubbles: true }));
      emit(host, 'cw-rate', { subject: null, ...detail });
      return;
    }
    const subject = host.subject!;
    emit(host, 'cw-rate', { subject, ...detail });
    this.#say('');
    this.#options
      .client()!
      .ratings.rate(subject, value || null)
      .then(
        () => this.#say(value ? t.rated(value) : t.cleared()),
        (error: CwError) => {
          this.#writeError = error;
          this.#say(this.#writeErrorMessage(error));
          this.#options.reportError('rate', error);
        },
      );
  }

  #say(sentence: string): void {
    this.#announcement = sentence;
    this.#host.requestUpdate();
  }

  #writeErrorMessage(error: CwError): string {
    if (error.pointers.includes('#subject')) return ratingMessages.invalidSubject();
    return t.saveFailed(error.pointers.includes('/value') ? t.invalidValue() : error.message);
  }

  /**
   * The input row, a write error if any, and the live region announcing the outcome. The
   * live region is there from the moment the input is, so its first sentence is announced.
   */
  render() {
    const host = this.#host;
    const chosen = this.#options.chosen();
    const formInput = this.#options.isFormInput();
    const error = this.#writeError;
    return html`<div class="row" part="input-row">
        <span class="label" dir="auto" aria-hidden="true" .textContent=${t.groupLabel()}></span
        ><cw-rating-input
          exportparts="input, option, star"
          .value=${chosen}
          .label=${host.label ? t.groupLabelFor(host.label) : t.groupLabel()}
          ?disabled=${host.disabled || host.readonly}
          ?required=${formInput && host.required}
          @input=${(event: Event) => this.move((event.target as CwRatingInput).value)}
          @change=${(event: Event) => this.choose((event.target as CwRatingInput).value)}
        ></cw-rating-input
        >${
          !formInput && chosen > 0
            ? html`<button
                class="clear"
                part="clear"
                type="button"
                aria-label=${t.clear()}
                title=${t.clear()}
                @click=${() => this.choose(0)}
              >
                <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 4l8 8M12 4l-8 8" /></svg>
              </button>`
            : nothing
        }
      </div>
      ${
        error
          ? html`<p part="error" role="alert" dir="auto">${this.#writeErrorMessage(error)}</p>`
          : nothing
      }<span class="visually-hidden" role="status" .textContent=${this.#announcement}></span>`;
  }
}
