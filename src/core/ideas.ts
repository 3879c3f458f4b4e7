import type { components } from '../../api/contract.js';
import type { CommunityBackend, CreateOptions, RequestOptions } from './backend.js';
import type { CommunityClient } from './client.js';
import { CwError, toCwError } from './errors.js';
import { OptimisticWrites } from './optimistic.js';
import { PagedList, type PageResult } from './paged-list.js';
import { RestBackend } from './rest-backend.js';
import { RestIdeasBackend } from './rest-ideas.js';

type Schemas = components['schemas'];

/** An idea board and what the viewer may do on it, as `GET /boards/{board}` returns it. */
export type Board = Schemas['Board'];
export type Idea = Schemas['Idea'];
export type IdeaStatus = Schemas['IdeaStatus'];
export type IdeaComment = Schemas['IdeaComment'];
export type IdeaUpdate = Schemas['IdeaUpdate'];
export type IdeaVoteResult = Schemas['IdeaVoteResult'];
export type IdeaInput = Schemas['IdeaInput'];
export type IdeaSort = 'top' | 'new' | 'trending';

export { IDEA_STATUS_VALUES } from '../../api/limits.js';

export interface IdeaListQuery {
  sort?: IdeaSort | undefined;
  status?: IdeaStatus | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/**
 * The idea-board operations of the contract. `RestBackend` serves them through
 * `RestIdeasBackend`; a site's own backend serves them by implementing these methods.
 */
export interface IdeasBackend {
  getBoard(board: string, options?: RequestOptions): Promise<Board>;
  listIdeas(
    board: string,
    query: IdeaListQuery,
    options?: RequestOptions,
  ): Promise<PageResult<Idea>>;
  findSimilarIdeas(board: string, q: string, options?: RequestOptions): Promise<Idea[]>;
  getIdea(id: string, options?: RequestOptions): Promise<Idea>;
  submitIdea(board: string, input: IdeaInput, options?: CreateOptions): Promise<Idea>;
  voteIdea(id: string, voted: boolean, options?: RequestOptions): Promise<IdeaVoteResult>;
  setIdeaStatus(
    id: string,
    status: IdeaStatus,
    note: string | null,
    options?: RequestOptions,
  ): Promise<Idea>;
  mergeIdea(id: string, into: string, note: string | null, options?: RequestOptions): Promise<Idea>;
  listIdeaComments(
    id: string,
    cursor: string | undefined,
    options?: RequestOptions,
  ): Promise<PageResult<IdeaComment>>;
  commentIdea(id: string, body: string, options?: CreateOptions): Promise<IdeaComment>;
  listIdeaUpdates(board: string | undefined, options?: RequestOptions): Promise<IdeaUpdate[]>;
  markIdeaUpdatesSeen(through: number, options?: RequestOptions): Promise<IdeaUpdate[]>;
}

function servesIdeas(backend: object): backend is IdeasBackend {
  return typeof (backend as Partial<IdeasBackend>).getBoard === 'function';
}

const backends = new WeakMap<CommunityBackend, IdeasBackend | null>();

/**
 * The ideas part of `backend`: its own methods when it has them, the REST routes when it is
 * the REST adapter, or null when it serves none (a ratings-only backend).
 */
export function ideasBackend(backend: CommunityBackend): IdeasBackend | null {
  let found = backends.get(backend);
  if (found === undefined) {
    found = servesIdeas(backend)
      ? backend
      : backend instanceof RestBackend
        ? new RestIdeasBackend(backend)
        : null;
    backends.set(backend, found);
  }
  return found;
}

/** What the viewer's vote changes on an idea, before the server confirms. */
export function withIdeaVote(idea: Idea, voted: boolean): Idea {
  if (idea.viewerVoted === voted) return idea;
  return { ...idea, viewerVoted: voted, votes: Math.max(0, idea.votes + (voted ? 1 : -1)) };
}

export type BoardState =
  { status: 'loading' } | { status: 'ready'; board: Board } | { status: 'error'; error: CwError };

/** Called on every change; `changed` is the idea that changed, when one did (a vote). */
export type IdeaBoardListener = (changed?: Idea) => void;

/**
 * One board as a widget shows it: the board (with the viewer's votes left), the current
 * list (a `PagedList` for the chosen sort, status and search), and votes written through
 * `OptimisticWrites`: the count, the viewer's mark and the votes left change at once; votes
 * on one idea go out in order and one superseded before it left is not sent; a refusal shows
 * the last confirmed idea and budget again. The budget is checked before sending, so a vote
 * the board would refuse is never shown as cast.
 */
export class IdeaBoardModel {
  board: BoardState = { status: 'loading' };
  list: PagedList<Idea>;
  readonly #listeners = new Set<IdeaBoardListener>();
  readonly #votes = new OptimisticWrites();
  /** The last version the backend confirmed, per idea: what a rollback shows. */
  readonly #confirmed = new Map<string, Idea>();
  /** Per idea whose shown vote the backend has not confirmed yet: the vote shown. */
  readonly #predicted = new Map<string, boolean>();
  /** Per idea: how many of its votes are still on their way. */
  readonly #inFlight = new Map<string, number>();
  /** The votes left the backend last answered (null: the board has no budget). */
  #confirmedLeft: number | null = null;
  #query: IdeaListQuery = {};
  #boardRequest: AbortController | undefined;
  #stopList: (() => void) | undefined;

  constructor(
    readonly backend: IdeasBackend,
    readonly boardId: string,
  ) {
    this.list = this.#newList();
  }

