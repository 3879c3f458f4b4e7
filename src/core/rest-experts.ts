import type { CreateOptions, RequestOptions } from './backend.js';
import type {
  Expert,
  ExpertQuery,
  ExpertsBackend,
  Invitation,
  TopicExpertise,
  TopicSummary,
  UserProfile,
} from './experts.js';
import type { PageResult } from './paged-list.js';
import { searchParams, type RestBackend } from './rest-backend.js';

const path = encodeURIComponent;

/** The people routes of api/openapi.yaml, over a `RestBackend`'s requests. */
export class RestExpertsBackend implements ExpertsBackend {
  readonly #rest: RestBackend;

  constructor(rest: RestBackend) {
    this.#rest = rest;
  }

  async getUserProfiles(ids: string[], options?: RequestOptions): Promise<UserProfile[]> {
    const list = await this.#rest.request<{ items: UserProfile[] }>(
      'GET',
      `/users${searchParams({ ids: ids.join(',') })}`,
      options,
    );
    return list.items;
  }

  listExperts(
    { topic, cursor, limit }: ExpertQuery,
    options?: RequestOptions,
  ): Promise<PageResult<Expert>> {
    return this.#rest.request('GET', `/experts${searchParams({ topic, cursor, limit })}`, options);
  }

  async listTopics(options?: RequestOptions): Promise<TopicSummary[]> {
    return (await this.#rest.request<{ items: TopicSummary[] }>('GET', '/topics', options)).items;
  }

  setEndorsement(
    userId: string,
    topic: string,
    endorsed: boolean,
    options?: RequestOptions,
  ): Promise<TopicExpertise> {
    return this.#rest.request(
      endorsed ? 'PUT' : 'DELETE',
      `/users/${path(userId)}/endorsements/${path(topic)}`,
      options,
    );
  }

  inviteToAnswer(questionId: string, userId: string, options?: CreateOptions): Promise<Invitation> {
    return this.#rest.request('POST', `/questions/${path(questionId)}/invitations`, options, {
      userId,
    });
  }

  listInvitations(
    cursor: string | undefined,
    options?: RequestOptions,
  ): Promise<PageResult<Invitation>> {
    return this.#rest.request('GET', `/me/invitations${searchParams({ cursor })}`, options);
  }
}
