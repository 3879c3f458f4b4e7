import { html, nothing, type TemplateResult } from 'lit';
import type { RatingSummary, Review } from '../../core/types.js';
import { formatDate, formatNumber } from '../../i18n/locale.js';
import { ratingMessages } from '../../i18n/messages.js';
import { reviewMessages as t } from '../../i18n/review-messages.js';
import { averageStars, distributionRows } from '../rating/star.js';
import { renderUserText } from '../user-text.js';

/** A helpful vote as `<cw-vote mode="pair">` carries it: yes 1, no -1, none 0. */
const HELPFUL_VOTE = { yes: 1, no: -1, none: 0 } as const;

/**
 * The rating summary of `<cw-reviews>`: average stars, count, and the distribution, whose rows
 * are toggle buttons that filter the list by stars (`onFilter`).
 */
export function renderSummary(
  summary: RatingSummary | undefined,
  locale: string,
  filter: number | undefined,
  onFilter: (stars: number) => void,
): TemplateResult {
  const average = summary?.average ?? 0;
  const count = (n: number) => ratingMessages.count(locale, n);
  return html`<div part="summary" class="summary">
    <div class="row">
      <span
        class="stars big"
        part="stars"
        role=${summary ? 'img' : nothing}
        aria-label=${
          !summary
            ? nothing
            : summary.count === 0
              ? ratingMessages.empty()
              : t.outOfFive(locale, average)
        }
        >${averageStars(average)}</span
      >
      ${
        summary
          ? html`<span part="average" aria-hidden="true">${formatNumber(locale, average, 1)}</span
              ><span part="count" class="muted">${count(summary.count)}</span>`
          : html`<span class="muted">${t.loading()}</span>`
      }
    </div>
    ${
      summary
        ? html`<ul class="distribution" aria-label=${t.filterLabel()}>
            ${distributionRows(summary).map(
              (row) =>
                html`<li>
                  <button
                    type="button"
                    part=${filter === row.stars ? 'filter active' : 'filter'}
                    aria-pressed=${filter === row.stars ? 'true' : 'false'}
                    @click=${() => onFilter(row.stars)}
                  >
                    <span class="visually-hidden"
                      >${t.filterButton(row.stars, count(row.count))}</span
                    >
                    <span aria-hidden="true">${row.stars} ★</span>
                    <svg class="bar" aria-hidden="true">
                      <rect class="track" width="100%" height="100%" />
                      <rect width="${row.percent}%" height="100%" />
                    </svg>
                    <span class="muted" aria-hidden="true">${formatNumber(locale, row.count)}</span>
                  </button>
                </li>`,
            )}
          </ul>`
        : nothing
    }
  </div>`;
}

/**
 * Under a review of someone else: the helpful question with yes/no (a `<cw-vote>` whose
 * `cw-vote` the widget answers) for signed-in visitors, the counts for anonymous ones.
 */
export function renderHelpful(review: Review, locale: string, signedIn: boolean): TemplateResult {
  const { yes, no } = review.helpful;
  if (!signedIn) {
    return html`<p part="helpful" class="muted small">${t.helpfulCounts(locale, yes, no)}</p>`;
  }
  return html`<div part="helpful" class="row small">
    <span aria-hidden="true">${t.helpfulQuestion()}</span>
    <cw-vote
      mode="pair"
      exportparts="vote:helpful-button"
      .for=${{ target: 'review', subject: review.subject, id: review.id }}
      .value=${HELPFUL_VOTE[review.viewerHelpful]}
      label=${t.helpfulQuestion()}
      up-label=${t.helpfulYes(locale, yes)}
      down-label=${t.helpfulNo(locale, no)}
    ></cw-vote>
  </div>`;
}

/**
 * One review: stars, title, author (their `<cw-expert-badge>` when the page defines it),
 * date, verified mark, text rendered as text, then `footer` (helpful votes, or the visitor's
 * own actions) and `error` (a failed vote or delete of this review).
 */
export function renderReview(
  review: Review,
  locale: string,
  footer: TemplateResult | typeof nothing,
  error: string | undefined,
): TemplateResult {
  const author = customElements.get('cw-expert-badge')
    ? html`<cw-expert-badge part="author" user=${review.author.id}
        >${review.author.name}</cw-expert-badge
      >`
    : html`<span part="author" dir="auto">${review.author.name}</span>`;
  return html`<article
    part=${review.own ? 'review own' : 'review'}
    tabindex=${review.own ? '-1' : nothing}
    ?data-own=${review.own}
    aria-labelledby="title-${review.id}"
  >
    <div class="row">
      <span class="stars" part="stars" role="img" aria-label=${t.starsOf(review.stars)}
        >${averageStars(review.stars)}</span
      >
      <p id="title-${review.id}" part="review-title" class="title" dir="auto">${review.title}</p>
    </div>
    <p part="review-meta" class="meta muted">
      ${review.own ? html`<span class="own-mark">${t.yourReview()}</span>` : nothing}
      <span>${t.byAuthor()} ${author}</span>
      <time datetime=${review.createdAt}>${t.date(formatDate(locale, review.createdAt))}</time>
      ${review.editedAt ? html`<span>${t.edited()}</span>` : nothing}
      ${
        review.verified
          ? html`<span part="verified" class="verified" title=${t.verifiedHint()}
              ><svg viewBox="0 0 16 16" aria-hidden="true"><path d="M3 8.5l3 3 7-7" /></svg
              >${t.verified()}</span
            >`
          : nothing
      }
    </p>
    <div part="review-body" class="user-text">${renderUserText(review.body)}</div>
    ${footer} ${error ? html`<p part="error" role="alert">${error}</p>` : nothing}
  </article>`;
}
