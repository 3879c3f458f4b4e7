import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { IDEA_TITLE_LIMITS } from '../../../api/limits.js';
import { normalizeUserText, textLength } from '../../../api/shared/user-text.js';
import type { CommunityClient } from '../../core/client.js';
import { DraftController } from '../../core/drafts.js';
import { CwError, toCwError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import {
  ideasFor,
  IDEA_STATUS_VALUES,
  type Board,
  type Idea,
  type IdeaBoardModel,
  type IdeasBackend,
  type IdeaComment,
  type IdeaSort,
  type IdeaStatus,
  type IdeaUpdate,
} from '../../core/ideas.js';
import { PagedList, type PagedListState } from '../../core/paged-list.js';
import type { ViewerState } from '../../core/viewer.js';
import { whenNearViewport } from '../../core/visibility.js';
import { ideaMessages as t } from '../../i18n/idea-messages.js';
import { tokens } from '../../styles/tokens.js';
import { CommunityElement } from '../community-element.js';
import { renderUserText } from '../user-text.js';
import { cleanUserLine as line } from '../../core/user-text.js';
import { ideaBoardStyles } from './idea-board.styles.js';

/** Milliseconds after the last keystroke before searching or looking for similar ideas. */
export const IDEA_TYPING_DELAY_MS = 300;
const CLOSED: readonly IdeaStatus[] = ['completed', 'declined', 'duplicate'];

type DetailState =
  | { status: 'loading'; id: string }
  | { status: 'ready'; idea: Idea }
  | { status: 'error'; id: string; error: CwError };

/**
 * @summary An idea board: visitors propose ideas, vote for them (optionally within a vote
 * budget), comment, and see what became of the ideas they voted for; moderators set statuses
 * with a public note and merge duplicates.
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
 * @csspart vote - A vote button (`aria-pressed` when the viewer voted).
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
 *
 * @cssprop [--cw-idea-status-open-color=var(--cw-color-text-muted)] - Chip of open ideas.
 * @cssprop [--cw-idea-status-planned-color=var(--cw-color-accent)] - Chip of planned ideas.
 * @cssprop [--cw-idea-status-started-color=#7a4a00] - Chip of ideas in progress.
 * @cssprop [--cw-idea-status-completed-color=#1a7f37] - Chip of completed ideas.
 * @cssprop [--cw-idea-status-declined-color=var(--cw-color-danger)] - Chip of declined ideas.
 * @cssprop [--cw-idea-status-duplicate-color=var(--cw-color-text-muted)] - Chip of merged ideas.
 *
 * @fires {IdeaSubmitDetail} cw-idea-submit - The visitor's idea was posted.
 * @fires {VoteDetail} cw-vote - The visitor voted for an idea or took a vote back.
 * @fires {IdeaStatusDetail} cw-idea-status - A moderator set an idea's status or merged it.
 * @fires {ErrorDetail} cw-error - The widget showed an error to the visitor.
 */
export class CwIdeaBoard extends CommunityElement {
  static override styles = [tokens, ideaBoardStyles];

  /** The board's id (a slug such as `roadmap`); boards are set up by the site. */
  @property({ reflect: true }) board: string | undefined;

  @state() private viewerState: ViewerState = { status: 'loading' };
  @state() private view: 'list' | 'detail' | 'updates' = 'list';
  @state() private formOpen = false;
  @state() private searchText = '';
  @state() private similar: Idea[] = [];
  @state() private submitting = false;
  @state() private submitError: CwError | undefined;
  @state() private titleError = false;
  @state() private voteError: string | undefined;
  @state() private announcement = '';
  @state() private detail: DetailState | undefined;
  @state() private comments: PagedListState<IdeaComment> | undefined;
  @state() private commentError: CwError | undefined;
  @state() private commenting = false;
  @state() private moderationMessage: { text: string; error: boolean } | undefined;
  @state() private updates: IdeaUpdate[] = [];
  @state() private shownUpdates: IdeaUpdate[] = [];

  #client: CommunityClient | undefined;
  #backend: IdeasBackend | null = null;
  #model: IdeaBoardModel | undefined;
  #commentList: PagedList<IdeaComment> | undefined;
  #stops: Array<() => void> = [];
  #viewerId: string | null | undefined;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #similarTimer: ReturnType<typeof setTimeout> | undefined;
  #similarRequest: AbortController | undefined;
  #updatesRequest: AbortController | undefined;
  /** Where focus goes after the next render (an element id in the shadow root). */
  #focusNext: string | undefined;

  readonly #draft = new DraftController(this, () =>
    this.board ? { widget: 'ideas', subject: this.board, form: 'submit' } : undefined,
  );
  readonly #commentDraft = new DraftController(this, () =>
    this.board && this.detail?.status === 'ready'
      ? { widget: 'ideas', subject: this.board, form: `comment:${this.detail.idea.id}` }
      : undefined,
  );

  override connectedCallback(): void {
    super.connectedCallback();
    this.#follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unfollow();
  }

  protected clientChanged(client: CommunityClient | undefined): void {
    this.#client = client;
    if (this.isConnected) this.#follow();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('board') && this.hasUpdated) this.#follow();
  }

  protected override updated(): void {
    if (this.#focusNext) {
      const target = this.renderRoot.querySelector<HTMLElement>(`#${this.#focusNext}`);
      this.#focusNext = undefined;
      target?.focus();
    }
  }

  get #board(): Board | undefined {
    const state = this.#model?.board;
    return state?.status === 'ready' ? state.board : undefined;
  }

  get #signedIn(): boolean {
    return this.viewerState.status === 'ready' && this.viewerState.viewer.authenticated;
  }

  get #isModerator(): boolean {
    return (
      this.viewerState.status === 'ready' && this.viewerState.viewer.roles.includes('moderator')
    );
  }

  #follow(): void {
    this.#unfollow();
    const client = this.#client;
    const ideas = client ? ideasFor(client) : null;
    this.#backend = ideas?.backend ?? null;
    const board = this.board;
    if (!client || !board || !ideas) return;
    const model = ideas.board(board);
    this.#model = model;
    this.#stops.push(() => model.dispose());
    this.#stops.push(
      whenNearViewport(this, () => {
        this.#stops.push(model.subscribe((changed) => this.#modelChanged(changed)));
        model.load();
        this.#stops.push(client.viewer.subscribe((state) => this.#viewerChanged(state)));
      }),
    );
  }

  #unfollow(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
    this.#model = undefined;
    this.#viewerId = undefined;
    this.#similarRequest?.abort();
    this.#updatesRequest?.abort();
    this.#commentList?.dispose();
    clearTimeout(this.#searchTimer);
    clearTimeout(this.#similarTimer);
  }

  /** Someone signed in or out: what they may do, their votes and their updates change. */
  #viewerChanged(state: ViewerState): void {
    this.viewerState = state;
    if (state.status !== 'ready') return;
    const id = state.viewer.id;
    if (this.#viewerId !== undefined && this.#viewerId !== id) {
      this.#model?.load();
      if (this.detail?.status === 'ready') this.#openIdea(this.detail.idea.id, false);
    }
    this.#viewerId = id;
    this.#loadUpdates();
  }

  #loadUpdates(): void {
    this.#updatesRequest?.abort();
    if (!this.#signedIn || !this.#backend || !this.board) {
      this.updates = [];
      return;
    }
    const request = new AbortController();
    this.#updatesRequest = request;
    this.#backend.listIdeaUpdates(this.board, { signal: request.signal }).then(
      (updates) => {
        if (!request.signal.aborted) this.updates = updates;
      },
      () => {
        // Updates are a courtesy: the board works without them, so a failure shows nothing.
      },
    );
  }

  #reportError(action: string, error: CwError): void {
    emit(this, 'cw-error', {
      action,
      kind: error.kind,
      status: error.status,
      message: error.message,
    });
  }

  // ---- list -------------------------------------------------------------------------

  #search(text: string): void {
    this.searchText = text;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(
      () => this.#setQuery({ q: text.trim() || undefined }),
      IDEA_TYPING_DELAY_MS,
    );
  }

  #setQuery(change: { sort?: IdeaSort; status?: IdeaStatus | undefined; q?: string | undefined }) {
    const model = this.#model;
    if (!model) return;
    model.setQuery({ ...model.query, ...change });
  }

  /** The open idea shows what the model shows of it (a vote at once, then the server's). */
  #modelChanged(changed: Idea | undefined): void {
    if (changed && this.detail?.status === 'ready' && this.detail.idea.id === changed.id) {
      this.detail = { status: 'ready', idea: changed };
    }
    this.requestUpdate();
  }

  async #vote(idea: Idea): Promise<void> {
    const model = this.#model;
    if (!model) return;
    const voted = !idea.viewerVoted;
    const board = this.#board;
    if (voted && board && board.viewer.votesLeft === 0) {
      this.voteError = t.budgetSpent();
      this.announcement = t.budgetSpent();
      return;
    }
    this.voteError = undefined;
    this.announcement = '';
    emit(this, 'cw-vote', {
      target: 'idea',
      board: idea.board,
      id: idea.id,
      value: voted ? 1 : 0,
      previous: voted ? 0 : 1,
    });
    try {
      if (await model.vote(idea, voted)) {
        this.announcement = voted ? t.voted(line(idea.title)) : t.unvoted(line(idea.title));
      }
    } catch (error) {
      const reason = toCwError(error);
      const sentence =
        reason.kind === 'conflict' && voted && this.#board?.viewer.votesLeft === 0
          ? t.budgetSpent()
          : t.voteFailed(reason.message);
      this.voteError = sentence;
      this.announcement = sentence;
      this.#reportError('vote', reason);
    }
  }

  // ---- form -------------------------------------------------------------------------

  #openForm(): void {
    this.formOpen = true;
    this.#focusNext = 'idea-title';
  }

  #typeTitle(text: string): void {
    this.#draft.set('title', text);
    this.titleError = false;
    this.submitError = undefined;
    this.#findSimilar(text);
  }

  /**
   * Looks for similar ideas once typing pauses. Each lookup cancels the one before it, so
   * an older, slower answer never replaces the answer to what is typed now.
   */
  #findSimilar(text: string): void {
    clearTimeout(this.#similarTimer);
    this.#similarRequest?.abort();
    const query = text.trim();
    if (textLength(query) < 4 || !this.#backend || !this.board) {
      this.similar = [];
      return;
    }
    const backend = this.#backend;
    const board = this.board;
    this.#similarTimer = setTimeout(() => {
      const request = new AbortController();
      this.#similarRequest = request;
      backend.findSimilarIdeas(board, query.slice(0, 200), { signal: request.signal }).then(
        (ideas) => {
          if (!request.signal.aborted) this.similar = ideas;
        },
        () => {
          if (!request.signal.aborted) this.similar = [];
        },
      );
    }, IDEA_TYPING_DELAY_MS);
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const backend = this.#backend;
    const board = this.board;
    if (!backend || !board || this.submitting) return;
    const title = normalizeUserText(this.#draft.value('title'));
    const length = textLength(title);
    if (length < IDEA_TITLE_LIMITS.min || length > IDEA_TITLE_LIMITS.max) {
      this.titleError = true;
      this.#focusNext = 'idea-title';
      return;
    }
    const body = this.#draft.value('body');
    // The same key for every retry of this text: a post that reached the server before the
    // connection dropped is returned, not created twice.
    const idempotencyKey = this.#draft.submissionKey();
    this.submitting = true;
    this.submitError = undefined;
    this.announcement = t.submitting();
    try {
      const idea = await backend.submitIdea(board, { title, body }, { idempotencyKey });
      this.#draft.clear();
      this.similar = [];
      this.formOpen = false;
      this.#model?.list.insert(idea);
      this.#model?.reloadBoard();
      this.announcement = t.submitted(line(idea.title));
      this.#focusNext = `vote-${idea.id}`;
      emit(this, 'cw-idea-submit', { board, ideaId: idea.id, title: idea.title });
    } catch (error) {
      const reason = toCwError(error);
      this.submitError = reason;
      this.announcement = t.submitFailed(reason.message);
      this.#reportError('submit', reason);
    } finally {
      this.submitting = false;
    }
  }

  // ---- detail -----------------------------------------------------------------------

  #openIdea(id: string, moveFocus = true): void {
    const backend = this.#backend;
    if (!backend) return;
    this.view = 'detail';
    this.detail = { status: 'loading', id };
    this.moderationMessage = undefined;
    this.commentError = undefined;
    this.#commentList?.dispose();
    const comments = new PagedList<IdeaComment>((cursor, signal) =>
      backend.listIdeaComments(id, cursor, { signal }),
    );
    this.#commentList = comments;
    comments.subscribe((state) => (this.comments = state));
    backend.getIdea(id).then(
      (idea) => {
        if (this.detail?.status !== 'loading' || this.detail.id !== id) return;
        this.detail = { status: 'ready', idea };
        if (moveFocus) this.#focusNext = 'detail-heading';
      },
      (error: unknown) => {
        if (this.detail?.status !== 'loading' || this.detail.id !== id) return;
        this.detail = { status: 'error', id, error: toCwError(error) };
      },
    );
  }

  #closeDetail(): void {
    const id =
      this.detail && (this.detail.status === 'ready' ? this.detail.idea.id : this.detail.id);
    this.view = 'list';
    this.detail = undefined;
    this.#commentList?.dispose();
    this.#commentList = undefined;
    this.comments = undefined;
    if (id) this.#focusNext = `title-${id}`;
  }

  async #comment(event: Event, idea: Idea): Promise<void> {
    event.preventDefault();
    const backend = this.#backend;
    const text = normalizeUserText(this.#commentDraft.value('body'));
    if (!backend || this.commenting || text === '') return;
    this.commenting = true;
    this.commentError = undefined;
    try {
      const comment = await backend.commentIdea(idea.id, text, {
        idempotencyKey: this.#commentDraft.submissionKey(),
      });
      this.#commentDraft.clear();
      this.#commentList?.insert(comment, 'last');
      const updated = { ...idea, commentCount: idea.commentCount + 1 };
      if (this.detail?.status === 'ready') this.detail = { status: 'ready', idea: updated };
      this.#model?.updated(updated);
    } catch (error) {
      const reason = toCwError(error);
      this.commentError = reason;
      this.#reportError('comment', reason);
    } finally {
      this.commenting = false;
    }
  }

  async #setStatus(event: Event, idea: Idea): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const status = (form.elements.namedItem('status') as HTMLSelectElement).value as IdeaStatus;
    const note = (form.elements.namedItem('note') as HTMLTextAreaElement).value;
    const backend = this.#backend;
    if (!backend) return;
    try {
      const updated = await backend.setIdeaStatus(idea.id, status, note.trim() ? note : null);
      this.detail = { status: 'ready', idea: updated };
      this.#model?.updated(updated);
      this.#model?.reloadBoard();
      const sentence = t.statusSaved(t.status(updated.status));
      this.moderationMessage = { text: sentence, error: false };
      this.announcement = sentence;
      emit(this, 'cw-idea-status', {
        board: updated.board,
        ideaId: updated.id,
        status: updated.status,
        previous: idea.status,
        note: updated.statusNote,
        mergedInto: null,
      });
    } catch (error) {
      const reason = toCwError(error);
      this.moderationMessage = { text: t.statusFailed(reason.message), error: true };
      this.#reportError('status', reason);
    }
  }

  async #merge(event: Event, idea: Idea): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const into = (form.elements.namedItem('into') as HTMLSelectElement).value;
    const backend = this.#backend;
    if (!backend || !into) return;
    try {
      const survivor = await backend.mergeIdea(idea.id, into, null);
      this.#model?.updated({ ...idea, status: 'duplicate', mergedInto: survivor.id, votes: 0 });
      this.#model?.updated(survivor);
      this.#model?.reloadBoard();
      this.announcement = t.merged(line(survivor.title));
      emit(this, 'cw-idea-status', {
        board: idea.board,
        ideaId: idea.id,
        status: 'duplicate',
        previous: idea.status,
        note: null,
        mergedInto: survivor.id,
      });
      this.#openIdea(idea.id);
    } catch (error) {
      const reason = toCwError(error);
      this.moderationMessage = { text: t.mergeFailed(reason.message), error: true };
      this.#reportError('merge', reason);
    }
  }

  // ---- updates ----------------------------------------------------------------------

  /** Shows the changes and marks them seen; they stay on screen until the visitor leaves. */
  #openUpdates(): void {
    this.shownUpdates = this.updates;
    this.view = 'updates';
    this.#focusNext = 'updates-heading';
    const newest = Math.max(0, ...this.updates.map((update) => update.id));
    if (newest > 0 && this.#backend) {
      this.#backend.markIdeaUpdatesSeen(newest).then(
        (left) => (this.updates = left.filter((update) => update.idea.board === this.board)),
        (error: unknown) => this.#reportError('updates', toCwError(error)),
      );
    }
  }

  #closeUpdates(): void {
    this.view = 'list';
    this.shownUpdates = [];
    this.#focusNext = 'updates-button';
  }

  // ---- rendering --------------------------------------------------------------------

  protected override render() {
    if (this.#client && !this.#backend) {
      return html`<section part="base" aria-labelledby="board-title">
        <h2 id="board-title" part="title" dir="auto">${t.unsupported()}</h2>
      </section>`;
    }
    const boardState = this.#model?.board ?? { status: 'loading' as const };
    const board = this.#board;
    const busy = boardState.status === 'loading' || this.#model?.list.state.status === 'loading';
    return html`<section
      part="base"
      aria-labelledby="board-title"
      aria-busy=${busy ? 'true' : 'false'}
    >
      ${
        boardState.status === 'error'
          ? this.#renderBoardError(boardState.error)
          : html`${this.#renderHeader(board)}
            ${
              this.view === 'updates'
                ? this.#renderUpdates()
                : this.view === 'detail'
                  ? this.#renderDetail(board)
                  : this.#renderListView(board)
            }`
      }
      <span class="visually-hidden" role="status">${this.announcement}</span>
    </section>`;
  }

  #renderBoardError(error: CwError): TemplateResult {
    return html`<h2 id="board-title" part="title" class="visually-hidden">${t.loadFailed()}</h2>
      <p part="error" role="alert" dir="auto">
        ${error.kind === 'not-found' ? t.boardMissing() : t.loadFailed()}
      </p>
      ${
        error.kind === 'not-found'
          ? nothing
          : html`<div class="actions">
              <button type="button" @click=${() => this.#model?.load()}>${t.retry()}</button>
            </div>`
      }`;
  }

  #renderHeader(board: Board | undefined): TemplateResult {
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
              @click=${() => this.#openUpdates()}
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
    if (!this.#signedIn) {
      return html`<p part="sign-in" dir="auto"><slot name="sign-in">${t.signIn()}</slot></p>`;
    }
    if (!board.viewer.canPost) {
      return html`<p part="sign-in" dir="auto">${t.postingClosed()}</p>`;
    }
    if (this.formOpen || this.view !== 'list') return nothing;
    return html`<button
      id="share-button"
      class="primary"
      part="share"
      type="button"
      @click=${() => this.#openForm()}
    >
      ${t.shareIdea()}
    </button>`;
  }

  #renderListView(board: Board | undefined): TemplateResult {
    const model = this.#model;
    const query = model?.query ?? {};
    const list = model?.list.state;
    return html`${
        this.formOpen && board?.viewer.canPost && this.#signedIn ? this.#renderForm() : nothing
      }
      <div part="toolbar" role="search">
        <label
          >${t.search()}
          <input
            part="search"
            type="search"
            maxlength="200"
            .value=${this.searchText}
            @input=${(e: Event) => this.#search((e.target as HTMLInputElement).value)}
        /></label>
        <label
          >${t.sort()}
          <select
            part="sort"
            @change=${(e: Event) =>
              this.#setQuery({ sort: (e.target as HTMLSelectElement).value as IdeaSort })}
          >
            ${(['top', 'new', 'trending'] as const).map(
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
              this.#setQuery({
                status: ((e.target as HTMLSelectElement).value || undefined) as
                  IdeaStatus | undefined,
              })}
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
      </div>
      ${
        this.voteError
          ? html`<p part="error" role="alert" dir="auto">${this.voteError}</p>`
          : nothing
      }
      ${this.#renderList(list, board, Boolean(query.q || query.status))}`;
  }

  #renderList(
    list: PagedListState<Idea> | undefined,
    board: Board | undefined,
    filtered: boolean,
  ): TemplateResult {
    if (!list || list.status === 'loading') {
      return html`<p class="muted" dir="auto">${t.loading()}</p>`;
    }
    if (list.status === 'error') {
      return html`<p part="error" role="alert" dir="auto">${t.loadFailed()}</p>
        <div class="actions">
          <button type="button" @click=${() => this.#model?.list.reload()}>${t.retry()}</button>
        </div>`;
    }
    if (list.items.length === 0) {
      return html`<p class="muted" dir="auto">${filtered ? t.noMatches() : t.empty()}</p>`;
    }
    return html`<ul part="list" aria-labelledby="board-title">
        ${list.items.map((idea) => this.#renderIdea(idea, board))}
      </ul>
      ${
        list.error
          ? html`<p part="error" role="alert" dir="auto">${list.error.message}</p>`
          : nothing
      }
      ${
        list.hasMore
          ? html`<div class="actions">
              <button
                part="load-more"
                type="button"
                ?disabled=${list.loadingMore}
                @click=${() => this.#model?.list.loadMore()}
              >
                ${list.loadingMore ? t.loadingMore() : t.loadMore()}
              </button>
            </div>`
          : nothing
      }`;
  }

  #renderIdea(idea: Idea, board: Board | undefined): TemplateResult {
    return html`<li part="idea">
      ${this.#renderVote(idea, board)}
      <div class="idea-main">
        <button
          id="title-${idea.id}"
          part="idea-title"
          type="button"
          dir="auto"
          @click=${() => this.#openIdea(idea.id)}
        >
          ${line(idea.title)}
        </button>
        <div class="meta">
          ${this.#renderStatus(idea.status)}
          <span dir="auto">${t.comments(this.locale, idea.commentCount)}</span>
        </div>
      </div>
    </li>`;
  }

  #renderVote(idea: Idea, board: Board | undefined): TemplateResult {
    const count = html`<svg class="arrow" viewBox="0 0 10 10" aria-hidden="true">
        <path d="M5 1l4 6H1z" /></svg
      ><span dir="auto">${t.votes(this.locale, idea.votes)}</span>`;
    if (!this.#signedIn || !board) return html`<div class="vote-count">${count}</div>`;
    const closed = CLOSED.includes(idea.status) || idea.mergedInto !== null;
    const spent = !idea.viewerVoted && board.viewer.votesLeft === 0;
    // The visible count starts the button's name, the idea's title completes it.
    return html`<button
      id="vote-${idea.id}"
      part="vote"
      type="button"
      aria-pressed=${idea.viewerVoted ? 'true' : 'false'}
      aria-disabled=${spent ? 'true' : 'false'}
      ?disabled=${closed && !idea.viewerVoted}
      @click=${() => this.#vote(idea)}
    >
      ${count}<span class="visually-hidden"
        >${closed && !idea.viewerVoted ? t.voteClosed(line(idea.title)) : t.voteFor(line(idea.title))}</span
      >
    </button>`;
  }

  #renderStatus(status: IdeaStatus): TemplateResult {
    return html`<span part="status status-${status}" dir="auto">${t.status(status)}</span>`;
  }

  #renderForm(): TemplateResult {
    const { min, max } = IDEA_TITLE_LIMITS;
    return html`<form part="form" @submit=${(e: Event) => this.#submit(e)} novalidate>
      <h3 dir="auto">${t.formTitle()}</h3>
      <div class="field">
        <label for="idea-title">${t.titleLabel()}</label>
        <input
          id="idea-title"
          name="title"
          dir="auto"
          autocomplete="off"
          aria-describedby="idea-title-hint"
          aria-invalid=${this.titleError ? 'true' : 'false'}
          .value=${this.#draft.value('title')}
          @input=${(e: Event) => this.#typeTitle((e.target as HTMLInputElement).value)}
        />
        <p id="idea-title-hint" class=${this.titleError ? '' : 'muted'} dir="auto">
          ${this.titleError ? t.titleInvalid(min, max) : t.titleHint(min, max)}
        </p>
      </div>
      <div part="similar" aria-live="polite">${this.#renderSimilar()}</div>
      <div class="field">
        <label for="idea-body">${t.bodyLabel()}</label>
        <textarea
          id="idea-body"
          name="body"
          dir="auto"
          .value=${this.#draft.value('body')}
          @input=${(e: Event) => {
            this.#draft.set('body', (e.target as HTMLTextAreaElement).value);
            this.submitError = undefined;
          }}
        ></textarea>
      </div>
      ${
        this.submitError
          ? html`<p part="error" role="alert" dir="auto">
              ${t.submitFailed(this.submitError.message)}
            </p>`
          : nothing
      }
      <div class="actions">
        <button class="primary" part="submit" type="submit" ?disabled=${this.submitting}>
          ${this.submitting ? t.submitting() : this.submitError ? t.submitRetry() : t.submit()}
        </button>
        <button
          type="button"
          @click=${() => {
            this.formOpen = false;
            this.#focusNext = 'share-button';
          }}
        >
          ${t.cancel()}
        </button>
      </div>
    </form>`;
  }

  #renderSimilar(): TemplateResult | typeof nothing {
    if (this.similar.length === 0) return nothing;
    return html`<p dir="auto">${t.similarHeading()}</p>
      <ul>
        ${this.similar.map(
          (idea) =>
            html`<li>
              <button
                part="idea-title"
                type="button"
                dir="auto"
                @click=${() => this.#openIdea(idea.id)}
              >
                ${line(idea.title)}</button
              ><span class="muted" dir="auto"> · ${t.votes(this.locale, idea.votes)}</span>
            </li>`,
        )}
      </ul>`;
  }

  #renderDetail(board: Board | undefined): TemplateResult {
    const detail = this.detail;
    const back = html`<div class="actions">
      <button type="button" @click=${() => this.#closeDetail()}>${t.back()}</button>
    </div>`;
    if (!detail || detail.status === 'loading') {
      return html`${back}
        <p class="muted" dir="auto">${t.loading()}</p>`;
    }
    if (detail.status === 'error') {
      return html`${back}
        <p part="error" role="alert" dir="auto">
          ${detail.error.kind === 'not-found' ? detail.error.message : t.loadFailed()}
        </p>`;
    }
    const idea = detail.idea;
    return html`${back}
      <article part="detail" aria-labelledby="detail-heading">
        <div class="idea-main">
          <h3 id="detail-heading" tabindex="-1" dir="auto">${line(idea.title)}</h3>
          <div class="meta">
            ${this.#renderStatus(idea.status)}
            <span dir="auto">${t.by(line(idea.author.name))}</span>
          </div>
        </div>
        ${
          idea.statusNote
            ? html`<div part="note">
                <h4 dir="auto">${t.note()}</h4>
                <div class="user-text">${renderUserText(idea.statusNote)}</div>
              </div>`
            : nothing
        }
        ${
          idea.mergedInto
            ? html`<p dir="auto">${t.mergedInto()}</p>
                <div class="actions">
                  <button type="button" @click=${() => this.#openIdea(idea.mergedInto!)}>
                    ${t.openSurvivor()}
                  </button>
                </div>`
            : nothing
        }
        <div class="user-text">${renderUserText(idea.body)}</div>
        <div class="actions">${this.#renderVote(idea, board)}</div>
        ${
          this.voteError
            ? html`<p part="error" role="alert" dir="auto">${this.voteError}</p>`
            : nothing
        }
        ${this.#renderComments(idea)}
        ${
          this.#isModerator && board?.viewer.canModerate && !idea.mergedInto
            ? this.#renderModeration(idea)
            : nothing
        }
      </article>`;
  }

  #renderComments(idea: Idea): TemplateResult {
    const state = this.comments;
    let list: TemplateResult;
    if (!state || state.status === 'loading') {
      list = html`<p class="muted" dir="auto">${t.loading()}</p>`;
    } else if (state.status === 'error') {
      list = html`<p part="error" role="alert" dir="auto">${t.commentsFailed()}</p>`;
    } else if (state.items.length === 0) {
      list = html`<p class="muted" dir="auto">${t.noComments()}</p>`;
    } else {
      list = html`<ul part="comments">
          ${state.items.map(
            (comment) =>
              html`<li>
                <div class="meta">
                  <span dir="auto">${line(comment.author.name)}</span>
                  ${comment.official ? html`<span class="badge">${t.official()}</span>` : nothing}
                </div>
                <div class="user-text">${renderUserText(comment.body)}</div>
              </li>`,
          )}
        </ul>
        ${
          state.hasMore
            ? html`<div class="actions">
                <button
                  part="load-more"
                  type="button"
                  @click=${() => this.#commentList?.loadMore()}
                >
                  ${t.moreComments()}
                </button>
              </div>`
            : nothing
        }`;
    }
    return html`<section aria-labelledby="comments-heading">
      <h4 id="comments-heading" dir="auto">${t.commentsHeading()}</h4>
      ${list}
      ${
        this.#signedIn
          ? html`<form part="comment-form" @submit=${(e: Event) => this.#comment(e, idea)}>
              <div class="field">
                <label for="comment-body">${t.commentLabel()}</label>
                <textarea
                  id="comment-body"
                  dir="auto"
                  .value=${this.#commentDraft.value('body')}
                  @input=${(e: Event) =>
                    this.#commentDraft.set('body', (e.target as HTMLTextAreaElement).value)}
                ></textarea>
              </div>
              ${
                this.commentError
                  ? html`<p part="error" role="alert" dir="auto">
                      ${t.commentFailed(this.commentError.message)}
                    </p>`
                  : nothing
              }
              <div class="actions">
                <button type="submit" ?disabled=${this.commenting}>${t.commentSubmit()}</button>
              </div>
            </form>`
          : nothing
      }
    </section>`;
  }

  #renderModeration(idea: Idea): TemplateResult {
    const candidates = (this.#model?.list.state.items ?? []).filter(
      (other) => other.id !== idea.id && other.mergedInto === null,
    );
    const message = this.moderationMessage;
    return html`<section part="moderation" aria-labelledby="moderation-heading">
      <h4 id="moderation-heading" dir="auto">${t.moderation()}</h4>
      <form @submit=${(e: Event) => this.#setStatus(e, idea)}>
        <div class="actions">
          <label
            >${t.newStatus()}
            <select id="status-select" name="status">
              ${IDEA_STATUS_VALUES.filter((status) => status !== 'duplicate').map(
                (status) =>
                  html`<option value=${status} ?selected=${idea.status === status}>
                    ${t.status(status)}
                  </option>`,
              )}
            </select></label
          >
        </div>
        <div class="field">
          <label for="status-note">${t.publicNote()}</label>
          <textarea
            id="status-note"
            name="note"
            dir="auto"
            maxlength="1000"
            .value=${idea.statusNote ?? ''}
          ></textarea>
        </div>
        <div class="actions">
          <button id="save-status" type="submit">${t.saveStatus()}</button>
        </div>
      </form>
      ${
        candidates.length > 0
          ? html`<form @submit=${(e: Event) => this.#merge(e, idea)}>
              <div class="actions">
                <label
                  >${t.mergeInto()}
                  <select name="into">
                    <option value="">${t.mergeChoose()}</option>
                    ${candidates.map(
                      (other) => html`<option value=${other.id}>${line(other.title)}</option>`,
                    )}
                  </select></label
                >
                <button type="submit">${t.merge()}</button>
              </div>
            </form>`
          : nothing
      }
      ${
        message
          ? html`<p
              part=${message.error ? 'error' : 'note'}
              role=${message.error ? 'alert' : 'status'}
              dir="auto"
            >
              ${message.text}
            </p>`
          : nothing
      }
    </section>`;
  }

  #renderUpdates(): TemplateResult {
    return html`<section aria-labelledby="updates-heading">
      <h3 id="updates-heading" tabindex="-1" dir="auto">${t.updatesHeading()}</h3>
      ${
        this.shownUpdates.length === 0
          ? html`<p class="muted" dir="auto">${t.updatesEmpty()}</p>`
          : html`<ul part="updates">
              ${this.shownUpdates.map(
                (update) =>
                  html`<li>
                    <p dir="auto">${t.update(line(update.idea.title), t.status(update.status))}</p>
                    ${
                      update.note
                        ? html`<div class="user-text muted">${renderUserText(update.note)}</div>`
                        : nothing
                    }
                    <button
                      part="idea-title"
                      type="button"
                      dir="auto"
                      @click=${() => this.#openIdea(update.idea.mergedInto ?? update.idea.id)}
                    >
                      ${line(update.idea.title)}
                    </button>
                  </li>`,
              )}
            </ul>`
      }
      <div class="actions">
        <button type="button" @click=${() => this.#closeUpdates()}>${t.updatesDone()}</button>
      </div>
    </section>`;
  }
}
