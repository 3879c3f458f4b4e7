import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  REVIEW_BODY_LIMITS,
  REVIEW_TITLE_LIMITS,
  REVIEW_SORT_VALUES as REVIEW_SORTS,
} from '../../../api/limits.js';
import { normalizeUserText, textLength } from '../../../api/shared/user-text.js';
import type { CommunityClient } from '../../core/client.js';
import { DraftController } from '../../core/drafts.js';
import type { CwError } from '../../core/errors.js';
import { toCwError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import type { PagedList, PagedListState } from '../../core/paged-list.js';
import type { RatingState } from '../../core/ratings.js';
import { reviewsFor, type ReviewsStore } from '../../core/reviews.js';
import type { HelpfulValue, RatingSummary, Review, ReviewSort } from '../../core/types.js';
import type { ViewerState } from '../../core/viewer.js';
import { whenNearViewport } from '../../core/visibility.js';
import { define } from '../../define.js';
import { formatNumber } from '../../i18n/locale.js';
import { ratingMessages } from '../../i18n/messages.js';
import { reviewMessages as t } from '../../i18n/review-messages.js';
import { tokens } from '../../styles/tokens.js';
import { CommunityElement } from '../community-element.js';
import type { CwRatingInput } from '../rating/rating-input.js';
import { averageStars, distributionRows, star, STAR_VALUES } from '../rating/star.js';
import { starStyles } from '../rating/star.styles.js';
import { renderUserText } from '../user-text.js';
import { reviewsStyles } from './reviews.styles.js';
import { jsonForScript, productJsonLd } from './structured-data.js';

/** The star input is the rating widget's lazily loaded sub-element, shared with it. */
let ratingInputLoaded: Promise<void> | undefined;
function loadRatingInput(): Promise<void> {
  return (ratingInputLoaded ??= import('../rating/rating-input.js').then(({ CwRatingInput }) =>
    define('cw-rating-input', CwRatingInput),
  ));
}

type Field = 'stars' | 'title' | 'body';
type FieldIssues = Partial<Record<Field, string>>;
const EMPTY_LIST: PagedListState<Review> = {
  status: 'loading',
  items: [],
  hasMore: false,
  loadingMore: false,
  error: undefined,
};

/**
 * @summary Reviews of a subject: the rating summary with a distribution that filters, the
 * reviews with helpful votes, and a form to write or edit the visitor's own review, whose
 * stars are their rating (every `<cw-rating>` of the subject updates with it).
 *
 * @tag cw-reviews
 *
 * @slot sign-in - Shown to anonymous visitors in place of the form, e.g. a link to your
 *   sign-in page. Defaults to a sentence saying that signing in lets them write a review.
 *
 * @csspart base - The wrapper of everything.
 * @csspart summary - The average, the count and the distribution.
 * @csspart stars - Read-only stars (the average, and each review's).
 * @csspart star - One star.
 * @csspart star-fill - The filled part of a star.
 * @csspart average - The average as a number.
 * @csspart count - The number of ratings.
 * @csspart distribution - The list of star values that filter the reviews.
 * @csspart filter - One star value's filter button; `filter active` when it filters.
 * @csspart distribution-bar - The bar of one star value.
 * @csspart toolbar - The row with the sort menu and the active filter.
 * @csspart sort - The sort menu.
 * @csspart list - The list of reviews.
 * @csspart review - One review; `review own` for the visitor's own.
 * @csspart review-title - A review's title.
 * @csspart review-meta - Author, date and verified mark.
 * @csspart author - The author's name (or their `<cw-expert-badge>` when that element is loaded).
 * @csspart verified - The verified purchase mark.
 * @csspart review-body - A review's text.
 * @csspart helpful - The helpful question and buttons.
 * @csspart helpful-button - A yes or no button; `helpful-button pressed` when chosen.
 * @csspart form - The write or edit form.
 * @csspart field - A label with its input.
 * @csspart input - The title input and the text area.
 * @csspart field-error - The sentence under a field that needs correcting.
 * @csspart button - The form's and the review's buttons.
 * @csspart load-more - The "show more reviews" button.
 * @csspart sign-in - The sentence shown to anonymous visitors.
 * @csspart error - A visible error message.
 *
 * @cssprop [--cw-reviews-star-size=1.25rem] - Size of the stars.
 * @cssprop [--cw-reviews-gap=1rem] - Space between the reviews.
 * @cssprop [--cw-reviews-bar-color=var(--cw-color-star)] - Fill of the distribution bars.
 *
 * @fires {ReviewSubmitDetail} cw-review-submit - The visitor's review was published or edited.
 * @fires {HelpfulDetail} cw-helpful - The visitor said whether a review helped them.
 * @fires {ErrorDetail} cw-error - The widget showed an error to the visitor.
 */
export class CwReviews extends CommunityElement {
  static override styles = [tokens, starStyles, reviewsStyles];

  /** The id of the reviewed thing (SKU, page, document). */
  @property({ reflect: true }) subject: string | undefined;

  /** What is reviewed, e.g. "Blue kettle": names the widget and the structured data's product. */
  @property() label: string | undefined;

  /** Also writes schema.org Product/AggregateRating/Review JSON-LD into the light DOM. */
  @property({ type: Boolean, attribute: 'structured-data', reflect: true }) structuredData = false;

  /** Reviews per page (1–50). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 10;

  @state() private ratingState: RatingState = { status: 'loading' };
  @state() private viewerState: ViewerState = { status: 'loading' };
  @state() private listState: PagedListState<Review> = EMPTY_LIST;
  @state() private sort: ReviewSort = 'newest';
  @state() private starsFilter: number | undefined;
  /** The visitor's own review: undefined until the first page says. */
  @state() private ownReview: Review | null | undefined;
  @state() private formOpen = false;
  @state() private editing = false;
  @state() private posting = false;
  @state() private formError: string | undefined;
  @state() private fieldIssues: FieldIssues = {};
  @state() private confirmingDelete = false;
  @state() private reviewError: { id: string; message: string } | undefined;
  @state() private announcement = '';

  #client: CommunityClient | undefined;
  #store: ReviewsStore | undefined;
  #list: PagedList<Review> | undefined;
  #stopFollowing: Array<() => void> = [];
  #stopList: (() => void) | undefined;
  #jsonLd: HTMLScriptElement | undefined;
  /** The viewer the list was loaded for (undefined before the first answer). */
  #viewerId: string | null | undefined;

  #draft = new DraftController(this, () =>
    this.subject
      ? {
          widget: 'reviews',
          subject: this.subject,
          form: this.editing && this.ownReview ? `edit:${this.ownReview.id}` : 'write',
        }
      : undefined,
  );

  override connectedCallback(): void {
    super.connectedCallback();
    this.#follow();
    if (!customElements.get('cw-expert-badge')) {
      void customElements.whenDefined('cw-expert-badge').then(() => this.requestUpdate());
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unfollow();
    this.#jsonLd?.remove();
    this.#jsonLd = undefined;
  }

  protected clientChanged(client: CommunityClient | undefined): void {
    this.#client = client;
    this.#store = client && reviewsFor(client);
    if (this.isConnected) this.#follow();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('subject') && this.hasUpdated) this.#follow();
    if (this.#canWrite && (this.#formShown || this.editing)) void loadRatingInput();
  }

  protected override updated(): void {
    this.#writeStructuredData();
  }

  /** Follows the subject's rating, the viewer and the first page once near the viewport. */
  #follow(): void {
    this.#unfollow();
    const client = this.#client;
    const subject = this.subject;
    this.listState = EMPTY_LIST;
    this.ownReview = undefined;
    this.#viewerId = undefined;
    if (!client || !subject) return;
    this.ratingState = client.ratings.peek(subject);
    this.#stopFollowing.push(
      whenNearViewport(this, () => {
        this.#stopFollowing.push(
          client.ratings.subscribe(subject, (state) => this.#ratingChanged(state)),
          client.viewer.subscribe((state) => this.#viewerChanged(state)),
        );
        this.#loadList();
      }),
    );
  }

  #unfollow(): void {
    for (const stop of this.#stopFollowing) stop();
    this.#stopFollowing = [];
    this.#stopList?.();
    this.#list?.dispose();
    this.#list = undefined;
  }

  /** Starts the list over for the current sort and filter. */
  #loadList(): void {
    const store = this.#store;
    const subject = this.subject;
    if (!store || !subject) return;
    this.#stopList?.();
    this.#list?.dispose();
    const limit = Math.min(50, Math.max(1, Math.round(this.pageSize) || 10));
    const list = store.list(
      subject,
      { sort: this.sort, stars: this.starsFilter, limit },
      (page) => {
        this.ownReview = page.viewerReview;
      },
    );
    this.#list = list;
    this.#stopList = list.subscribe((state) => {
      const failed = state.error && state.error !== this.listState.error;
      this.listState = state;
      if (failed) this.#reportError(state.status === 'error' ? 'load' : 'load-more', state.error!);
    });
  }

  /** Someone else signed in (or out): their own review and votes come with a fresh list. */
  #viewerChanged(state: ViewerState): void {
    this.viewerState = state;
    if (state.status !== 'ready') return;
    const id = state.viewer.id;
    if (this.#viewerId !== undefined && this.#viewerId !== id) {
      this.editing = false;
      this.formOpen = false;
      this.#loadList();
    }
    this.#viewerId = id;
  }

  #ratingChanged(state: RatingState): void {
    this.ratingState = state;
    // The viewer changed their rating elsewhere (a <cw-rating>): their review's stars follow.
    const own = this.ownReview;
    const rated = state.status === 'ready' ? state.summary.viewerRating : null;
    if (own && rated && own.stars !== rated) this.#showOwn({ ...own, stars: rated });
  }

  #reportError(action: string, error: CwError): void {
    emit(this, 'cw-error', {
      action,
      kind: error.kind,
      status: error.status,
      message: error.message,
    });
  }

  get #signedIn(): boolean {
    return this.viewerState.status === 'ready' && this.viewerState.viewer.authenticated;
  }

  get #canWrite(): boolean {
    return this.#signedIn && this.ownReview !== undefined;
  }

  /** The write form shows when asked for, or by itself when a draft is waiting. */
  get #formShown(): boolean {
    return this.ownReview === null && (this.formOpen || !this.#draft.isEmpty);
  }

  #setSort(sort: ReviewSort): void {
    if (sort === this.sort) return;
    this.sort = sort;
    this.#loadList();
  }

  #setFilter(stars: number | undefined): void {
    this.starsFilter = stars === this.starsFilter ? undefined : stars;
    this.#loadList();
  }

  // ---- writing ---------------------------------------------------------------------------

  #openEditor(): void {
    const own = this.ownReview;
    if (!own) return;
    this.editing = true;
    this.formError = undefined;
    this.fieldIssues = {};
    // A draft of an earlier, unfinished edit wins over the published text.
    if (this.#draft.isEmpty) {
      this.#draft.set('stars', String(own.stars));
      this.#draft.set('title', own.title);
      this.#draft.set('body', own.body);
    }
    void this.updateComplete.then(() => this.#focusForm());
  }

  #openWriter(): void {
    this.formOpen = true;
    void this.updateComplete.then(() => this.#focusForm());
  }

  #focusForm(): void {
    void loadRatingInput().then(async () => {
      await this.updateComplete;
      this.renderRoot.querySelector<CwRatingInput>('cw-rating-input')?.focus();
    });
  }

  /** Cancel is explicit: the draft (written or edited text) is discarded. */
  #cancel(): void {
    this.#draft.clear();
    this.editing = false;
    this.formOpen = false;
    this.formError = undefined;
    this.fieldIssues = {};
  }

  /** Checks the form as the server will, with sentences in the visitor's language. */
  #check(): { stars: number; title: string; body: string } | undefined {
    const stars = Number(this.#draft.value('stars'));
    const title = normalizeUserText(this.#draft.value('title'));
    const body = normalizeUserText(this.#draft.value('body'));
    const issues: FieldIssues = {};
    if (!(stars >= 1 && stars <= 5)) issues.stars = t.starsMissing();
    const titleLength = textLength(title);
    if (titleLength < REVIEW_TITLE_LIMITS.min) issues.title = t.titleEmpty();
    else if (titleLength > REVIEW_TITLE_LIMITS.max) {
      issues.title = t.tooLong(REVIEW_TITLE_LIMITS.max, titleLength);
    }
    const bodyLength = textLength(body);
    if (bodyLength < REVIEW_BODY_LIMITS.min) issues.body = t.bodyEmpty();
    else if (bodyLength > REVIEW_BODY_LIMITS.max) {
      issues.body = t.tooLong(REVIEW_BODY_LIMITS.max, bodyLength);
    }
    this.fieldIssues = issues;
    if (Object.keys(issues).length > 0) {
      this.formError = t.fixFields();
      this.#focusFirstIssue(issues);
      return undefined;
    }
    return { stars, title, body };
  }

  #focusFirstIssue(issues: FieldIssues): void {
    const first = (['stars', 'title', 'body'] as const).find((field) => issues[field]);
    void this.updateComplete.then(() => {
      if (first === 'stars')
        this.renderRoot.querySelector<CwRatingInput>('cw-rating-input')?.focus();
      else if (first) this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus();
    });
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.posting || !this.#store || !this.subject) return;
    const fields = this.#check();
    if (!fields) return;
    const subject = this.subject;
    const editing = this.editing && this.ownReview;
    this.posting = true;
    this.formError = undefined;
    this.announcement = '';
    try {
      const review = editing
        ? await this.#store.edit(editing.id, fields)
        : await this.#store.create(subject, fields, this.#draft.submissionKey());
      this.#draft.clear();
      this.editing = false;
      this.formOpen = false;
      this.#showOwn(review);
      if (!editing) this.#insertIntoList(review);
      this.announcement = editing ? t.saved() : t.published();
      emit(this, 'cw-review-submit', {
        subject,
        reviewId: review.id,
        stars: review.stars,
        edited: Boolean(editing),
      });
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>('[part~="review"][data-own]')?.focus(),
      );
    } catch (caught) {
      const error = toCwError(caught);
      this.#showSubmitError(error, Boolean(editing));
      this.#reportError(editing ? 'edit-review' : 'create-review', error);
    } finally {
      this.posting = false;
    }
  }

  #showSubmitError(error: CwError, editing: boolean): void {
    const fail = editing ? t.saveFailed : t.postFailed;
    if (error.kind === 'conflict') {
      this.formError = fail(t.alreadyReviewed());
      return;
    }
    const issues: FieldIssues = {};
    for (const pointer of error.pointers) {
      if (pointer === '/stars') issues.stars = t.starsMissing();
      if (pointer === '/title' || pointer === '/body') {
        const text = normalizeUserText(this.#draft.value(pointer.slice(1)));
        const limits = pointer === '/title' ? REVIEW_TITLE_LIMITS : REVIEW_BODY_LIMITS;
        const length = textLength(text);
        issues[pointer.slice(1) as Field] =
          length > limits.max
            ? t.tooLong(limits.max, length)
            : pointer === '/title'
              ? t.titleEmpty()
              : t.bodyEmpty();
      }
    }
    this.fieldIssues = issues;
    this.formError = fail(Object.keys(issues).length > 0 ? t.fixFields() : error.message);
  }

  /** Shows the visitor's own review (after writing, editing, or a rating change elsewhere). */
  #showOwn(review: Review): void {
    this.ownReview = review;
    this.#list?.replace(review);
  }

  #insertIntoList(review: Review): void {
    if (this.starsFilter === undefined || this.starsFilter === review.stars) {
      this.#list?.insert(review, 'first');
    }
  }

  async #delete(): Promise<void> {
    const own = this.ownReview;
    if (!own || !this.#store) return;
    this.confirmingDelete = false;
    this.reviewError = undefined;
    try {
      await this.#store.remove(own.id);
      this.#list?.remove(own.id);
      this.ownReview = null;
      this.announcement = t.removed();
    } catch (caught) {
      const error = toCwError(caught);
      this.reviewError = { id: own.id, message: t.removeFailed(error.message) };
      this.#reportError('delete-review', error);
    }
  }

  // ---- helpful votes ---------------------------------------------------------------------

  /** A helpful vote: the store shows it at once and rolls it back when refused. */
  async #vote(review: Review, value: 'yes' | 'no'): Promise<void> {
    const store = this.#store;
    if (!store) return;
    const previous = review.viewerHelpful;
    const next: HelpfulValue = previous === value ? 'none' : value;
    this.reviewError = undefined;
    this.announcement = '';
    // The new counts show before listeners hear of the vote.
    const saving = store.setHelpful(review, next);
    emit(this, 'cw-helpful', {
      subject: review.subject,
      reviewId: review.id,
      value: next,
      previous,
    });
    try {
      if (await saving) this.announcement = t.helpfulSaved();
    } catch (caught) {
      const error = toCwError(caught);
      this.reviewError = { id: review.id, message: t.helpfulFailed(error.message) };
      this.#reportError('helpful', error);
    }
  }

  // ---- structured data -------------------------------------------------------------------

  /** Keeps one JSON-LD `<script>` child in step with what is shown; removes it when off. */
  #writeStructuredData(): void {
    const summary = this.ratingState.status === 'ready' ? this.ratingState.summary : undefined;
    if (!this.structuredData || !summary || this.listState.status !== 'ready') {
      if (!this.structuredData) {
        this.#jsonLd?.remove();
        this.#jsonLd = undefined;
      }
      return;
    }
    const text = jsonForScript(
      productJsonLd(this.label || summary.subject, summary, this.listState.items),
    );
    if (!this.#jsonLd) {
      this.#jsonLd = document.createElement('script');
      this.#jsonLd.type = 'application/ld+json';
      this.#jsonLd.dataset.cwStructuredData = '';
    }
    if (this.#jsonLd.parentNode !== this) this.append(this.#jsonLd);
    // Text, never markup: the script's content is set as a text node.
    if (this.#jsonLd.textContent !== text) this.#jsonLd.textContent = text;
  }

  // ---- rendering -------------------------------------------------------------------------

  protected override render() {
    const list = this.listState;
    return html`<section
      part="base"
      aria-label=${this.label ? t.labelFor(this.label) : t.label()}
      aria-busy=${list.status === 'loading' ? 'true' : 'false'}
    >
      ${this.#renderSummary()} ${this.#renderWriteArea()} ${this.#renderToolbar()}
      ${this.#renderList()}
      <span class="visually-hidden" role="status">${this.announcement}</span>
    </section>`;
  }

  #renderSummary(): TemplateResult {
    const state = this.ratingState;
    const summary = state.status === 'ready' ? state.summary : undefined;
    const average = summary?.average ?? 0;
    return html`<div part="summary" class="summary">
      <div class="row">
        <span
          class="stars big"
          part="stars"
          role=${summary ? 'img' : nothing}
          aria-label=${
            summary
              ? summary.count === 0
                ? ratingMessages.empty()
                : t.outOfFive(this.locale, average)
              : nothing
          }
          >${averageStars(average)}</span
        >
        ${
          summary
            ? html`<span part="average" aria-hidden="true"
                  >${formatNumber(this.locale, average, 1)}</span
                ><span part="count" class="muted"
                  >${ratingMessages.count(this.locale, summary.count)}</span
                >`
            : html`<span class="muted">${t.loading()}</span>`
        }
      </div>
      ${summary ? this.#renderDistribution(summary) : nothing}
    </div>`;
  }

  #renderDistribution(summary: RatingSummary): TemplateResult {
    return html`<ul part="distribution" aria-label=${t.filterLabel()}>
      ${distributionRows(summary).map(({ stars, count, percent }) => {
        const active = this.starsFilter === stars;
        return html`<li>
          <button
            type="button"
            part=${active ? 'filter active' : 'filter'}
            aria-pressed=${active ? 'true' : 'false'}
            @click=${() => this.#setFilter(stars)}
          >
            <span class="visually-hidden"
              >${t.filterButton(stars, ratingMessages.count(this.locale, count))}</span
            >
            <span aria-hidden="true">${stars} ★</span>
            <svg part="distribution-bar" aria-hidden="true">
              <rect class="track" width="100%" height="100%" />
              <rect width="${percent}%" height="100%" />
            </svg>
            <span class="muted" aria-hidden="true">${formatNumber(this.locale, count)}</span>
          </button>
        </li>`;
      })}
    </ul>`;
  }

  #renderToolbar(): TemplateResult {
    const labels: Record<ReviewSort, string> = {
      newest: t.sortNewest(),
      helpful: t.sortHelpful(),
      highest: t.sortHighest(),
      lowest: t.sortLowest(),
    };
    return html`<div part="toolbar" class="row">
      <label class="sort"
        >${t.sortLabel()}
        <select
          part="sort"
          .value=${this.sort}
          @change=${(event: Event) =>
            this.#setSort((event.target as HTMLSelectElement).value as ReviewSort)}
        >
          ${REVIEW_SORTS.map(
            (sort) =>
              html`<option value=${sort} ?selected=${sort === this.sort}>${labels[sort]}</option>`,
          )}
        </select></label
      >
      ${
        this.starsFilter
          ? html`<span class="muted">${t.filtered(this.starsFilter)}</span>
              <button
                type="button"
                class="text-button"
                part="button"
                @click=${() => this.#setFilter(undefined)}
              >
                ${t.showAll()}
              </button>`
          : nothing
      }
    </div>`;
  }

  #renderWriteArea(): TemplateResult | typeof nothing {
    // Known once the first page said whether the viewer has a review; kept while filtering.
    if (this.ownReview === undefined || this.viewerState.status !== 'ready') return nothing;
    if (!this.#signedIn) {
      return html`<p part="sign-in" class="muted"><slot name="sign-in">${t.signIn()}</slot></p>`;
    }
    if (this.editing && this.ownReview) return this.#renderForm(true);
    if (this.ownReview) return nothing;
    if (this.#formShown) return this.#renderForm(false);
    return html`<div>
      <button type="button" class="button primary" part="button" @click=${this.#openWriter}>
        ${t.write()}
      </button>
    </div>`;
  }

  #renderForm(editing: boolean): TemplateResult {
    const issues = this.fieldIssues;
    const stars = Number(this.#draft.value('stars')) || 0;
    const described = (field: Field, hint?: string) =>
      [issues[field] ? `${field}-error` : '', hint ?? ''].filter(Boolean).join(' ') || nothing;
    return html`<form
      part="form"
      novalidate
      aria-labelledby="form-title"
      @submit=${(event: Event) => this.#submit(event)}
    >
      <p id="form-title" class="form-title">${editing ? t.editTitle() : t.writeTitle()}</p>
      <div part="field" class="field">
        <span class="label" aria-hidden="true">${t.starsField()}</span>
        <cw-rating-input
          exportparts="star, star-fill"
          .value=${stars}
          .label=${t.starsField()}
          required
          aria-describedby=${issues.stars ? 'stars-error' : nothing}
          @change=${(event: Event) =>
            this.#draft.set('stars', String((event.target as CwRatingInput).value))}
        ></cw-rating-input>
        ${this.#renderIssue('stars')}
      </div>
      <div part="field" class="field">
        <label for="title">${t.titleField()}</label>
        <input
          id="title"
          part="input"
          dir="auto"
          autocomplete="off"
          .value=${this.#draft.value('title')}
          aria-invalid=${issues.title ? 'true' : 'false'}
          aria-describedby=${described('title')}
          @input=${(event: Event) =>
            this.#draft.set('title', (event.target as HTMLInputElement).value)}
        />
        ${this.#renderIssue('title')}
      </div>
      <div part="field" class="field">
        <label for="body">${t.bodyField()}</label>
        <textarea
          id="body"
          part="input"
          dir="auto"
          rows="5"
          .value=${this.#draft.value('body')}
          aria-invalid=${issues.body ? 'true' : 'false'}
          aria-describedby=${described('body', 'body-hint')}
          @input=${(event: Event) =>
            this.#draft.set('body', (event.target as HTMLTextAreaElement).value)}
        ></textarea>
        <span id="body-hint" class="muted small">${t.bodyHint(REVIEW_BODY_LIMITS.max)}</span>
        ${this.#renderIssue('body')}
      </div>
      ${
        this.formError
          ? html`<div part="error" role="alert">
              <p>${this.formError}</p>
              <p class="small">${t.draftKept()}</p>
            </div>`
          : nothing
      }
      <div class="row">
        <button type="submit" class="button primary" part="button" ?disabled=${this.posting}>
          ${
            this.posting
              ? editing
                ? t.saving()
                : t.publishing()
              : this.formError && !Object.keys(issues).length
                ? t.retry()
                : editing
                  ? t.save()
                  : t.publish()
          }
        </button>
        <button type="button" class="button" part="button" @click=${this.#cancel}>
          ${t.cancel()}
        </button>
      </div>
    </form>`;
  }

  #renderIssue(field: Field): TemplateResult | typeof nothing {
    const issue = this.fieldIssues[field];
    return issue
      ? html`<span id="${field}-error" part="field-error" class="field-error">${issue}</span>`
      : nothing;
  }

  #renderList(): TemplateResult {
    const list = this.listState;
    if (list.status === 'loading') {
      return html`<p class="muted placeholder">${t.loading()}</p>`;
    }
    if (list.status === 'error') {
      return html`<div class="row">
        <p part="error" role="alert">${t.loadFailed()}</p>
        <button type="button" class="text-button" part="button" @click=${() => this.#loadList()}>
          ${t.retry()}
        </button>
      </div>`;
    }
    if (list.items.length === 0) {
      return html`<p class="muted placeholder">
        ${this.starsFilter ? t.emptyFiltered(this.starsFilter) : t.empty()}
      </p>`;
    }
    return html`<ol part="list" class="list">
        ${list.items.map((review) => html`<li>${this.#renderReview(review)}</li>`)}
      </ol>
      ${
        list.error && list.status === 'ready'
          ? html`<p part="error" role="alert">${t.loadMoreFailed(list.error.message)}</p>`
          : nothing
      }
      ${
        list.hasMore
          ? html`<button
              type="button"
              class="button"
              part="load-more"
              ?disabled=${list.loadingMore}
              @click=${() => void this.#list?.loadMore()}
            >
              ${list.loadingMore ? t.loadingMore() : t.loadMore()}
            </button>`
          : nothing
      }`;
  }

  #renderReview(review: Review): TemplateResult {
    const date = new Date(review.createdAt);
    const formatted = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium' }).format(date);
    const error = this.reviewError?.id === review.id ? this.reviewError.message : undefined;
    return html`<article
      part=${review.own ? 'review own' : 'review'}
      tabindex=${review.own ? '-1' : nothing}
      ?data-own=${review.own}
      aria-labelledby="title-${review.id}"
    >
      <div class="row">
        <span class="stars" part="stars" role="img" aria-label=${t.starsOf(review.stars)}
          >${STAR_VALUES.map((value) => star(value <= review.stars ? 1 : 0))}</span
        >
        <p id="title-${review.id}" part="review-title" class="title" dir="auto">${review.title}</p>
      </div>
      <p part="review-meta" class="meta muted">
        ${review.own ? html`<span class="own-mark">${t.yourReview()}</span>` : nothing}
        <span>${t.byAuthor()} ${this.#renderAuthor(review)}</span>
        <time datetime=${review.createdAt}>${t.date(formatted)}</time>
        ${review.editedAt ? html`<span>${t.edited()}</span>` : nothing}
        ${
          review.verified
            ? html`<span part="verified" class="verified" title=${t.verifiedHint()}
                ><svg viewBox="0 0 16 16" aria-hidden="true">
                  <path d="M3 8.5l3 3 7-7" /></svg
                >${t.verified()}</span
              >`
            : nothing
        }
      </p>
      <div part="review-body" class="user-text">${renderUserText(review.body)}</div>
      ${review.own ? this.#renderOwnActions() : this.#renderHelpful(review)}
      ${error ? html`<p part="error" role="alert">${error}</p>` : nothing}
    </article>`;
  }

  #renderAuthor(review: Review): TemplateResult {
    if (customElements.get('cw-expert-badge')) {
      return html`<cw-expert-badge part="author" user=${review.author.id}
        >${review.author.name}</cw-expert-badge
      >`;
    }
    return html`<span part="author" dir="auto">${review.author.name}</span>`;
  }

  #renderOwnActions(): TemplateResult | typeof nothing {
    if (this.editing) return nothing;
    if (this.confirmingDelete) {
      return html`<div class="row" role="group" aria-label=${t.removeConfirm()}>
        <span>${t.removeConfirm()}</span>
        <button type="button" class="button" part="button" @click=${() => void this.#delete()}>
          ${t.removeYes()}
        </button>
        <button
          type="button"
          class="button"
          part="button"
          @click=${() => (this.confirmingDelete = false)}
        >
          ${t.removeNo()}
        </button>
      </div>`;
    }
    return html`<div class="row">
      <button type="button" class="button" part="button" @click=${this.#openEditor}>
        ${t.edit()}
      </button>
      <button
        type="button"
        class="button"
        part="button"
        @click=${() => (this.confirmingDelete = true)}
      >
        ${t.remove()}
      </button>
    </div>`;
  }

  #renderHelpful(review: Review): TemplateResult {
    if (!this.#signedIn) {
      return html`<p part="helpful" class="muted small">
        ${t.helpfulCounts(this.locale, review.helpful.yes, review.helpful.no)}
      </p>`;
    }
    const button = (value: 'yes' | 'no') => {
      const pressed = review.viewerHelpful === value;
      return html`<button
        type="button"
        class="button small"
        part=${pressed ? 'helpful-button pressed' : 'helpful-button'}
        aria-pressed=${pressed ? 'true' : 'false'}
        @click=${() => void this.#vote(review, value)}
      >
        ${
          value === 'yes'
            ? t.helpfulYes(this.locale, review.helpful.yes)
            : t.helpfulNo(this.locale, review.helpful.no)
        }
      </button>`;
    };
    return html`<div
      part="helpful"
      class="row small"
      role="group"
      aria-label=${t.helpfulQuestion()}
    >
      <span aria-hidden="true">${t.helpfulQuestion()}</span>${button('yes')}${button('no')}
    </div>`;
  }
}
