import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  IDEA_STATUS_VALUES,
  type Idea,
  type IdeaListQuery,
  type IdeaSort,
  type IdeaStatus,
} from '../../core/ideas.js';
import { cleanUserLine as line } from '../../core/user-text.js';
import { ideaMessages as t } from '../../i18n/idea-messages.js';
import type { IdeaContext } from './idea-context.js';

const CLOSED: readonly IdeaStatus[] = ['completed', 'declined', 'duplicate'];

/** A status chip. */
export const renderStatus = (status: IdeaStatus): TemplateResult =>
  html`<span part="status status-${status}" dir="auto">${t.status(status)}</span>`;

/**
 * An idea's `<cw-vote>`: a toggle for signed-in visitors, the count for everyone else. Its
 * `cw-vote` bubbles to `<cw-idea-board>`, which writes it; with no votes left the toggle says
 * so (`unavailable`) and a press is refused here, before anything is sent.
 */
export function renderVote(ctx: IdeaContext, idea: Idea): TemplateResult {
  const closed = (CLOSED.includes(idea.status) || idea.mergedInto !== null) && !idea.viewerVoted;
  const spent = !idea.viewerVoted && ctx.board?.viewer.votesLeft === 0;
  const title = line(idea.title);
  // The visible count starts the button's name, the idea's title completes it.
  return html`<cw-vote
    id="vote-${idea.id}"
    mode="single"
    exportparts="vote"
    .for=${{ target: 'idea', board: idea.board, id: idea.id }}
    .value=${idea.viewerVoted ? 1 : 0}
    .count=${idea.votes}
    ?readonly=${!ctx.viewerId || !ctx.board}
    ?disabled=${closed}
    .unavailable=${spent}
    label=${closed ? t.voteClosed(title) : t.voteFor(title)}
    count-text=${t.votes(ctx.locale, idea.votes)}
    @click=${spent ? ctx.budgetSpent : nothing}
  ></cw-vote>`;
}

/** One idea in the list: its vote, its title (which opens it), status and comment count. */
export function renderIdea(ctx: IdeaContext, idea: Idea): TemplateResult {
  return html`<li part="idea">
    ${renderVote(ctx, idea)}
    <div class="idea-main">
      <button
        id="title-${idea.id}"
        part="idea-title"
        type="button"
        dir="auto"
        @click=${() => ctx.open(idea.id)}
      >
        ${line(idea.title)}
      </button>
      <div class="meta">
        ${renderStatus(idea.status)}
        <span dir="auto">${t.comments(ctx.locale, idea.commentCount)}</span>
      </div>
    </div>
  </li>`;
}

/** A change to the list's sort, status filter or search. */
export type QueryChange = {
  sort?: IdeaSort;
  status?: IdeaStatus | undefined;
  q?: string | undefined;
};

const SORTS = ['top', 'new', 'trending'] as const;

/** Search, sort and status filter over the list. */
export function renderToolbar(
  query: IdeaListQuery,
  on: { searchText: string; search(text: string): void; setQuery(change: QueryChange): void },
): TemplateResult {
  const value = (e: Event) => (e.target as HTMLSelectElement).value;
  return html`<div part="toolbar" role="search">
    <label
      >${t.search()}
      <input
        part="search"
        type="search"
        maxlength="200"
        .value=${live(on.searchText)}
        @input=${(e: Event) => on.search(value(e))}
    /></label>
    <label
      >${t.sort()}
      <select part="sort" @change=${(e: Event) => on.setQuery({ sort: value(e) as IdeaSort })}>
        ${SORTS.map(
          (sort) =>
            html`<option value=${sort} ?selected=${(query.sort ?? 'top') === sort}>
              ${sort === 'top' ? t.sortTop() : sort === 'new' ? t.sortNew() : t.sortTrending()}
            </option>`,
        )}
      </select></label
    >
    <label
      >${t.statusFilter()}
      <select
        part="filter"
        @change=${(e: Event) =>
          on.setQuery({ status: (value(e) || undefined) as IdeaStatus | undefined })}
      >
        <option value="" ?selected=${!query.status}>${t.allStatuses()}</option>
        ${IDEA_STATUS_VALUES.map(
          (status) =>
            html`<option value=${status} ?selected=${query.status === status}>
              ${t.status(status)}
            </option>`,
        )}
      </select></label
    >
  </div>`;
}