  subscribe(listener: IdeaBoardListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get query(): IdeaListQuery {
    return this.#query;
  }

  /** Ideas with a vote still on its way. A newer click does not wait for it: it supersedes it. */
  get pendingVotes(): ReadonlySet<string> {
    return new Set(this.#inFlight.keys());
  }

  /** Loads the board and the first page. */
  load(): void {
    this.reloadBoard();
    this.list.reload();
  }

  reloadBoard(): void {
    this.#boardRequest?.abort();
    const request = new AbortController();
    this.#boardRequest = request;
    if (this.board.status !== 'ready') this.#setBoard({ status: 'loading' });
    this.backend.getBoard(this.boardId, { signal: request.signal }).then(
      (board) => {
        if (request.signal.aborted) return;
        // A vote still on its way may or may not be counted in this answer; its own answer
        // brings the budget then.
        if (this.#inFlight.size === 0) this.#confirmedLeft = board.viewer.votesLeft;
        this.#setBoard({ status: 'ready', board });
        this.#showBudget();
      },
      (error: unknown) =>
        !request.signal.aborted && this.#setBoard({ status: 'error', error: toCwError(error) }),
    );
  }

  /** Shows the list for another sort, status or search, from its first page. */
  setQuery(query: IdeaListQuery): void {
    this.#query = query;
    this.#stopList?.();
    this.list.dispose();
    this.list = this.#newList();
    this.#notify();
  }

  /**
   * Turns the viewer's vote on `idea` (as shown) on or off, at once. Resolves true once the
   * backend saved it and it shows, false when a newer vote took over; rejects with a
   * `CwError` after showing the last confirmed idea and budget again.
   */
  async vote(idea: Idea, voted: boolean): Promise<boolean> {
    if (idea.viewerVoted === voted) return true;
    const left = this.#votesLeft();
    if (voted && left !== null && left <= 0) throw new CwError('conflict');
    const id = idea.id;
    if (!this.#confirmed.has(id)) this.#confirmed.set(id, idea);
    this.#inFlight.set(id, (this.#inFlight.get(id) ?? 0) + 1);
    let shown = false;
    try {
      await this.#votes.run(id, {
        predict: () => {
          this.#predicted.set(id, voted);
          this.#show(withIdeaVote(idea, voted));
        },
        send: () => this.backend.voteIdea(id, voted),
        confirm: (result, latest) => {
          this.#confirmed.set(id, result.idea);
          this.#confirmedLeft = result.votesLeft;
          if (latest) this.#predicted.delete(id);
          this.#show(latest ? result.idea : undefined);
          shown = latest;
        },
        rollBack: (error) => {
          this.#predicted.delete(id);
          this.#show(this.#confirmed.get(id) ?? idea);
          // The server knows the budget best (another tab may have spent it).
          if (error.kind === 'conflict') this.reloadBoard();
        },
      });
    } finally {
      const count = (this.#inFlight.get(id) ?? 1) - 1;
      if (count > 0) this.#inFlight.set(id, count);
      else this.#inFlight.delete(id);
      this.#notify();
    }
    return shown;
  }

  /** Shows an idea changed elsewhere (status set, merged, commented). */
  updated(idea: Idea): void {
    this.#confirmed.set(idea.id, idea);
    if (idea.mergedInto !== null && this.#query.status !== 'duplicate') {
      this.list.remove(idea.id);
    } else {
      this.list.replace(idea);
    }
  }

  dispose(): void {
    this.#boardRequest?.abort();
    this.#stopList?.();
    this.list.dispose();
    this.#listeners.clear();
  }

  #newList(): PagedList<Idea> {
    const query = this.#query;
    const list = new PagedList<Idea>(async (cursor, signal) => {
      const page = await this.backend.listIdeas(this.boardId, { ...query, cursor }, { signal });
      for (const idea of page.items) this.#confirmed.set(idea.id, idea);
      return page;
    });
    this.#stopList = list.subscribe(() => this.#notify());
    return list;
  }

  /**
   * The votes left as shown: the backend's last answer, less the votes shown but not yet
   * confirmed (plus those taken back), so votes on several ideas at once add up.
   */
  #votesLeft(): number | null {
    if (this.#confirmedLeft === null) return null;
    let left = this.#confirmedLeft;
    for (const [id, voted] of this.#predicted) {
      const before = this.#confirmed.get(id)?.viewerVoted ?? false;
      left -= Number(voted) - Number(before);
    }
    return left;
  }

  /** Shows `idea` (when given) in the list and to listeners, and the votes left with it. */
  #show(idea: Idea | undefined): void {
    if (idea) this.list.replace(idea);
    this.#showBudget();
    if (idea) this.#notify(idea);
  }

  #showBudget(): void {
    if (this.board.status !== 'ready') return;
    const board = this.board.board;
    const votesLeft = this.#votesLeft();
    if (board.viewer.votesLeft === votesLeft) return;
    this.#setBoard({
      status: 'ready',
      board: { ...board, viewer: { ...board.viewer, votesLeft } },
    });
  }

  #setBoard(state: BoardState): void {
    this.board = state;
    this.#notify();
  }

  #notify(changed?: Idea): void {
    for (const listener of this.#listeners) listener(changed);
  }
}

/** The ideas of one client: its backend's idea operations and a model per board shown. */
export class IdeasStore {
  constructor(readonly backend: IdeasBackend) {}

  /** A model of `board` for one widget (each widget has its own sort, filter and search). */
  board(board: string): IdeaBoardModel {
    return new IdeaBoardModel(this.backend, board);
  }
}

const stores = new WeakMap<CommunityClient, IdeasStore | null>();

/** The one IdeasStore of `client`, made on first use; null when its backend has no ideas. */
export function ideasFor(client: CommunityClient): IdeasStore | null {
  let store = stores.get(client);
  if (store === undefined) {
    const backend = ideasBackend(client.backend);
    store = backend ? new IdeasStore(backend) : null;
    stores.set(client, store);
  }
  return store;
}
