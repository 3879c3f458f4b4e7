import type { components } from '../../api/contract.js';
import { insightCsv, type InsightKind } from '../../api/shared/insight-csv.js';
import type { CommunityBackend, RequestOptions } from './backend.js';
import type { CommunityClient } from './client.js';
import { CwError } from './errors.js';
import { RestBackend, searchParams } from './rest-backend.js';

type Schemas = components['schemas'];
export type { InsightKind };
export type RatingInsights = Schemas['RatingInsights'];
export type QuestionInsights = Schemas['QuestionInsights'];
export type IdeaInsights = Schemas['IdeaInsights'];
export type ExpertInsights = Schemas['ExpertInsights'];
export type ParticipationInsights = Schemas['ParticipationInsights'];

export interface InsightResults {
  ratings: RatingInsights;
  questions: QuestionInsights;
  ideas: IdeaInsights;
  experts: ExpertInsights;
  participation: ParticipationInsights;
}

export const INSIGHT_KINDS: readonly InsightKind[] = [
  'ratings',
  'questions',
  'ideas',
  'experts',
  'participation',
];

/** A period (`YYYY-MM-DD`, inclusive) and a scope (`subject:…`, `board:…`, `topic:…`). */
export interface InsightQuery {
  from?: string | undefined;
  to?: string | undefined;
  scope?: string | undefined;
}

/** The insights part of the port (`/insights/…`, moderators and analysts). */
export interface InsightsBackend {
  getInsights<K extends InsightKind>(
    kind: K,
    query: InsightQuery,
    options?: RequestOptions,
  ): Promise<InsightResults[K]>;
}

class RestInsightsBackend implements InsightsBackend {
  readonly #rest: RestBackend;

  constructor(rest: RestBackend) {
    this.#rest = rest;
  }

  getInsights<K extends InsightKind>(kind: K, query: InsightQuery, options?: RequestOptions) {
    return this.#rest.request<InsightResults[K]>(
      'GET',
      `/insights/${kind}${searchParams({ from: query.from, to: query.to, scope: query.scope })}`,
      options,
    );
  }
}

function servesInsights(backend: CommunityBackend): backend is CommunityBackend & InsightsBackend {
  return typeof (backend as Partial<InsightsBackend>).getInsights === 'function';
}

/**
 * The insights part of `backend`: its own method when it has one, the REST routes when it is
 * the REST adapter; otherwise every call fails as not found.
 */
export function insightsBackend(backend: CommunityBackend): InsightsBackend {
  if (servesInsights(backend)) return backend;
  if (backend instanceof RestBackend) return new RestInsightsBackend(backend);
  return { getInsights: () => Promise.reject(new CwError('not-found', { status: 404 })) };
}

/** Every insight of one period and scope, read at once. */
export type InsightSet = { [K in InsightKind]: InsightResults[K] };

/**
 * Reads the dashboard's figures. The CSV of an insight is written from the figures already
 * read, with the same table the server answers for `Accept: text/csv`, so an export needs
 * no second request and always matches what is on screen.
 */
export class InsightsClient {
  readonly backend: InsightsBackend;

  constructor(client: CommunityClient) {
    this.backend = insightsBackend(client.backend);
  }

  async readAll(query: InsightQuery, signal?: AbortSignal): Promise<InsightSet> {
    const options = signal ? { signal } : {};
    // A scope names one kind of place; insights that cannot take it read the whole community.
    const scoped = (kind: InsightKind): InsightQuery =>
      query.scope && SCOPE_KINDS[kind].some((prefix) => query.scope!.startsWith(`${prefix}:`))
        ? query
        : { ...query, scope: undefined };
    const [ratings, questions, ideas, experts, participation] = await Promise.all([
      this.backend.getInsights('ratings', scoped('ratings'), options),
      this.backend.getInsights('questions', scoped('questions'), options),
      this.backend.getInsights('ideas', scoped('ideas'), options),
      this.backend.getInsights('experts', scoped('experts'), options),
      this.backend.getInsights('participation', scoped('participation'), options),
    ]);
    return { ratings, questions, ideas, experts, participation };
  }

  csv(kind: InsightKind, result: InsightResults[InsightKind]): string {
    return insightCsv(kind, result);
  }
}

/** Which scopes each insight takes (the contract's descriptions say the same). */
export const SCOPE_KINDS: Record<InsightKind, readonly string[]> = {
  ratings: ['subject'],
  questions: ['subject', 'topic'],
  ideas: ['board'],
  experts: ['topic'],
  participation: ['subject', 'board'],
};

const clients = new WeakMap<CommunityClient, InsightsClient>();

/** The one InsightsClient of `client`, made on first use. */
export function insightsFor(client: CommunityClient): InsightsClient {
  let found = clients.get(client);
  if (!found) clients.set(client, (found = new InsightsClient(client)));
  return found;
}
