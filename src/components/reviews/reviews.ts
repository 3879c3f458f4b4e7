import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { REVIEW_SORT_VALUES as REVIEW_SORTS } from '../../../api/limits.js';
import { draftStorage } from '../../core/drafts.js';
import { toCwError } from '../../core/errors.js';
import { emit, type CwEvent } from '../../core/events.js';
import type { RatingState } from '../../core/ratings.js';
import { reviewsFor } from '../../core/reviews.js';
import type { HelpfulValue, Review, ReviewSort } from '../../core/types.js';
import type { ViewerState } from '../../core/viewer.js';
import { whenNearViewport } from '../../core/visibility.js';
import { reviewMessages as t } from '../../i18n/review-messages.js';
import { blockWidget, tokens } from '../../styles/tokens.js';
import { controls } from '../../styles/controls.js';
import { CommunityElement } from '../community-element.js';
import { starStyles } from '../rating/star.styles.js';
import { reportError } from '../../core/events.js';
import { ListController } from '../shared/list-controller.js';
import { PostActionsController } from '../shared/post-actions.js';
import type { CwVote } from '../shared/vote.js';
import { renderHelpful, renderReview, renderSummary } from './review-parts.js';
import { ReviewForm } from './reviews-form.js';
import { reviewsStyles } from './reviews.styles.js';
import { setJsonLd } from '../../core/trusted-script.js';
import { jsonForScript, productJsonLd } from './structured-data.js';

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
 * @csspart average - The average as a number.
 * @csspart count - The number of ratings.
 * @csspart filter - One star value's row of the distribution, a button that filters the
 *   reviews; `filter active` while it filters.
 * @csspart sort - The sort menu.
 * @csspart review - One review; `review own` for the visitor's own.
 * @csspart review-title - A review's title.
 * @csspart review-meta - Author, date and verified mark.
 * @csspart author - The author's name (or their `<cw-expert-badge>` when that element is loaded).
 * @csspart verified - The verified purchase mark.
 * @csspart review-body - A review's text.
 * @csspart helpful - The helpful question with its buttons (the counts for anonymous visitors).
 * @csspart helpful-button - A yes or no button (exported from its `<cw-vote>`).
 * @csspart write-button - The button that opens the write form.
 * @csspart form - The write or edit form.
 * @csspart field - The title input and the text area.
 * @csspart submit - The form's publish or save button.
 * @csspart edit - The button that edits one's own review.
 * @csspart delete - The button that deletes one's own review.
 * @csspart confirm-delete - The button that confirms the delete.
 * @csspart load-more - The "show more reviews" button.
 * @csspart sign-in - The sentence shown to anonymous visitors.
 * @csspart error - A visible error message (a field's, the form's, the list's, a review's).
 * @csspart retry - A "try again" button.
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
  static override styles = [tokens, blockWidget, controls, starStyles, reviewsStyles];

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
  @state() private sort: ReviewSort = 'newest';
  @state() private starsFilter: number | undefined;
  /** A failed helpful vote or delete, shown under its review. */
  @state() private reviewError: { id: string; message: string } | undefined;
  @state() private announcement = '';
  /** Set once the widget came near the viewport: nothing loads before. */
  @state() private visible = false;

  #stops: Array<() => void> = [];
  #jsonLd: HTMLScriptElement | undefined;
  /** The viewer the widget showed last (undefined before the first answer). */
  #viewerId: string | null | undefined;
  /** Focus to move after the next render, by selector. */
  #focusAfterRender: string | undefined;

  readonly #reviews = new ListController<Review>(this, {
    list: () =>
      this.visible && this.client && this.subject
        ? reviewsFor(this.client).list(this.subject, {
            sort: this.sort,
            stars: this.starsFilter,
            limit: Math.min(50, Math.max(1, Math.round(this.pageSize) || 10)),
          })
        : undefined,
    errorAction: 'load',
  });

  readonly #actions = new PostActionsController(this);

  readonly #form = new ReviewForm(this, {
    client: () => this.client,
    subject: () => this.subject,
    saved: (review, edited) => {
      this.#announce(edited ? t.saved() : t.published());
      emit(this, 'cw-review-submit', {
        subject: review.subject,
        reviewId: review.id,
        stars: review.stars,
        edited,
      });
      this.#focusAfterRender = '[data-own]';
    },
    cancelled: () => {
      const own = this.#own;
      this.#focusAfterRender = own ? `[data-edit="${own.id}"]` : '[part~="write-button"]';
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (!customElements.get('cw-expert-badge')) {
      void customElements.whenDefined('cw-expert-badge').then(() => this.requestUpdate());
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#jsonLd?.remove();
    this.#jsonLd = undefined;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.inputChanged(changed, 'subject')) this.follow();
    if (!changed.has('subject') || !this.subject) return;
    // A draft left from before a reload or a sign-in redirect shows its form again.
    if (draftStorage().read({ widget: 'reviews', subject: this.subject, form: 'write' })) {
      this.#form.open(undefined, false);
    } else this.#form.close();
  }

  /** Includes the votes' renders, so "updated" means the whole widget is. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    const votes = this.renderRoot.querySelectorAll<CwVote>('cw-vote');
    await Promise.all([...votes].map((vote) => vote.updateComplete));
    return result;
  }

  protected override updated(): void {
    this.#writeStructuredData();
    // Focus targets are the widget's own elements: focus them in this very render.
    if (this.#focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(this.#focusAfterRender)?.focus();
      this.#focusAfterRender = undefined;
    }
  }

  /** Follows the subject's rating and the viewer, and lists, once near the viewport. */
  protected follow(): void {
    this.unfollow();
    const client = this.client;
    const subject = this.subject;
    this.#viewerId = undefined;
    if (!client || !subject) return;
    this.ratingState = client.ratings.peek(subject);
    this.#stops.push(
      whenNearViewport(this, () => {
        this.#stops.push(
          client.ratings.subscribe(subject, (state) => this.#ratingChanged(state)),
          client.viewer.subscribe((state) => this.#viewerChanged(state)),
        );
        this.visible = true;
      }),
    );
  }

  protected unfollow(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
    this.visible = false;
  }

  /** The visitor's own review: undefined until the first page says, null when none. */
  get #own(): Review | null | undefined {
    return this.client && this.subject ? reviewsFor(this.client).own(this.subject) : undefined;
  }

  get #signedIn(): boolean {
    return this.viewerState.status === 'ready' && this.viewerState.viewer.authenticated;
  }

  /** Someone else signed in (or out): their forms close; the store reloads the lists. */
  #viewerChanged(state: ViewerState): void {
    this.viewerState = state;
    if (state.status !== 'ready') return;
    const id = state.viewer.id;
    if (this.#viewerId !== undefined && this.#viewerId !== id) this.#form.close();
    this.#viewerId = id;
  }

  #ratingChanged(state: RatingState): void {
    this.ratingState = state;
    // The viewer changed their rating elsewhere (a <cw-rating>): their review's stars follow.
    const own = this.#own;
    const rated = state.status === 'ready' ? state.summary.viewerRating : null;
    if (own && rated && own.stars !== rated) {
      reviewsFor(this.client!).showOwn({ ...own, stars: rated });
    }
  }

  #announce(message: string): void {
    this.reviewError = undefined;
    this.announcement = message;
  }

  #setFilter(stars: number | undefined): void {
    this.starsFilter = stars === this.starsFilter ? undefined : stars;
  }

  // ---- the visitor's own review ----------------------------------------------------------

  async #delete(review: Review): Promise<void> {
    this.reviewError = undefined;
    try {
      await reviewsFor(this.client!).remove(review);
      this.#announce(t.removed());
      this.#focusAfterRender = '[part~="write-button"]';
    } catch (caught) {
      const error = toCwError(caught);
      this.reviewError = { id: review.id, message: t.removeFailed(error.message) };
      reportError(this, 'delete-review', error);
    } finally {
      this.#actions.done();
    }
  }

  // ---- helpful votes ---------------------------------------------------------------------

  /**
   * A helpful vote from a review's `<cw-vote>`: the store shows it at once and rolls it back
   * when refused. The page hears `cw-helpful`, never the inner `cw-vote`.
   */
  async #helpful(event: CwEvent<'cw-vote'>): Promise<void> {
    event.stopPropagation();
    const { id, value } = event.detail;
    const review = this.#reviews.state.items.find((shown) => shown.id === id);
    if (!review || !this.client) return;
    const next: HelpfulValue = value > 0 ? 'yes' : value < 0 ? 'no' : 'none';
    this.#announce('');
    // The new counts show before listeners hear of the vote.
    const saving = reviewsFor(this.client).setHelpful(review, next);
    emit(this, 'cw-helpful', {
      subject: review.subject,
      reviewId: id,
      value: next,
      previous: review.viewerHelpful,
    });
    try {
      if (await saving) this.announcement = t.helpfulSaved();
    } catch (caught) {
      const error = toCwError(caught);
      this.reviewError = { id, message: t.helpfulFailed(error.message) };
      reportError(this, 'helpful', error);
    }
  }

  // ---- structured data -------------------------------------------------------------------

  /** Keeps one JSON-LD `<script>` child in step with what is shown; removes it when off. */
  #writeStructuredData(): void {
    const summary = this.ratingState.status === 'ready' ? this.ratingState.summary : undefined;
    const list = this.#reviews.state;
    if (!this.structuredData) {
      this.#jsonLd?.remove();
      this.#jsonLd = undefined;
    }
    if (!this.structuredData || !summary || list.status !== 'ready') return;
    const text = jsonForScript(productJsonLd(this.label || summary.subject, summary, list.items));
    if (!this.#jsonLd) {
      this.#jsonLd = document.createElement('script');
      this.#jsonLd.type = 'application/ld+json';
      this.#jsonLd.dataset.cwStructuredData = '';
    }
    if (this.#jsonLd.parentNode !== this) this.append(this.#jsonLd);
    // Text, never markup; through the library's Trusted Types policy where the page has them.
    setJsonLd(this.#jsonLd, text);
  }

  // ---- rendering -------------------------------------------------------------------------

  protected override render() {
    const summary = this.ratingState.status === 'ready' ? this.ratingState.summary : undefined;
    return html`<section
      part="base"
      aria-label=${this.label ? t.labelFor(this.label) : t.label()}
      aria-busy=${this.#reviews.state.status === 'loading' ? 'true' : 'false'}
      @cw-vote=${this.#helpful}
    >
      ${renderSummary(summary, this.locale, this.starsFilter, (stars) => this.#setFilter(stars))}
      ${this.#renderWriteArea()} ${this.#renderToolbar()} ${this.#renderList()}
      <span class="visually-hidden" role="status">${this.announcement}</span>
    </section>`;
  }

  #renderToolbar(): TemplateResult {
    const labels: Record<ReviewSort, string> = {
      newest: t.sortNewest(),
      helpful: t.sortHelpful(),
      highest: t.sortHighest(),
      lowest: t.sortLowest(),
    };
    return html`<div class="row">
      <label class="sort"
        >${t.sortLabel()}
        <select
          part="sort"
          @change=${(event: Event) =>
            (this.sort = (event.target as HTMLSelectElement).value as ReviewSort)}
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
              <button type="button" class="text-button" @click=${() => this.#setFilter(undefined)}>
                ${t.showAll()}
              </button>`
          : nothing
      }
    </div>`;
  }

  #renderWriteArea(): TemplateResult | typeof nothing {
    // Known once the first page said whether the viewer has a review; kept while filtering.
    const own = this.#own;
    if (own === undefined || this.viewerState.status !== 'ready') return nothing;
    if (!this.#signedIn) {
      return html`<p part="sign-in" class="muted"><slot name="sign-in">${t.signIn()}</slot></p>`;
    }
    if (this.#form.isOpen && !!this.#form.review === !!own) return this.#form.render();
    if (own) return nothing;
    return html`<div>
      <button
        type="button"
        class="button primary"
        part="write-button"
        @click=${() => this.#form.open(undefined, true)}
      >
        ${t.write()}
      </button>
    </div>`;
  }

  #renderList(): TemplateResult {
    const list = this.#reviews.state;
    if (list.status === 'loading') {
      return html`<p class="muted placeholder">${t.loading()}</p>`;
    }
    if (list.status === 'error') {
      return html`<div class="row">
        <p part="error" role="alert">${t.loadFailed()} ${list.error?.message}</p>
        <button
          type="button"
          class="text-button"
          part="retry"
          @click=${() => this.#reviews.reload()}
        >
          ${t.retry()}
        </button>
      </div>`;
    }
    if (list.items.length === 0) {
      return html`<p class="muted placeholder">
        ${this.starsFilter ? t.emptyFiltered(this.starsFilter) : t.empty()}
      </p>`;
    }
    return html`<ol class="list">
        ${list.items.map((review) => html`<li>${this.#renderReview(review)}</li>`)}
      </ol>
      ${
        list.error
          ? html`<p part="error" role="alert">${t.loadMoreFailed(list.error.message)}</p>`
          : nothing
      }
      ${this.#reviews.renderLoadMore(t.loadMore(), t.loadingMore(), 'button')}`;
  }

  #renderReview(review: Review): TemplateResult {
    const error = this.reviewError?.id === review.id ? this.reviewError.message : undefined;
    const moderation = this.client && {
      client: this.client,
      target: { kind: 'review' as const, id: review.id },
      authorId: review.author.id,
      viewer: this.viewerState.status === 'ready' ? this.viewerState.viewer : undefined,
      note: review.moderation,
    };
    if (!review.own) {
      const actions = this.#actions.render({
        id: review.id,
        canEdit: false,
        canDelete: false,
        labels: { edit: t.edit(), remove: t.remove(), keep: t.removeNo(), confirm: '' },
        edit: () => undefined,
        remove: () => undefined,
        moderation,
      });
      return renderReview(
        review,
        this.locale,
        html`${renderHelpful(review, this.locale, this.#signedIn)}${actions}`,
        error,
      );
    }
    const actions = this.#form.review
      ? nothing
      : this.#actions.render({
          id: review.id,
          canEdit: true,
          canDelete: true,
          labels: {
            edit: t.edit(),
            remove: t.remove(),
            keep: t.removeNo(),
            confirm: t.removeConfirm(),
            yes: t.removeYes(),
          },
          edit: () => {
            this.#actions.confirming = undefined;
            this.#form.open(review, true);
          },
          remove: () => this.#delete(review),
          moderation,
        });
    return renderReview(review, this.locale, actions, error);
  }
}
