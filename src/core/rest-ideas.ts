import type { CreateOptions, RequestOptions } from './backend.js';
import type {
  Board,
  Idea,
  IdeaComment,
  IdeaInput,
  IdeaListQuery,
  IdeasBackend,
  IdeaStatus,
  IdeaUpdate,
  IdeaVoteResult,
} from './ideas.js';
import type { PageResult } from './paged-list.js';
import { searchParams, type RestBackend } from './rest-backend.js';

const path = encodeURIComponent;

/** The idea-board routes of api/openapi.yaml, over a `RestBackend`'s requests. */
export class RestIdeasBackend implements IdeasBackend {
  readonly #rest: RestBackend;

  constructor(rest: RestBackend) {
    this.#rest = rest;
  }

  getBoard(board: string, options?: RequestOptions): Promise<Board> {
    return this.#rest.request('GET', `/boards/${path(board)}`, options);
  }

  listIdeas(
    board: string,
    { sort, status, q, cursor, limit }: IdeaListQuery,
    options?: RequestOptions,
  ): Promise<PageResult<Idea>> {
    const query = searchParams({ sort, status, q, cursor, limit });
    return this.#rest.request('GET', `/boards/${path(board)}/ideas${query}`, options);
  }

  async findSimilarIdeas(board: string, q: string, options?: RequestOptions): Promise<Idea[]> {
    const list = await this.#rest.request<{ items: Idea[] }>(
      'GET',
      `/boards/${path(board)}/ideas/similar${searchParams({ q })}`,
      options,
    );
    return list.items;
  }

  getIdea(id: string, options?: RequestOptions): Promise<Idea> {
    return this.#rest.request('GET', `/ideas/${path(id)}`, options);
  }

  submitIdea(board: string, input: IdeaInput, options?: CreateOptions): Promise<Idea> {
    return this.#rest.request('POST', `/boards/${path(board)}/ideas`, options, input);
  }

  voteIdea(id: string, voted: boolean, options?: RequestOptions): Promise<IdeaVoteResult> {
    return this.#rest.request('PUT', `/ideas/${path(id)}/vote`, options, { voted });
  }

  setIdeaStatus(
    id: string,
    status: IdeaStatus,
    note: string | null,
    options?: RequestOptions,
  ): Promise<Idea> {
    return this.#rest.request('PATCH', `/ideas/${path(id)}`, options, { status, note });
  }

  mergeIdea(
    id: string,
    into: string,
    note: string | null,
    options?: RequestOptions,
  ): Promise<Idea> {
    return this.#rest.request('POST', `/ideas/${path(id)}/merge`, options, { into, note });
  }

  listIdeaComments(
    id: string,
    cursor: string | undefined,
    options?: RequestOptions,
  ): Promise<PageResult<IdeaComment>> {
    return this.#rest.request(
      'GET',
      `/ideas/${path(id)}/comments${searchParams({ cursor })}`,
      options,
    );
  }

  commentIdea(id: string, body: string, options?: CreateOptions): Promise<IdeaComment> {
    return this.#rest.request('POST', `/ideas/${path(id)}/comments`, options, { body });
  }

  async listIdeaUpdates(
    board: string | undefined,
    options?: RequestOptions,
  ): Promise<IdeaUpdate[]> {
    const list = await this.#rest.request<{ items: IdeaUpdate[] }>(
      'GET',
      `/me/ideas/updates${searchParams({ board })}`,
      options,
    );
    return list.items;
  }

  async markIdeaUpdatesSeen(through: number, options?: RequestOptions): Promise<IdeaUpdate[]> {
    const list = await this.#rest.request<{ items: IdeaUpdate[] }>(
      'PUT',
      '/me/ideas/updates/seen',
      options,
      { through },
    );
    return list.items;
  }
}
