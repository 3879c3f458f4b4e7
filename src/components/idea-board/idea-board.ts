import { Task } from '@lit/task';
import { html, nothing, type LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toCwError, type CwError } from '../../core/errors.js';
import { reportError, type CwEvent } from '../../core/events.js';
import {
  ideasFor,
  type Board,
  type Idea,
  type IdeaBoardModel,
  type IdeasBackend,
  type IdeaUpdate,
} from '../../core/ideas.js';
import { cleanUserLine as line } from '../../core/user-text.js';
import type { ViewerState } from '../../core/viewer.js';
import { whenNearViewport } from '../../core/visibility.js';
import { ideaMessages as t } from '../../i18n/idea-messages.js';
import { blockWidget, card, tokens } from '../../styles/tokens.js';
import { controls } from '../../styles/controls.js';
import { CommunityElement } from '../community-element.js';
import { ListController } from '../shared/list-controller.js';
import { TypedValue } from '../shared/typing-task.js';
import type { IdeaContext } from './idea-context.js';
import type { CwIdeaDetail } from './idea-detail.js';
import { renderIdea, renderToolbar, type QueryChange } from './idea-list.js';
import { renderUpdates } from './idea-updates.js';
import { ideaBoardStyles } from './idea-board.styles.js';

/**
 * @summary An idea board: visitors propose ideas, vote for them (optionally within a vote
 * budget), comment, and see what became of the ideas they voted for; moderators set statuses
 * with a public note and merge duplicates. Text typed into a form is kept on the device until
 * it is posted.
 *
 * @tag cw-idea-board
 *
 * @slot sign-in - Shown to anonymous visitors instead of the vote buttons and the form, e.g.
 *   a link to your sign-in page. Defaults to a sentence saying that signing in lets them vote.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - The row with the board's title, votes left and actions.
 * @csspart title - The board's title.
 * @csspart budget - The votes the viewer has left.
 * @csspart updates-button - Opens "your ideas moved".
 * @csspart share - The button that opens the idea form.
 * @csspart sign-in - The sentence (or slot) shown to anonymous visitors.
 * @csspart toolbar - Search, sort and status filter.
 * @csspart search - The search field.
 * @csspart sort - The sort select.
 * @csspart filter - The status select.
 * @csspart list - The list of ideas.
 * @csspart idea - One idea in the list.
 * @csspart idea-title - The button with an idea's title that opens it.
 * @csspart vote - A vote button (`aria-pressed` when the viewer voted; exported from `<cw-vote>`).
 * @csspart status - A status chip; also `status-<status>` (e.g. `status-planned`).
 * @csspart load-more - The button that shows more ideas or comments.
 * @csspart form - The idea form.
 * @csspart similar - Similar ideas shown while typing a title.
 * @csspart submit - The form's submit button.
 * @csspart detail - An open idea.
 * @csspart note - The team's public note on an idea.
 * @csspart comments - The list of comments.
 * @csspart comment-form - The comment form.
 * @csspart moderation - The moderators' status and merge controls.
 * @csspart updates - The list of status changes on ideas the viewer voted for.
 * @csspart error - A visible error message.
 * @csspart retry - A "try again" button (a list that did not load, a post that failed).
 *
 * @cssprop [--cw-idea-status-open-color=var(--cw-color-text-muted)] - Chip of open ideas.
 * @cssprop [--cw-idea-status-planned-color=var(--cw-color-accent)] - Chip of planned ideas.
 * @cssprop [--cw-idea-status-started-color=#7a4a00] - Chip of ideas in progress.
 * @cssprop [--cw-idea-status-completed-color=#1a7f37] - Chip of completed ideas.
 * @cssprop [--cw-idea-status-declined-color=var(--cw-color-danger)] - Chip of declined ideas.
 * @cssprop [--cw-idea-status-duplicate-color=var(--cw-color-text-muted)] - Chip of merged ideas.
 *
 * @fires {IdeaSubmitDetail} cw-idea-submit - The visitor's idea was posted.
 * @fires {VoteDetail} cw-vote - The visitor voted for an idea or took a vote back (as they act;
 *   fired by the idea's `<cw-vote>`, which the widget then writes optimistically).
 * @fires {IdeaStatusDetail} cw-idea-status - A moderator set an idea's status or merged it.
 * @fires {ErrorDetail} cw-error - The widget showed an error to the visitor.
 */
