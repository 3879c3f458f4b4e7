import type { components } from '../../api/contract.js';
import type { CommunityBackend, RequestOptions } from './backend.js';
import type { CommunityClient } from './client.js';
import { CwError } from './errors.js';
import type { PageResult } from './paged-list.js';
import { RestBackend, searchParams } from './rest-backend.js';

type Schemas = components['schemas'];
export type ModerationKind = Schemas['ModerationTargetKind'];
export type ModerationTarget = Schemas['ModerationTarget'];
export type ReportReason = Schemas['ReportReason'];
export type ReportReceipt = Schemas['ReportReceipt'];
export type ModerationNote = Schemas['ModerationNote'];
export type ModerationItem = Schemas['ModerationItem'];
export type ModerationAction = Schemas['ModerationAction'];
export type ModerationDecisionResult = Schemas['ModerationDecisionResult'];
export type ModerationLogEntry = Schemas['ModerationLogEntry'];
export type Suspension = Schemas['Suspension'];

export const REPORT_REASONS: readonly ReportReason[] = ['spam', 'abuse', 'off-topic', 'other'];

export interface ModerationQuery {
  kind?: ModerationKind | undefined;
  reason?: ReportReason | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** The moderation part of the port (`/reports`, `/moderation/…`). */
export interface ModerationBackend {
  reportContent(
    input: { target: ModerationTarget; reason: ReportReason; note?: string },
    options?: RequestOptions,
  ): Promise<ReportReceipt>;
  getModerationQueue(
    query: ModerationQuery,
    options?: RequestOptions,
  ): Promise<PageResult<ModerationItem>>;
  decideModeration(
    input: { action: ModerationAction; targets: ModerationTarget[]; reason?: string },
    options?: RequestOptions,
  ): Promise<ModerationDecisionResult>;
  getModerationLog(
    query: { cursor?: string | undefined; limit?: number | undefined },
    options?: RequestOptions,
  ): Promise<PageResult<ModerationLogEntry>>;
  listSuspensions(options?: RequestOptions): Promise<{ items: Suspension[] }>;
  suspendUser(
    userId: string,
    input: { until: string; reason: string },
    options?: RequestOptions,
  ): Promise<Suspension>;
  liftSuspension(userId: string, options?: RequestOptions): Promise<void>;
}

class RestModerationBackend implements ModerationBackend {
  readonly #rest: RestBackend;

  constructor(rest: RestBackend) {
    this.#rest = rest;
  }

  reportContent(
    input: Parameters<ModerationBackend['reportContent']>[0],
    options?: RequestOptions,
  ) {
    return this.#rest.request<ReportReceipt>('POST', '/reports', options, input);
  }

  getModerationQueue(query: ModerationQuery, options?: RequestOptions) {
    const { kind, reason, cursor, limit } = query;
    return this.#rest.request<PageResult<ModerationItem>>(
      'GET',
      `/moderation/queue${searchParams({ kind, reason, cursor, limit })}`,
      options,
    );
  }

  decideModeration(
    input: Parameters<ModerationBackend['decideModeration']>[0],
    options?: RequestOptions,
  ) {
    return this.#rest.request<ModerationDecisionResult>(
      'POST',
      '/moderation/decisions',
      options,
      input,
    );
  }

  getModerationLog(
    query: { cursor?: string | undefined; limit?: number | undefined },
    options?: RequestOptions,
  ) {
    return this.#rest.request<PageResult<ModerationLogEntry>>(
      'GET',
      `/moderation/log${searchParams({ cursor: query.cursor, limit: query.limit })}`,
      options,
    );
  }

  listSuspensions(options?: RequestOptions) {
    return this.#rest.request<{ items: Suspension[] }>('GET', '/moderation/suspensions', options);
  }

  suspendUser(userId: string, input: { until: string; reason: string }, options?: RequestOptions) {
    return this.#rest.request<Suspension>(
      'PUT',
      `/moderation/suspensions/${encodeURIComponent(userId)}`,
      options,
      input,
    );
  }

  async liftSuspension(userId: string, options?: RequestOptions): Promise<void> {
    await this.#rest.request(
      'DELETE',
      `/moderation/suspensions/${encodeURIComponent(userId)}`,
      options,
    );
  }
}

function servesModeration(
  backend: CommunityBackend,
): backend is CommunityBackend & ModerationBackend {
  return typeof (backend as Partial<ModerationBackend>).reportContent === 'function';
}

/**
 * The moderation part of `backend`: its own methods when it has them, the REST routes when
 * it is the REST adapter; otherwise every call fails as not found.
 */
export function moderationBackend(backend: CommunityBackend): ModerationBackend {
  if (servesModeration(backend)) return backend;
  if (backend instanceof RestBackend) return new RestModerationBackend(backend);
  const unsupported = () => Promise.reject(new CwError('not-found', { status: 404 }));
  return new Proxy({} as ModerationBackend, { get: () => unsupported });
}

/**
 * Reports and decisions for `client`. A decision changes what everyone sees, so the client's
 * lists reload afterwards (`contentModerated`), as they do when the viewer changes.
 */
export class ModerationClient {
  readonly backend: ModerationBackend;
  readonly #client: CommunityClient;

  constructor(client: CommunityClient) {
    this.#client = client;
    this.backend = moderationBackend(client.backend);
  }

  report(target: ModerationTarget, reason: ReportReason, note?: string): Promise<ReportReceipt> {
    return this.backend.reportContent({ target, reason, ...(note ? { note } : {}) });
  }

  async decide(
    action: ModerationAction,
    targets: ModerationTarget[],
    reason?: string,
  ): Promise<ModerationDecisionResult> {
    const result = await this.backend.decideModeration({
      action,
      targets,
      ...(reason ? { reason } : {}),
    });
    this.#client.contentModerated();
    return result;
  }
}

const clients = new WeakMap<CommunityClient, ModerationClient>();

/** The one ModerationClient of `client`, made on first use. */
export function moderationFor(client: CommunityClient): ModerationClient {
  let found = clients.get(client);
  if (!found) clients.set(client, (found = new ModerationClient(client)));
  return found;
}
