import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { REVIEW_BODY_LIMITS, REVIEW_TITLE_LIMITS } from '../../../api/limits.js';
import { lengthProblem, normalizeUserText } from '../../../api/shared/user-text.js';
import type { CommunityClient } from '../../core/client.js';
import { reviewsFor } from '../../core/reviews.js';
import type { Review } from '../../core/types.js';
import { define } from '../../define.js';
import { reviewMessages as t } from '../../i18n/review-messages.js';
import type { CwRatingInput } from '../rating/rating-input.js';
import {
  ComposerController,
  renderComposerActions,
  renderComposerError,
  renderComposerField,
} from '../shared/composer-controller.js';

/** The star input is the rating widget's lazily loaded sub-element, shared with it. */
let ratingInputLoaded: Promise<void> | undefined;
function loadRatingInput(): Promise<void> {
  return (ratingInputLoaded ??= import('../rating/rating-input.js').then(({ CwRatingInput }) =>
    define('cw-rating-input', CwRatingInput),
  ));
}

const FIELDS = ['stars', 'title', 'body'] as const;
type Field = (typeof FIELDS)[number];
type Issues = Partial<Record<Field, string>>;

/** What is wrong with each field, checked as the server will, in the visitor's language. */
function problems(fields: Readonly<Record<string, string>>): Issues {
  const text = (field: Field, limits: { min: number; max: number }, empty: () => string) => {
    const problem = lengthProblem(fields[field] ?? '', limits);
    if (problem?.kind === 'short') return empty();
    return problem?.kind === 'long' ? t.tooLong(limits.max, problem.length) : undefined;
  };
  const stars = Number(fields.stars);
  return {
    stars: stars >= 1 && stars <= 5 ? undefined : t.starsMissing(),
    title: text('title', REVIEW_TITLE_LIMITS, t.titleEmpty),
    body: text('body', REVIEW_BODY_LIMITS, t.bodyEmpty),
  };
}

export interface ReviewFormOptions {
  client: () => CommunityClient | undefined;
  subject: () => string | undefined;
  /** The review was published (`edited` false) or its changes saved; the form is closed. */
  saved(review: Review, edited: boolean): void;
  /** The visitor cancelled: the form is closed and its draft is gone. */
  cancelled(): void;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode };

/**
 * The write or edit form of `<cw-reviews>`, rendered into its shadow root: stars, title and
 * text kept as a draft (per subject; an edit's per review), checked field by field as the
 * server will, posted with the draft's Idempotency-Key, retried with the same key.
 */
export class ReviewForm {
  /** Sentences under the fields that need correcting (from the last submit). */
  issues: Issues = {};
  #open: { review: Review | undefined } | undefined;
  #focusIssue = false;
  readonly #host: Host;
  readonly #options: ReviewFormOptions;
  readonly #composer: ComposerController<Review>;

  constructor(host: Host, options: ReviewFormOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
    const editing = () => !!this.review;
    this.#composer = new ComposerController<Review>(host, {
      address: () => {
        const subject = options.subject();
        const review = this.review;
        return subject
          ? { widget: 'reviews', subject, form: review ? `edit:${review.id}` : 'write' }
          : undefined;
      },
      fields: FIELDS,
      normalize: normalizeUserText,
      validate: (fields) => {
        this.issues = problems(fields);
        if (!FIELDS.some((field) => this.issues[field])) return undefined;
        this.#focusIssue = true;
        return `${t.fixFields()} ${t.draftKept()}`;
      },
      post: ({ stars, title, body }, key, signal) => {
        const input = { stars: Number(stars), title: title!, body: body! };
        const store = reviewsFor(options.client()!);
        return this.review
          ? store.edit(this.review, input)
          : store.create(options.subject()!, input, key, signal);
      },
      failed: (error) => {
        const reason = error.kind === 'conflict' ? t.alreadyReviewed() : error.message;
        return `${(this.review ? t.saveFailed : t.postFailed)(reason)} ${t.draftKept()}`;
      },
      // Read when a post fails: a write and an edit are told apart in `cw-error`.
      get errorAction() {
        return editing() ? 'edit-review' : 'create-review';
      },
    });
  }

  /** Whether the form shows (for writing, or for editing `review`). */
  get isOpen(): boolean {
    return !!this.#open;
  }

  /** The visitor's own review being edited; undefined while writing or closed. */
  get review(): Review | undefined {
    return this.#open?.review;
  }

  /**
   * Opens the form to write (no review) or to edit `review`; a draft of an earlier, unfinished
   * edit wins over the published text. `focus` moves focus to the stars once they load.
   */
  open(review: Review | undefined, focus: boolean): void {
    this.#open = { review };
    this.issues = {};
    if (review && this.#composer.isEmpty) {
      this.#composer.set('stars', String(review.stars));
      this.#composer.set('title', review.title);
      this.#composer.set('body', review.body);
    }
    this.#host.requestUpdate();
    void loadRatingInput().then(async () => {
      await this.#host.updateComplete;
      if (focus) this.#host.renderRoot.querySelector<HTMLElement>('cw-rating-input')?.focus();
    });
  }

  close(): void {
    this.#open = undefined;
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    if (!this.#focusIssue) return;
    this.#focusIssue = false;
    const first = FIELDS.find((field) => this.issues[field]);
    this.#host.renderRoot
      .querySelector<HTMLElement>(first === 'stars' ? 'cw-rating-input' : `#${first}`)
      ?.focus();
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const edited = !!this.review;
    const review = await this.#composer.submit();
    if (!review) return;
    this.close();
    this.#options.saved(review, edited);
  }

  /** Cancel is explicit: the draft (written or edited text) is discarded. */
  #cancel(): void {
    this.#composer.discard();
    this.close();
    this.#options.cancelled();
  }

  render(): TemplateResult {
    const form = this.#composer;
    const edit = !!this.review;
    const issues = this.issues;
    const described = (field: Field, hint = '') =>
      [issues[field] ? `${field}-error` : '', hint].join(' ').trim() || nothing;
    const issue = (field: Field) =>
      issues[field]
        ? html`<span id="${field}-error" part="error">${issues[field]}</span>`
        : nothing;
    return html`<form
      part="form"
      novalidate
      aria-labelledby="form-title"
      @submit=${(event: Event) => this.#submit(event)}
    >
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
      ${renderComposerField(form, {
        field: 'title',
        id: 'title',
        label: t.titleField(),
        issue: issues.title,
      })}
      ${renderComposerField(form, {
        field: 'body',
        id: 'body',
        label: t.bodyField(),
        rows: 5,
        hint: t.bodyHint(REVIEW_BODY_LIMITS.max),
        issue: issues.body,
      })}
      ${renderComposerError(form, 'form-error', t.retry())}
      ${renderComposerActions(form, {
        submit: edit ? t.save() : t.publish(),
        busy: edit ? t.saving() : t.publishing(),
        cancel: { label: t.cancel(), onClick: () => this.#cancel() },
      })}
    </form>`;
  }
}
