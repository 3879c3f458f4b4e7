import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { CommunityClient } from '../../core/client.js';
import type { CwError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import type { RatingState } from '../../core/ratings.js';
import type { RatingSummary } from '../../core/types.js';
import type { ViewerState } from '../../core/viewer.js';
import { whenNearViewport } from '../../core/visibility.js';
import { formatNumber, isRightToLeft } from '../../i18n/locale.js';
import { ratingMessages as t } from '../../i18n/messages.js';
import { tokens } from '../../styles/tokens.js';
import { CommunityElement } from '../community-element.js';
import { ratingStyles } from './rating.styles.js';

const STARS = [1, 2, 3, 4, 5] as const;
const MAX = STARS.length;

// viewBox hugs the star's outline, so a 37% clip covers exactly 37% of the star's width.
const starShape = svg`<path d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01L12 2z" />`;
const starIcon = (fill: number) =>
  html`<span
    class="star"
    part="star"
    style=${styleMap({ '--_fill': `${Math.round(fill * 10000) / 100}%` })}
    ><svg class="empty" viewBox="1.25 1.25 21.5 20.5" aria-hidden="true">${starShape}</svg
    ><svg class="full" part="star-fill" viewBox="1.25 1.25 21.5 20.5" aria-hidden="true">
      ${starShape}
    </svg></span
  >`;

/**
 * @summary Star rating for a subject: shows the average, the count and optionally the
 * distribution, and lets a signed-in visitor set, change or remove their own rating.
 * Without a `subject` it is a form-associated rating input.
 *
 * @tag cw-rating
 *
 * @slot sign-in - Shown to anonymous visitors in place of the input, e.g. a link to your
 *   sign-in page. Defaults to a sentence saying that signing in lets them rate.
 *
 * @csspart base - The wrapper of everything.
 * @csspart summary - The row with the average stars and the numbers.
 * @csspart stars - The read-only stars showing the average.
 * @csspart star - One star (in the summary and in the input).
 * @csspart star-fill - The filled part of a star.
 * @csspart average - The average as a number.
 * @csspart count - The number of ratings.
 * @csspart distribution - The list of ratings per star value.
 * @csspart distribution-bar - The bar of one star value.
 * @csspart input - The radio group a visitor rates with.
 * @csspart option - One radio in the group; `option checked` when chosen.
 * @csspart clear - The button that removes the visitor's rating.
 * @csspart sign-in - The sentence shown to anonymous visitors.
 * @csspart error - A visible error message.
 * @csspart retry - The button that loads again after an error.
 *
 * @cssprop [--cw-rating-star-size=1.25rem] - Width and height of a star (1rem small, 1.75rem large).
 * @cssprop [--cw-rating-star-gap=0.125rem] - Space between stars.
 * @cssprop [--cw-rating-star-color=var(--cw-color-star)] - Fill of rated stars.
 * @cssprop [--cw-rating-star-empty-color=var(--cw-color-star-empty)] - Outline of unrated stars.
 *
 * @fires {RateDetail} cw-rate - The visitor set or removed a rating (never on programmatic changes).
 * @fires {ErrorDetail} cw-error - The widget showed an error to the visitor.
 * @fires change - Form input mode only: the value changed by user action.
 * @fires input - Form input mode only: the value changed by user action.
 */
export class CwRating extends CommunityElement {
  static override styles = [tokens, ratingStyles];
  static formAssociated = true;

  /** The id of the rated thing (SKU, page, document). Without it, this is a form input. */
  @property({ reflect: true }) subject: string | undefined;

  /** Shows the summary only; nobody can rate here. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** Star and text size. */
  @property({ reflect: true }) size: 'small' | 'medium' | 'large' = 'medium';

  /** What is rated, for screen readers, e.g. "Blue kettle". Names the widget's groups. */
  @property() label: string | undefined;

  /** Also lists how many ratings each star value has. */
  @property({ type: Boolean, reflect: true }) distribution = false;

  /** Form input mode: the field name submitted with the form. */
  @property({ reflect: true }) name: string | undefined;

  /** Form input mode: the chosen stars, 0 for none. The `value` attribute is the default. */
  @property({ type: Number }) value = 0;

  /** Form input mode: the form cannot be submitted without a rating. */
  @property({ type: Boolean, reflect: true }) required = false;

  /** Form input mode: not editable and not submitted. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  @state() private ratingState: RatingState = { status: 'loading' };
  @state() private viewerState: ViewerState = { status: 'loading' };
  @state() private hoverValue = 0;
  /** A sentence for screen readers after the visitor acted. */
  @state() private announcement = '';
  @state() private writeError: CwError | undefined;

  @query('[part~="option"][tabindex="0"]') private focusableOption!: HTMLElement | null;

  private readonly internals = this.attachInternals();
  private client: CommunityClient | undefined;
  private unsubscribe: Array<() => void> = [];
  private stopWaitingForViewport: (() => void) | undefined;

  /** The form this input belongs to (form input mode). */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  get validity(): ValidityState {
    return this.internals.validity;
  }

  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  override focus(options?: FocusOptions): void {
    this.focusableOption?.focus(options);
  }

  private get isFormInput(): boolean {
    return this.subject === undefined || this.subject === null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribeAll();
  }

  protected clientChanged(client: CommunityClient | undefined): void {
    this.client = client;
    if (this.isConnected) this.subscribe();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed.has('subject') || changed.has('readonly')) && this.hasUpdated) this.subscribe();
    if (changed.has('value') || changed.has('required') || changed.has('subject')) {
      this.value = clampStars(this.value);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (
      changed.has('value') ||
      changed.has('required') ||
      changed.has('subject') ||
      changed.has('disabled')
    ) {
      this.syncFormState();
    }
  }

  /** Form-associated lifecycle: the owning form was reset. */
  formResetCallback(): void {
    this.value = clampStars(Number(this.getAttribute('value') ?? 0));
  }

  /** Form-associated lifecycle: the browser restores the value (back/forward, autofill). */
  formStateRestoreCallback(state: string | null): void {
    this.value = clampStars(Number(state ?? 0));
  }

  formDisabledCallback(disabled: boolean): void {
    this.disabled = disabled;
  }

  private syncFormState(): void {
    if (!this.isFormInput) {
      this.internals.setFormValue(null);
      this.internals.setValidity({});
      return;
    }
    this.internals.setFormValue(this.value > 0 ? String(this.value) : null);
    if (this.required && this.value === 0 && !this.disabled) {
      this.internals.setValidity(
        { valueMissing: true },
        t.required(),
        this.focusableOption ?? undefined,
      );
    } else {
      this.internals.setValidity({});
    }
  }

  /** Follows the subject's shared state once the widget is near the viewport. */
  private subscribe(): void {
    this.unsubscribeAll();
    const { client, subject } = this;
    if (this.isFormInput || !client || !subject) return;
    this.ratingState = client.ratings.peek(subject);
    this.stopWaitingForViewport = whenNearViewport(this, () => {
      this.unsubscribe.push(
        client.ratings.subscribe(subject, (state) => this.ratingStateChanged(state)),
      );
      if (!this.readonly) {
        this.unsubscribe.push(client.viewer.subscribe((state) => (this.viewerState = state)));
      }
    });
  }

  private unsubscribeAll(): void {
    this.stopWaitingForViewport?.();
    this.stopWaitingForViewport = undefined;
    for (const stop of this.unsubscribe) stop();
    this.unsubscribe = [];
  }

  private ratingStateChanged(state: RatingState): void {
    const wasError = this.ratingState.status === 'error';
    this.ratingState = state;
    if (state.status === 'error' && !wasError) this.reportError('load', state.error);
  }

  private reportError(action: string, error: CwError): void {
    emit(this, 'cw-error', {
      action,
      kind: error.kind,
      status: error.status,
      message: error.message,
    });
  }

  /** The visitor's own rating as currently shown (0 for none). */
  private get chosen(): number {
    if (this.isFormInput) return this.value;
    return this.ratingState.status === 'ready' ? (this.ratingState.summary.viewerRating ?? 0) : 0;
  }

  private get canRate(): boolean {
    if (this.readonly || this.disabled) return false;
    if (this.isFormInput) return true;
    return (
      this.ratingState.status === 'ready' &&
      this.viewerState.status === 'ready' &&
      this.viewerState.viewer.authenticated
    );
  }

  /** Applies a visitor's choice: 1–5, or 0 to remove. */
  private choose(next: number): void {
    const value = clampStars(next);
    const previous = this.chosen;
    if (!this.canRate || value === previous) return;
    this.writeError = undefined;
    if (this.isFormInput) {
      this.value = value;
      this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      this.dispatchEvent(new Event('change', { bubbles: true }));
      emit(this, 'cw-rate', { subject: null, value: value || null, previous: previous || null });
      return;
    }
    const subject = this.subject!;
    emit(this, 'cw-rate', { subject, value: value || null, previous: previous || null });
    this.announcement = '';
    this.client!.ratings.rate(subject, value || null).then(
      () => {
        this.announcement = value ? t.rated(value) : t.cleared();
      },
      (error: CwError) => {
        this.writeError = error;
        this.announcement = this.writeErrorMessage(error);
        this.reportError('rate', error);
      },
    );
  }

  private onOptionKeyDown(event: KeyboardEvent): void {
    const current = this.chosen;
    const forward = isRightToLeft(this) ? 'ArrowLeft' : 'ArrowRight';
    const backward = isRightToLeft(this) ? 'ArrowRight' : 'ArrowLeft';
    let next: number | undefined;
    switch (event.key) {
      case forward:
      case 'ArrowUp':
        next = Math.min(MAX, current + 1);
        break;
      case backward:
      case 'ArrowDown':
        next = Math.max(1, current - 1);
        break;
      case 'Home':
        next = 1;
        break;
      case 'End':
        next = MAX;
        break;
      case ' ':
      case 'Enter': {
        const focused = Number((event.target as HTMLElement).dataset.value);
        next = focused;
        break;
      }
      case 'Delete':
      case 'Backspace':
        next = 0;
        break;
      default:
        return;
    }
    event.preventDefault();
    this.choose(next);
    void this.updateComplete.then(() => this.focusableOption?.focus());
  }

  private writeErrorMessage(error: CwError): string {
    if (error.pointers.includes('#subject')) return t.invalidSubject();
    if (error.pointers.includes('/value')) return t.saveFailed(t.invalidValue());
    return t.saveFailed(error.message);
  }

  private retry(): void {
    if (this.client && this.subject) this.client.ratings.reload(this.subject);
  }

  protected override render() {
    if (this.isFormInput) {
      return html`<div part="base" class=${classMap({ disabled: this.disabled })}>
        ${this.renderInput()} ${this.renderAnnouncement()}
      </div>`;
    }
    const state = this.ratingState;
    return html`<div part="base" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
      ${state.status === 'error' ? this.renderLoadError(state.error) : this.renderSummary(state)}
      ${
        state.status === 'ready' && this.distribution
          ? this.renderDistribution(state.summary)
          : nothing
      }
      ${this.readonly ? nothing : this.renderInputRow()} ${this.renderAnnouncement()}
    </div>`;
  }

  private renderSummary(state: RatingState): TemplateResult {
    const summary = state.status === 'ready' ? state.summary : undefined;
    const average = summary?.average ?? 0;
    let figures: TemplateResult;
    let starsLabel: string | undefined;
    if (!summary) {
      figures = html`<span class="visually-hidden">${t.loading()}</span>`;
    } else if (summary.count === 0) {
      starsLabel = t.empty();
      figures = html`<span class="count" part="count" aria-hidden="true">${t.empty()}</span>`;
    } else {
      starsLabel = t.average(this.locale, average);
      figures = html`<span part="average" aria-hidden="true"
          >${formatNumber(this.locale, average, 1)}</span
        ><span class="count" part="count">${t.count(this.locale, summary.count)}</span>`;
    }
    return html`<div
      class=${summary ? 'row' : 'row loading'}
      part="summary"
      role=${this.label ? 'group' : nothing}
      aria-label=${this.label || nothing}
    >
      <span
        class="stars"
        part="stars"
        role=${starsLabel ? 'img' : nothing}
        aria-label=${starsLabel ?? nothing}
        >${STARS.map((star) => starIcon(Math.min(1, Math.max(0, average - (star - 1)))))}</span
      ><span class="figures">${figures}</span>
    </div>`;
  }

  private renderLoadError(error: CwError): TemplateResult {
    const invalid = error.pointers.includes('#subject');
    return html`<div class="row" part="summary">
      <p part="error" role="alert">${invalid ? t.invalidSubject() : t.loadFailed()}</p>
      ${
        invalid
          ? nothing
          : html`<button class="text-button" part="retry" type="button" @click=${this.retry}>
              ${t.retry()}
            </button>`
      }
    </div>`;
  }

  private renderDistribution(summary: RatingSummary): TemplateResult {
    const rows = [...STARS].reverse();
    return html`<ul part="distribution" aria-label=${t.distributionLabel()}>
      ${rows.map((stars) => {
        const count = summary.distribution[stars - 1] ?? 0;
        const percent = summary.count === 0 ? 0 : Math.round((count / summary.count) * 100);
        return html`<li>
          <span class="visually-hidden"
            >${t.distributionRow(this.locale, stars, count, percent)}</span
          >
          <span aria-hidden="true">${stars} ★</span>
          <span
            part="distribution-bar"
            aria-hidden="true"
            style=${styleMap({ '--_share': `${percent}%` })}
            ><span></span
          ></span>
          <span class="count" aria-hidden="true">${count}</span>
        </li>`;
      })}
    </ul>`;
  }

  /** The input row, reserved from the first paint so the viewer's answer never shifts layout. */
  private renderInputRow(): TemplateResult {
    const viewer = this.viewerState;
    let content: TemplateResult | typeof nothing = nothing;
    if (this.ratingState.status === 'ready' && viewer.status === 'ready') {
      content = viewer.viewer.authenticated
        ? html`${this.renderInput()}${
            this.chosen > 0
              ? html`<button
                  class="text-button"
                  part="clear"
                  type="button"
                  @click=${() => this.choose(0)}
                >
                  ${t.clear()}
                </button>`
              : nothing
          }`
        : html`<span part="sign-in" class="note"><slot name="sign-in">${t.signIn()}</slot></span>`;
    }
    return html`<div class="row" part="input-row">
      ${content}
      ${
        this.writeError
          ? html`<p part="error" role="alert">${this.writeErrorMessage(this.writeError)}</p>`
          : nothing
      }
    </div>`;
  }

  private renderInput(): TemplateResult {
    const chosen = this.chosen;
    const shown = this.hoverValue || chosen;
    const interactive = this.canRate;
    const groupLabel = this.label ? t.groupLabelFor(this.label) : t.groupLabel();
    return html`<span class="label" aria-hidden="true">${t.groupLabel()}</span>
      <div
        part="input"
        role="radiogroup"
        aria-label=${groupLabel}
        aria-required=${this.isFormInput && this.required ? 'true' : 'false'}
        aria-disabled=${interactive ? 'false' : 'true'}
        @pointerleave=${() => (this.hoverValue = 0)}
      >
        ${STARS.map((star) => {
          const checked = star === chosen;
          // Roving tabindex: the checked star, or the first when none is.
          const tabbable = interactive && (checked || (chosen === 0 && star === 1));
          return html`<span
            role="radio"
            part=${checked ? 'option checked' : 'option'}
            class=${classMap({ lit: star <= shown })}
            data-value=${star}
            aria-checked=${checked ? 'true' : 'false'}
            aria-label=${t.starLabel(star)}
            aria-disabled=${interactive ? 'false' : 'true'}
            tabindex=${tabbable ? '0' : '-1'}
            @click=${() => this.choose(star)}
            @pointerenter=${() => interactive && (this.hoverValue = star)}
            @keydown=${this.onOptionKeyDown}
            >${starIcon(1)}</span
          >`;
        })}
      </div>`;
  }

  private renderAnnouncement(): TemplateResult {
    return html`<span class="visually-hidden" role="status">${this.announcement}</span>`;
  }
}

function clampStars(value: number): number {
  return Number.isFinite(value) ? Math.min(MAX, Math.max(0, Math.round(value))) : 0;
}