export class CwIdeaBoard extends CommunityElement {
  static override styles = [tokens, blockWidget, card, controls, ideaBoardStyles];

  /** The board's id (a slug such as `roadmap`); boards are set up by the site. */
  @property({ reflect: true }) board: string | undefined;

  @state() private viewerState: ViewerState = { status: 'loading' };
  @state() private view: 'list' | 'detail' | 'updates' = 'list';
  @state() private formOpen = false;
  @state() private searchText = '';
  /** The open idea (view `detail`). */
  @state() private openId: string | undefined;
  @state() private voteError: string | undefined;
  @state() private announcement = '';
  @state() private updates: IdeaUpdate[] = [];
  @state() private shownUpdates: IdeaUpdate[] = [];

  #backend: IdeasBackend | null = null;
  #model: IdeaBoardModel | undefined;
  /** The last viewer known (null: anonymous), to tell a sign-in from a refresh. */
  #viewerId: string | null | undefined;
  #stops: Array<() => void> = [];
  /** Where focus goes after the next render (an element id in the shadow root). */
  #focusNext: string | undefined;

  readonly #ideas = new ListController<Idea>(this, {
    list: () => this.#model?.list,
    errorAction: 'load',
  });

  constructor() {
    super();
    // The search box's text becomes the list's query after a typing pause.
    new TypedValue(
      this,
      () => this.searchText,
      (q) => {
        if ((this.#model?.query.q ?? '') !== q) this.#setQuery({ q: q || undefined });
      },
    );
    // "Your ideas moved" follows who is looking; it is a courtesy, so a failure shows nothing.
    new Task(this, {
      args: () => [this.#backend, this.board, this.#viewer?.id] as const,
      task: ([backend, board, viewer], { signal }) =>
        backend && board && viewer
          ? backend.listIdeaUpdates(board, { signal })
          : ([] as IdeaUpdate[]),
      onComplete: (updates) => (this.updates = updates),
    });
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.inputChanged(changed, 'board')) this.follow();
  }

  /** Includes the sub-elements' renders, so "updated" means the whole widget is. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    await Promise.all(this.#parts().map((part) => part.updateComplete));
    return result;
  }

  protected override async updated(): Promise<void> {
    const id = this.#focusNext;
    if (!id) return;
    this.#focusNext = undefined;
    // The target may be rendered by a sub-element, or be a `<cw-vote>` (its button gets focus).
    await Promise.all(this.#parts().map((part) => part.updateComplete));
    const target = this.renderRoot.querySelector<HTMLElement>(`#${id}`);
    if (target?.localName === 'cw-vote') await (target as LitElement).updateComplete;
    (target?.shadowRoot?.querySelector('button') ?? target)?.focus();
  }

  #parts(): LitElement[] {
    return [...this.renderRoot.querySelectorAll<LitElement>('cw-idea-form, cw-idea-detail')];
  }

  get #board(): Board | undefined {
    const state = this.#model?.board;
    return state?.status === 'ready' ? state.board : undefined;
  }

  get #viewer() {
    return this.viewerState.status === 'ready' && this.viewerState.viewer.authenticated
      ? this.viewerState.viewer
      : undefined;
  }

  /** Once near the viewport: the board's model (board, list, votes) and the viewer. */
  protected follow(): void {
    this.unfollow();
    const client = this.client;
    const ideas = client ? ideasFor(client) : null;
    this.#backend = ideas?.backend ?? null;
    const board = this.board;
    if (!client || !board || !ideas) return;
    this.#stops.push(
      whenNearViewport(this, () => {
        const model = ideas.board(board);
        this.#model = model;
        this.#stops.push(
          () => model.dispose(),
          model.subscribe(() => this.requestUpdate()),
          client.viewer.subscribe((state) => this.#viewerChanged(state)),
        );
        model.reloadBoard();
      }),
    );
  }

  protected unfollow(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
    this.#model = undefined;
    this.#viewerId = undefined;
  }

  /** Someone else signed in or out: their votes and budget differ, so the board loads again. */
  #viewerChanged(state: ViewerState): void {
    this.viewerState = state;
    if (state.status !== 'ready') return;
    if (this.#viewerId !== undefined && this.#viewerId !== state.viewer.id) this.#model?.load();
    this.#viewerId = state.viewer.id;
  }

  #setQuery(change: QueryChange): void {
    const model = this.#model;
    if (model) model.setQuery({ ...model.query, ...change });
  }

  #failed(action: string, error: CwError): void {
    reportError(this, action, error);
  }

  /** Writes a vote its `<cw-vote>` fired, at once; a refusal rolls back and says why. */
  async #vote(event: CwEvent<'cw-vote'>): Promise<void> {
    const { detail } = event;
    const model = this.#model;
    if (detail.target !== 'idea' || !model) return;
    const idea =
      this.#ideas.state.items.find((shown) => shown.id === detail.id) ??
      this.renderRoot.querySelector<CwIdeaDetail>('cw-idea-detail')?.shown;
    if (!idea) return;
    const voted = detail.value === 1;
    this.voteError = undefined;
    this.announcement = '';
    try {
      if (await model.vote(idea, voted)) {
        this.announcement = voted ? t.voted(line(idea.title)) : t.unvoted(line(idea.title));
      }
    } catch (error) {
      const reason = toCwError(error);
      this.#voteRefused(
        reason.kind === 'conflict' && voted && this.#board?.viewer.votesLeft === 0
          ? t.budgetSpent()
          : t.voteFailed(reason.message),
      );
      this.#failed('vote', reason);
    }
  }

  #voteRefused(sentence: string): void {
    this.voteError = sentence;
    this.announcement = sentence;
  }

  #open(id: string): void {
    this.view = 'detail';
    this.openId = id;
  }

  #back(focus: string): void {
    this.view = 'list';
    this.openId = undefined;
    this.shownUpdates = [];
    this.#focusNext = focus;
  }

  /** Shows the changes and marks them seen; they stay on screen until the visitor leaves. */
  #openUpdates(): void {
    this.shownUpdates = this.updates;
    this.view = 'updates';
    this.#focusNext = 'updates-heading';
    const newest = Math.max(0, ...this.updates.map((update) => update.id));
    if (newest > 0 && this.#backend) {
      this.#backend.markIdeaUpdatesSeen(newest).then(
        (left) => (this.updates = left.filter((update) => update.idea.board === this.board)),
        (error: unknown) => this.#failed('updates', toCwError(error)),
      );
    }
  }

  /** What the sub-elements need from the widget. */
  get #context(): IdeaContext {
    return {
      backend: this.#backend!,
      model: this.#model!,
      board: this.#board,
      viewerId: this.#viewer?.id ?? undefined,
      viewer: this.#viewer,
      client: this.client,
      moderator: !!this.#viewer?.roles.includes('moderator'),
      locale: this.locale,
      voteError: this.voteError,
      announce: (message) => (this.announcement = message),
      failed: (action, error) => this.#failed(action, error),
      open: (id) => this.#open(id),
      back: (focus) => this.#back(focus),
      closeForm: () => {
        this.formOpen = false;
        this.#focusNext = 'share-button';
      },
      posted: (idea) => {
        this.formOpen = false;
        this.#model?.list.insert(idea);
        this.#model?.reloadBoard();
        this.announcement = t.submitted(line(idea.title));
        this.#focusNext = `vote-${idea.id}`;
      },
      budgetSpent: () => this.#voteRefused(t.budgetSpent()),
    };
  }

  // ---- rendering --------------------------------------------------------------------

  protected override render() {
    if (this.client && !this.#backend) {
      return html`<section part="base" aria-labelledby="board-title">
        <h2 id="board-title" part="title" dir="auto">${t.unsupported()}</h2>
      </section>`;
    }
    const boardState = this.#model?.board ?? { status: 'loading' as const };
    const busy = boardState.status === 'loading' || this.#ideas.state.status === 'loading';
    return html`<section
      part="base"
      aria-labelledby="board-title"
      aria-busy=${busy ? 'true' : 'false'}
      @cw-vote=${this.#vote}
    >
      ${
        boardState.status === 'error'
          ? this.#renderBoardError(boardState.error)
          : html`${this.#renderHeader()}
            ${
              !this.#model
                ? html`<p class="muted" dir="auto">${t.loading()}</p>`
                : this.view === 'updates'
                  ? renderUpdates(this.#context, this.shownUpdates)
                  : this.view === 'detail'
                    ? html`<cw-idea-detail
                        .ctx=${this.#context}
                        .ideaId=${this.openId}
                      ></cw-idea-detail>`
                    : this.#renderListView()
            }`
      }
      <span class="visually-hidden" role="status">${this.announcement}</span>
    </section>`;
  }

  #renderBoardError(error: CwError): TemplateResult {
    return html`<h2 id="board-title" part="title" class="visually-hidden">${t.loadFailed()}</h2>
      <p part="error" role="alert" dir="auto">
        ${error.kind === 'not-found' ? t.boardMissing() : `${t.loadFailed()} ${error.message}`}
      </p>
      ${
        error.kind === 'not-found'
          ? nothing
          : html`<div class="actions">
              <button part="retry" type="button" @click=${() => this.#model?.load()}>
                ${t.retry()}
              </button>
            </div>`
      }`;
  }

  #renderHeader(): TemplateResult {
    const board = this.#board;
    const budget = board?.settings.voteBudget ?? null;
    const left = board?.viewer.votesLeft ?? null;
    return html`<header part="header">
      <h2 id="board-title" part="title" dir="auto">
        ${board ? line(board.title) : html`<span class="muted">${t.loading()}</span>`}
      </h2>
      ${
        budget !== null && left !== null
          ? html`<p part="budget" class=${left === 0 ? 'spent' : ''} dir="auto">
              ${t.votesLeft(this.locale, left, budget)}
            </p>`
          : nothing
      }
      ${
        this.updates.length > 0 && this.view !== 'updates'
          ? html`<button
              id="updates-button"
              part="updates-button"
              type="button"
              @click=${this.#openUpdates}
            >
              ${t.updatesButton(this.locale, this.updates.length)}
            </button>`
          : nothing
      }
      ${this.#renderPostAction(board)}
    </header>`;
  }

  #renderPostAction(board: Board | undefined): TemplateResult | typeof nothing {
    if (!board || this.viewerState.status !== 'ready') return nothing;
    if (!this.#viewer) {
      return html`<p part="sign-in" dir="auto"><slot name="sign-in">${t.signIn()}</slot></p>`;
    }
    if (!board.viewer.canPost) return html`<p part="sign-in" dir="auto">${t.postingClosed()}</p>`;
    if (this.formOpen || this.view !== 'list') return nothing;
    return html`<button
      id="share-button"
      class="primary"
      part="share"
      type="button"
      @click=${() => {
        this.formOpen = true;
        this.#focusNext = 'idea-title';
      }}
    >
      ${t.shareIdea()}
    </button>`;
  }

  #renderListView(): TemplateResult {
    const query = this.#model?.query ?? {};
    return html`${
      this.formOpen && this.#board?.viewer.canPost && this.#viewer
        ? html`<cw-idea-form .ctx=${this.#context}></cw-idea-form>`
        : nothing
    }
    ${renderToolbar(query, {
      searchText: this.searchText,
      search: (text) => (this.searchText = text),
      setQuery: (change) => this.#setQuery(change),
    })}
    ${
      this.voteError ? html`<p part="error" role="alert" dir="auto">${this.voteError}</p>` : nothing
    }
    ${this.#renderList(Boolean(query.q || query.status))}`;
  }

  #renderList(filtered: boolean): TemplateResult {
    const list = this.#ideas.state;
    const ctx = this.#context;
    // The board's own answer decides first: a missing or private board answers both requests
    // with 404, and its "does not exist" must not flash a retryable list error before it.
    const boardPending = this.#model?.board.status === 'loading';
    if (list.status === 'loading' || (list.status === 'error' && boardPending)) {
      return html`<p class="muted" dir="auto">${t.loading()}</p>`;
    }
    if (list.status === 'error') {
      return html`<p part="error" role="alert" dir="auto">
          ${t.loadFailed()} ${list.error?.message}
        </p>
        <div class="actions">
          <button part="retry" type="button" @click=${() => this.#ideas.reload()}>
            ${t.retry()}
          </button>
        </div>`;
    }
    if (list.items.length === 0) {
      return html`<p class="muted" dir="auto">${filtered ? t.noMatches() : t.empty()}</p>`;
    }
    return html`<ul part="list" aria-labelledby="board-title">
        ${list.items.map((idea) => renderIdea(ctx, idea))}
      </ul>
      ${list.error ? html`<p part="error" role="alert" dir="auto">${list.error.message}</p>` : nothing}
      ${
        list.hasMore
          ? html`<div class="actions">
              ${this.#ideas.renderLoadMore(t.loadMore(), t.loadingMore())}
            </div>`
          : nothing
      }`;
  }
}
