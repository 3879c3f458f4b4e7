import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { REVIEW_BODY_LIMITS, REVIEW_TITLE_LIMITS } from '../../../api/limits.js';
import { normalizeUserText, textLength } from '../../../api/shared/user-text.js';
import type { CwError } from '../../core/errors.js';
import { reviewsFor } from '../../core/reviews.js';
import type { Review } from '../../core/types.js';
import { define } from '../../define.js';
import { reviewMessages as t } from '../../i18n/review-messages.js';
import type { CwRatingInput } from '../rating/rating-input.js';
import { ComposerController, renderComposerError } from '../shared/composer-controller.js';
import { ReviewsPart } from './reviews-context.js';

/** The star input is the rating widget's lazily loaded sub-element, shared with it. */
let ratingInputLoaded: Promise<void> | undefined;
export function loadRatingInput(): Promise<void> {
  return (ratingInputLoaded ??= import('../rating/rating-input.js').then(({ CwRatingInput }) =>
    define('cw-rating-input', CwRatingInput),
  ));
}

const FIELDS = ['stars', 'title', 'body'] as const;
type Field = (typeof FIELDS)[number];
type Fields = Readonly<Record<string, string>>;
type Issues = Partial<Record<Field, string>>;

/** What is wrong with each field, checked as the server will, in the visitor's language. */
function problems(fields: Fields): Issues {
  const text = (field: Field, limits: { min: number; max: number }, empty: () => string) => {
    const length = textLength(fields[field] ?? '');
    if (length < limits.min) return empty();
    return length > limits.max ? t.tooLong(limits.max, length) : undefined;
  };
  const stars = Number(fields.stars);
  return {
    stars: stars >= 1 && stars <= 5 ? undefined : t.starsMissing(),
    title: text('title', REVIEW_TITLE_LIMITS, t.titleEmpty),
    body: text('body', REVIEW_BODY_LIMITS, t.bodyEmpty),
  };
}

const marked = (issues: Issues) => FIELDS.find((field) => issues[field]);

/**
 * The write or edit form of `<cw-reviews>`: stars, title and text kept as a draft, checked
 * field by field, posted with the draft's Idempotency-Key, with retry. Internal to `<cw-reviews>`.
 */
export class CwReviewsForm extends ReviewsPart {
  /** The visitor's own review when editing it; undefined when writing one. */
  @property({ attribute: false }) review: Review | undefined;

  /** Sentences under the fields that need correcting (from the last submit). */
  @state() private issues: Issues = {};
  #focusIssue = false;

  readonly #write = this.#composer(false);
  readonly #edit = this.#composer(true);

  get #form(): ComposerController<Review> {
    return this.review ? this.#edit : this.#write;
  }

  #composer(edit: boolean): ComposerController<Review> {
    return new ComposerController<Review>(this, {
      address: () =>
        this.ctx && !!this.review === edit
          ? {
              widget: 'reviews',
              subject: this.ctx.subject,
              form: this.review ? `edit:${this.review.id}` : 'write',
            }
          : undefined,
      fields: FIELDS,
      normalize: normalizeUserText,
      validate: (fields) => {
        this.issues = problems(fields);
        if (!marked(this.issues)) return undefined;
        this.#focusIssue = true;
        return `${t.fixFields()} ${t.draftKept()}`;
      },
      post: ({ stars, title, body }, key) => {
        const input = { stars: Number(stars), title: title!, body: body! };
        const store = reviewsFor(this.ctx.client);
        return this.review
          ? store.edit(this.review, input)
          : store.create(this.ctx.subject, input, key);
      },
      failed: (error) => this.#failed(error, edit),
      errorAction: edit ? 'edit-review' : 'create-review',
    });
  }

  /** The sentence for a refused post; fields the server named are marked as the check would. */
  #failed(error: CwError, edit: boolean): string {
    const local = problems(
      Object.fromEntries(FIELDS.map((f) => [f, normalizeUserText(this.#form.value(f))])),
    );
    const fallback = { stars: t.starsMissing, title: t.titleEmpty, body: t.bodyEmpty };
    const issues: Issues = {};
    for (const field of FIELDS) {
      if (error.pointers.includes(`/${field}`)) issues[field] = local[field] ?? fallback[field]();
    }
    this.issues = issues;
    const reason =
      error.kind === 'conflict'
        ? t.alreadyReviewed()
        : marked(issues)
          ? t.fixFields()
          : error.message;
    return `${(edit ? t.saveFailed : t.postFailed)(reason)} ${t.draftKept()}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loadRatingInput();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // A draft of an earlier, unfinished edit wins over the published text.
    const review = this.review;
    if (changed.has('review') && review && this.#edit.isEmpty) {
      this.#edit.set('stars', String(review.stars));
      this.#edit.set('title', review.title);
      this.#edit.set('body', review.body);
    }
  }

  protected override updated(): void {
    if (!this.#focusIssue) return;
    this.#focusIssue = false;
    const first = marked(this.issues);
    this.querySelector<HTMLElement>(first === 'stars' ? 'cw-rating-input' : `#${first}`)?.focus();
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const edited = !!this.review;
    const review = await this.#form.submit();
    if (review) this.ctx.saved(review, edited);
  }

  #cancel(): void {
    this.#form.discard();
    this.issues = {};
    this.ctx.closed();
  }

  protected override render(): TemplateResult {
    const form = this.#form;
    const edit = !!this.review;
    const issues = this.issues;
    const described = (field: Field, hint = '') =>
      [issues[field] ? `${field}-error` : '', hint].join(' ').trim() || nothing;
    const issue = (field: Field) =>
      issues[field]
        ? html`<span id="${field}-error" part="error">${issues[field]}</span>`
        : nothing;
    return html`<form part="form" novalidate aria-labelledby="form-title" @submit=${this.#submit}>
      <p id="form-title" class="label">${edit ? t.editTitle() : t.writeTitle()}</p>
      <div class="field">
        <span class="label" aria-hidden="true">${t.starsField()}</span>
        <cw-rating-input
          .value=${Number(form.value('stars')) || 0}
          .label=${t.starsField()}
          required
          aria-describedby=${described('stars')}
          @change=${(event: Event) =>
            form.set('stars', String((event.target as CwRatingInput).value))}
        ></cw-rating-input>
        ${issue('stars')}
      </div>
      <div class="field">
        <label for="title">${t.titleField()}</label>
        <input
          id="title"
          part="field"
          dir="auto"
          autocomplete="off"
          .value=${form.value('title')}
          aria-invalid=${issues.title ? 'true' : 'false'}
          aria-describedby=${described('title')}
          @input=${form.input('title')}
        />
        ${issue('title')}
      </div>
      <div class="field">
        <label for="body">${t.bodyField()}</label>
        <textarea
          id="body"
          part="field"
          dir="auto"
          rows="5"
          .value=${form.value('body')}
          aria-invalid=${issues.body ? 'true' : 'false'}
          aria-describedby=${described('body', 'body-hint')}
          @input=${form.input('body')}
        ></textarea>
        <span id="body-hint" class="muted small">${t.bodyHint(REVIEW_BODY_LIMITS.max)}</span>
        ${issue('body')}
      </div>
      ${renderComposerError(form, 'form-error', t.retry())}
      <div class="row">
        <button type="submit" class="button primary" part="submit" ?disabled=${form.busy}>
          ${form.busy ? (edit ? t.saving() : t.publishing()) : edit ? t.save() : t.publish()}
        </button>
        <button type="button" class="button" @click=${this.#cancel}>${t.cancel()}</button>
      </div>
    </form>`;
  }
}
