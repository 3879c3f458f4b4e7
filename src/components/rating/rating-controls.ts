import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { CommunityClient } from '../../core/client.js';
import type { CwError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { ratingMessages } from '../../i18n/messages.js';
import { ratingInputMessages as t } from '../../i18n/rating-input-messages.js';
import { define } from '../../define.js';
import { CwRatingInput } from './rating-input.js';

define('cw-rating-input', CwRatingInput);

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

  /** Applies a visitor's choice: 1–5, or 0 to remove. */
  choose(value: number): void {
    const host = this.#host;
    const previous = this.#options.chosen();
    if (value === previous || host.disabled) return;
    this.#writeError = undefined;
    const detail = { value: value || null, previous: previous || null };
    if (this.#options.isFormInput()) {
      host.value = value;
      host.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
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
