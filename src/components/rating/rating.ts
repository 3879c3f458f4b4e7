import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CwError } from '../../core/errors.js';
import { reportError } from '../../core/events.js';
import type { RatingState } from '../../core/ratings.js';
import type { RatingSummary } from '../../core/types.js';
import type { ViewerState } from '../../core/viewer.js';
import { whenNearViewport } from '../../core/visibility.js';
import { formatNumber } from '../../i18n/locale.js';
import { ratingMessages as t } from '../../i18n/messages.js';
import { tokens } from '../../styles/tokens.js';
import { define } from '../../define.js';
import { CommunityElement } from '../community-element.js';
import type { CwRatingInput, RatingControls } from './rating-input.js';
import { ratingStyles } from './rating.styles.js';
import { averageStars, clampStars, distributionRows } from './star.js';
import { starStyles } from './star.styles.js';

const EMPTY = { count: 0, distribution: [0, 0, 0, 0, 0] };

/**
 * The write path (star input, clear, saving, announcements) loads on first need, so pages
 * where nobody can rate never download it. Once loaded, every rating gets its controls in
 * the same update.
 */
let Controls: typeof RatingControls | undefined;
let controlsLoading: Promise<unknown> | undefined;
function loadControls(): Promise<unknown> {
  return (controlsLoading ??= import('./rating-input.js').then((module) => {
    define('cw-rating-input', module.CwRatingInput);
    Controls = module.RatingControls;
  }));
}

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
 * @csspart star-fill - The filled part of a summary star (input stars are whole: style `star`).
 * @csspart average - The average as a number.
 * @csspart count - The number of ratings.
 * @csspart distribution - The list of ratings per star value.
 * @csspart distribution-bar - The bar of one star value.
 * @csspart input - The radio group a visitor rates with.
 * @csspart option - One radio in the group; `option checked` when chosen.
 * @csspart clear - The icon button that removes the visitor's rating.
 * @csspart input-row - The row with the input, the sign-in sentence or a write error.
 * @csspart sign-in - The input row of anonymous visitors, holding the sign-in sentence or slot.
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
  static override styles = [tokens, starStyles, ratingStyles];
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

  #internals = this.attachInternals();
  #stopFollowing: Array<() => void> = [];
  #controls: RatingControls | undefined;

  /** The form this input belongs to (form input mode). */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  get validity(): ValidityState {
    return this.#internals.validity;
  }

  get validationMessage(): string {
    return this.#internals.validationMessage;
  }

  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  override focus(options?: FocusOptions): void {
    this.#input?.focus(options);
  }

  constructor() {
    super();
    // A `<label for>` clicks its control: the stars take focus as a native input's box would.
    this.addEventListener('click', (event) => {
      if (this.#isFormInput && event.composedPath()[0] === this) this.focus();
    });
  }

  get #input(): CwRatingInput | null {
    return this.renderRoot?.querySelector('cw-rating-input') ?? null;
  }

  get #isFormInput(): boolean {
    return this.subject === undefined || this.subject === null;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.inputChanged(changed, 'subject', 'readonly')) this.follow();
    if (changed.has('value')) this.value = clampStars(this.value);
    if (!this.#controls && (this.#isFormInput || this.#canRate)) {
      if (Controls) this.#controls = this.#createControls(Controls);
      else void loadControls().then(() => this.requestUpdate());
    }
  }

  #createControls(Controls: typeof RatingControls): RatingControls {
    return new Controls(this, {
      chosen: () => this.#chosen,
      isFormInput: () => this.#isFormInput,
      client: () => this.client,
      reportError: (action, error) => reportError(this, action, error),
    });
  }

  protected override updated(): void {
    this.#syncFormState();
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

  #syncFormState(): void {
    const submitted = this.#isFormInput && this.value > 0 ? String(this.value) : null;
    this.#internals.setFormValue(submitted);
    if (this.#isFormInput && this.required && this.value === 0 && !this.disabled) {
      // Anchored on the star that takes focus, so the browser can show its message there.
      const input = this.#input;
      const anchor = input?.focusTarget;
      if (input && !anchor) void input.updateComplete.then(() => this.#syncFormState());
      this.#internals.setValidity({ valueMissing: true }, t.required(), anchor ?? undefined);
    } else {
      this.#internals.setValidity({});
    }
  }

  /** Follows the subject's shared state once the widget is near the viewport. */
  protected follow(): void {
    this.unfollow();
    const client = this.client;
    const subject = this.subject;
    if (this.#isFormInput || !client || !subject) return;
    this.ratingState = client.ratings.peek(subject);
    this.#stopFollowing.push(
      whenNearViewport(this, () => {
        this.#stopFollowing.push(
          client.ratings.subscribe(subject, (state) => this.#ratingStateChanged(state)),
        );
        if (!this.readonly) {
          this.#stopFollowing.push(client.viewer.subscribe((state) => (this.viewerState = state)));
        }
      }),
    );
  }

  protected unfollow(): void {
    for (const stop of this.#stopFollowing) stop();
    this.#stopFollowing = [];
  }

  #ratingStateChanged(state: RatingState): void {
    const wasError = this.ratingState.status === 'error';
    this.ratingState = state;
    if (state.status === 'error' && !wasError) reportError(this, 'load', state.error);
  }

  /** The visitor's own rating as currently shown (0 for none). */
  get #chosen(): number {
    if (this.#isFormInput) return this.value;
    return this.ratingState.status === 'ready' ? (this.ratingState.summary.viewerRating ?? 0) : 0;
  }

  get #canRate(): boolean {
    if (this.readonly) return false;
    if (this.#isFormInput) return true;
    return (
      this.ratingState.status === 'ready' &&
      this.viewerState.status === 'ready' &&
      this.viewerState.viewer.authenticated
    );
  }

  // Each state is one flat template: every nested template or list costs a rating comment
  // nodes, and a page may show a thousand ratings (scripts/bench-widgets.mjs counts them).
  protected override render() {
    if (this.#isFormInput) {
      return html`<div part="base">${this.#controls?.render() ?? nothing}</div>`;
    }
    const state = this.ratingState;
    return html`<div part="base" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
      ${
        state.status === 'error' ? this.#renderLoadError(state.error) : this.#renderSummary(state)
      }${
        this.distribution && state.status !== 'error'
          ? this.#renderDistribution(state.status === 'ready' ? state.summary : undefined)
          : nothing
      }${this.readonly ? nothing : this.#renderInputRow()}
    </div>`;
  }

  // Sentences carry dir="auto": untranslated English in an RTL page stays readable, and a
  // translation takes the direction of its own script. Text set as `.textContent` needs no
  // comment node to mark its place.
  #renderSummary(state: RatingState): TemplateResult {
    const summary = state.status === 'ready' ? state.summary : undefined;
    const average = summary?.average ?? 0;
    // One template for loading, empty and rated: the figures' parts, classes and text are
    // bound, so no state costs a nested template (an element without text has no text node).
    let starsLabel: string | undefined;
    let averageText = '';
    let countText = t.loading();
    if (summary?.count === 0) {
      starsLabel = countText = t.empty();
    } else if (summary) {
      starsLabel = t.average(this.locale, average);
      averageText = formatNumber(this.locale, average, 1);
      countText = t.count(this.locale, summary.count);
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
        >${averageStars(average)}</span
      ><span class="figures"
        ><span
          part=${averageText ? 'average' : nothing}
          aria-hidden="true"
          .textContent=${averageText}
        ></span
        ><span
          class=${summary ? 'count' : 'visually-hidden'}
          part=${summary ? 'count' : nothing}
          dir="auto"
          aria-hidden=${summary?.count === 0 ? 'true' : nothing}
          .textContent=${countText}
        ></span
      ></span>
    </div>`;
  }

  #renderLoadError(error: CwError): TemplateResult {
    const invalid = error.pointers.includes('#subject');
    const retry = () => this.client?.ratings.reload(this.subject!);
    return html`<div class="row" part="summary">
      <p part="error" role="alert" dir="auto">
        ${invalid ? t.invalidSubject() : `${t.loadFailed()} ${error.message}`}
      </p>
      ${
        invalid
          ? nothing
          : html`<button class="text-button" part="retry" type="button" @click=${retry}>
              ${t.retry()}
            </button>`
      }
    </div>`;
  }

  /** Without a summary (loading), the same five rows, empty and hidden: their space is kept. */
  #renderDistribution(summary: RatingSummary | undefined): TemplateResult {
    return html`<ul
      part="distribution"
      class=${summary ? nothing : 'placeholder'}
      aria-label=${t.distributionLabel()}
      aria-hidden=${summary ? nothing : 'true'}
    >
      ${distributionRows(summary ?? EMPTY).map(({ stars, count, percent }) => {
        return html`<li>
          <span class="visually-hidden"
            >${t.distributionRow(this.locale, stars, count, percent)}</span
          >
          <span aria-hidden="true">${stars} ★</span>
          <svg part="distribution-bar" aria-hidden="true">
            <rect width="${percent}%" height="100%" />
          </svg>
          <span class="count" aria-hidden="true">${count}</span>
        </li>`;
      })}
    </ul>`;
  }

  /**
   * The row below the summary, reserved from the first paint so the viewer's answer never
   * shifts layout: the controls once someone can rate, a sign-in sentence for anonymous
   * visitors, empty while either is unknown.
   */
  #renderInputRow(): TemplateResult {
    if (this.#canRate && this.#controls) return this.#controls.render();
    if (
      !this.#canRate &&
      this.ratingState.status === 'ready' &&
      this.viewerState.status === 'ready'
    ) {
      return html`<div class="row note" part="input-row sign-in" dir="auto">
        <slot name="sign-in" .textContent=${t.signIn()}></slot>
      </div>`;
    }
    return html`<div class="row" part="input-row"></div>`;
  }
}
