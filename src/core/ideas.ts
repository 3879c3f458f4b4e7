import type { components } from '../../api/contract.js';
import type { CommunityBackend, CreateOptions, RequestOptions } from './backend.js';
import type { CommunityClient } from './client.js';
import { CwError, toCwError } from './errors.js';
import { PagedList, type PageResult } from './paged-list.js';
import { RestBackend, searchParams } from './rest-backend.js';

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
 * `restIdeaBackend`; a site's own backend serves them by implementing these methods.
 */
export interface IdeaBackend {
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

const path = encodeURIComponent;

/** The idea operations over the REST contract, through `rest`'s requests. */
export function restIdeaBackend(rest: RestBackend): IdeaBackend {
  return {
    getBoard: (board, options) => rest.request('GET', `/boards/${path(board)}`, options),
    listIdeas: (board, { sort, status, q, cursor, limit }, options) =>
      rest.request(
        'GET',
        `/boards/${path(board)}/ideas${searchParams({ sort, status, q, cursor, limit })}`,
        options,
      ),
    findSimilarIdeas: async (board, q, options) =>
      (
        await rest.request<{ items: Idea[] }>(
          'GET',
          `/boards/${path(board)}/ideas/similar${searchParams({ q })}`,
          options,
        )
      ).items,
    getIdea: (id, options) => rest.request('GET', `/ideas/${path(id)}`, options),
    submitIdea: (board, input, options) =>
      rest.request('POST', `/boards/${path(board)}/ideas`, options, input),
    voteIdea: (id, voted, options) =>
      rest.request('PUT', `/ideas/${path(id)}/vote`, options, { voted }),
    setIdeaStatus: (id, status, note, options) =>
      rest.request('PATCH', `/ideas/${path(id)}`, options, { status, note }),
    mergeIdea: (id, into, note, options) =>
      rest.request('POST', `/ideas/${path(id)}/merge`, options, { into, note }),
    listIdeaComments: (id, cursor, options) =>
      rest.request('GET', `/ideas/${path(id)}/comments${searchParams({ cursor })}`, options),
    commentIdea: (id, body, options) =>
      rest.request('POST', `/ideas/${path(id)}/comments`, options, { body }),
    listIdeaUpdates: async (board, options) =>
      (
        await rest.request<{ items: IdeaUpdate[] }>(
          'GET',
          `/me/ideas/updates${searchParams({ board })}`,
          options,
        )
      ).items,
    markIdeaUpdatesSeen: async (through, options) =>
      (
        await rest.request<{ items: IdeaUpdate[] }>('PUT', '/me/ideas/updates/seen', options, {
          through,
        })
      ).items,
  };
}

function isIdeaBackend(backend: unknown): backend is IdeaBackend {
  return typeof (backend as Partial<IdeaBackend>).getBoard === 'function';
}

const ideaBackends = new WeakMap<CommunityBackend, IdeaBackend | null>();

/** The idea operations of `backend`, or null when it serves none (a ratings-only backend). */
export function ideaBackendOf(backend: CommunityBackend): IdeaBackend | null {
  let found = ideaBackends.get(backend);
  if (found === undefined) {
    found = isIdeaBackend(backend)
      ? backend
      : backend instanceof RestBackend
        ? restIdeaBackend(backend)
        : null;
    ideaBackends.set(backend, found);
  }
  return found;
}

export type BoardState =
  { status: 'loading' } | { status: 'ready'; board: Board } | { status: 'error'; error: CwError };

export type IdeaBoardListener = () => void;

/**
 * One board as a widget shows it: the board (with the viewer's votes left), the current
 * list (a `PagedList` for the chosen sort, status and search), and votes written
 * optimistically: the count, the viewer's mark and the votes left change at once and roll
 * back when the server refuses. The budget is checked before sending, so a vote the board
 * would refuse is never shown as cast.
 */
export class IdeaBoardModel {
  board: BoardState = { status: 'loading' };
  list: PagedList<Idea>;
  /** Ideas with a vote on its way, so a second click waits for the first. */
  readonly pendingVotes = new Set<string>();
  readonly #listeners = new Set<IdeaBoardListener>();
  #query: IdeaListQuery = {};
  #boardRequest: AbortController | undefined;
  #stopList: (() => void) | undefined;

  constructor(
    readonly backend: IdeaBackend,
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
      (board) => !request.signal.aborted && this.#setBoard({ status: 'ready', board }),
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
   * Turns the viewer's vote on `idea` on or off. Resolves with the server's idea; rejects
   * with a `CwError` after putting everything back as it was.
   */
  async vote(idea: Idea, voted: boolean): Promise<Idea> {
    if (idea.viewerVoted === voted) return idea;
    const board = this.board.status === 'ready' ? this.board.board : undefined;
    const votesLeft = board?.viewer.votesLeft ?? null;
    if (voted && votesLeft !== null && votesLeft <= 0) {
      throw new CwError('conflict');
    }
    this.pendingVotes.add(idea.id);
    const optimistic: Idea = {
      ...idea,
      viewerVoted: voted,
      votes: Math.max(0, idea.votes + (voted ? 1 : -1)),
    };
    this.list.replace(optimistic);
    if (board && votesLeft !== null) this.#setVotesLeft(board, votesLeft + (voted ? -1 : 1));
    try {
      const result = await this.backend.voteIdea(idea.id, voted);
      this.list.replace(result.idea);
      const current = this.board.status === 'ready' ? this.board.board : undefined;
      if (current) this.#setVotesLeft(current, result.votesLeft);
      return result.idea;
    } catch (error) {
      this.list.replace(idea);
      const current = this.board.status === 'ready' ? this.board.board : undefined;
      if (current && votesLeft !== null) this.#setVotesLeft(current, votesLeft);
      // The server knows the budget best (another tab may have spent it).
      if (toCwError(error).kind === 'conflict') this.reloadBoard();
      throw toCwError(error);
    } finally {
      this.pendingVotes.delete(idea.id);
      this.#notify();
    }
  }

  /** Shows an idea changed elsewhere (status set, merged, commented). */
  updated(idea: Idea): void {
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
    const list = new PagedList<Idea>((cursor, signal) =>
      this.backend.listIdeas(this.boardId, { ...query, cursor }, { signal }),
    );
    this.#stopList = list.subscribe(() => this.#notify());
    return list;
  }

  #setVotesLeft(board: Board, votesLeft: number | null): void {
    this.#setBoard({
      status: 'ready',
      board: { ...board, viewer: { ...board.viewer, votesLeft } },
    });
  }

  #setBoard(state: BoardState): void {
    this.board = state;
    this.#notify();
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

/** The idea operations for a widget's client, or null when its backend has none. */
export function ideasOf(client: CommunityClient): IdeaBackend | null {
  return ideaBackendOf(client.backend);
}
