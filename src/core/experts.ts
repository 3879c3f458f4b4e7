import type { components } from '../../api/contract.js';
import type { CommunityBackend, CreateOptions, RequestOptions } from './backend.js';
import { createBatcher } from './batcher.js';
import type { CommunityClient } from './client.js';
import { toCwError, type CwError } from './errors.js';
import type { PageResult } from './paged-list.js';
import { RestBackend } from './rest-backend.js';
import { RestExpertsBackend } from './rest-experts.js';

type Schemas = components['schemas'];

export type UserProfile = Schemas['UserProfile'];
export type TopicExpertise = Schemas['TopicExpertise'];
export type Expert = Schemas['Expert'];
export type TopicSummary = Schemas['TopicSummary'];
export type Invitation = Schemas['Invitation'];
export type ReputationLevel = Schemas['ReputationLevel'];
export type Badge = Schemas['Badge'];

export interface ExpertQuery {
  topic?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/**
 * The people operations of the contract (`/users`, `/experts`, `/topics`, endorsements,
 * invitations). `RestBackend` serves them through `RestExpertsBackend`; a site's own
 * backend serves them by implementing these methods.
 */
export interface ExpertsBackend {
  /** Profiles of up to 100 people, one per distinct id. */
  getUserProfiles(ids: string[], options?: RequestOptions): Promise<UserProfile[]>;
  listExperts(query: ExpertQuery, options?: RequestOptions): Promise<PageResult<Expert>>;
  listTopics(options?: RequestOptions): Promise<TopicSummary[]>;
  setEndorsement(
    userId: string,
    topic: string,
    endorsed: boolean,
    options?: RequestOptions,
  ): Promise<TopicExpertise>;
  inviteToAnswer(questionId: string, userId: string, options?: CreateOptions): Promise<Invitation>;
  listInvitations(
    cursor: string | undefined,
    options?: RequestOptions,
  ): Promise<PageResult<Invitation>>;
}

function servesExperts(backend: object): backend is ExpertsBackend {
  return typeof (backend as Partial<ExpertsBackend>).getUserProfiles === 'function';
}

const expertBackends = new WeakMap<CommunityBackend, ExpertsBackend | null>();

/**
 * The people part of `backend`: its own methods when it has them, the REST routes when it is
 * the REST adapter, or null when it serves none (a ratings-only backend).
 */
export function expertsBackend(backend: CommunityBackend): ExpertsBackend | null {
  let found = expertBackends.get(backend);
  if (found === undefined) {
    found = servesExperts(backend)
      ? backend
      : backend instanceof RestBackend
        ? new RestExpertsBackend(backend)
        : null;
    expertBackends.set(backend, found);
  }
  return found;
}

/** What a widget knows about one person at a moment. */
export type ProfileState =
  | { status: 'loading' }
  | { status: 'ready'; profile: UserProfile }
  | { status: 'error'; error: CwError };

export type ProfileListener = (state: ProfileState) => void;

interface Entry {
  state: ProfileState;
  listeners: Set<ProfileListener>;
  /** The viewer's endorsements on their way to the server, by topic. */
  pending: Map<string, boolean>;
  /** The store's settle count at this person's last settled endorsement (0: none yet). */
  settledAt: number;
}

const newEntry = (state: ProfileState): Entry => ({
  state,
  listeners: new Set(),
  pending: new Map(),
  settledAt: 0,
});

/**
 * The shared cache of profiles for one client: every badge, list and answer on a page asks
 * here, and the asks of one task go out as one `GET /users` (the core batcher, 100 a call).
 */
export class ProfilesStore {
  readonly backend: ExpertsBackend;
  readonly #entries = new Map<string, Entry>();
  readonly #load: (id: string) => Promise<UserProfile>;
  #topics: Promise<TopicSummary[]> | undefined;
  /**
   * Endorsements settled on this page so far: a load that went out at count n predates one
   * of a person whose `settledAt` is past n.
   */
  #settled = 0;

  constructor(backend: ExpertsBackend) {
    this.backend = backend;
    this.#load = createBatcher(async (ids: string[]) => {
      const profiles = await backend.getUserProfiles(ids);
      return new Map(profiles.map((profile) => [profile.id, profile]));
    });
  }

  /**
   * The community's topics with experts, most people first: asked once per page, whoever
   * asks (a failed ask is forgotten, so the next one tries again).
   */
  topics(): Promise<TopicSummary[]> {
    if (!this.#topics) {
      const asked = this.backend.listTopics();
      this.#topics = asked;
      asked.catch(() => {
        if (this.#topics === asked) this.#topics = undefined;
      });
    }
    return this.#topics;
  }

  /** Calls `listener` now and on every change; loads the person on first interest. */
  subscribe(id: string, listener: ProfileListener): () => void {
    let entry = this.#entries.get(id);
    if (!entry) {
      entry = newEntry({ status: 'loading' });
      this.#entries.set(id, entry);
      this.#fetch(id, entry);
    }
    entry.listeners.add(listener);
    listener(entry.state);
    return () => entry.listeners.delete(listener);
  }

  /** The current state, without starting a load. */
  peek(id: string): ProfileState {
    return this.#entries.get(id)?.state ?? { status: 'loading' };
  }

  /** Loads everyone again (the viewer changed, so `endorsedByViewer` did too). */
  reloadAll(): void {
    for (const [id, entry] of this.#entries) this.#fetch(id, entry);
  }

  /** Loads one person again (after an error). */
  reload(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#set(entry, { status: 'loading' });
    this.#fetch(id, entry);
  }

  /**
   * A page of the expert directory. Its people join the cache, sparing a load each; someone
   * whose endorsement settled while the page was out is loaded again instead, as the page
   * may have read them before it.
   */
  async listExperts(query: ExpertQuery, options?: RequestOptions): Promise<PageResult<Expert>> {
    const sent = this.#settled;
    const page = await this.backend.listExperts(query, options);
    for (const { user } of page.items) {
      const entry = this.#entries.get(user.id);
      if (!entry) this.#entries.set(user.id, newEntry({ status: 'ready', profile: user }));
      else if (entry.settledAt > sent) this.#fetch(user.id, entry);
      else this.#set(entry, { status: 'ready', profile: withPending(user, entry) });
    }
    return page;
  }

  /**
   * Sets or withdraws the viewer's endorsement. The profile shows it at once and takes the
   * server's answer; a refusal puts it back and rejects with the reason. `known` is the
   * person's standing on a topic outside their five best (the directory's `expertise`).
   */
  async endorse(
    userId: string,
    topic: string,
    endorsed: boolean,
    known?: TopicExpertise,
  ): Promise<TopicExpertise> {
    const entry = this.#entries.get(userId);
    const before = entry?.state.status === 'ready' ? entry.state.profile : undefined;
    entry?.pending.set(topic, endorsed);
    if (entry && before) {
      const base =
        known && !before.topics.some((t) => t.topic === topic)
          ? withExpertise(before, known)
          : before;
      this.#set(entry, { status: 'ready', profile: withEndorsement(base, topic, endorsed) });
    }
    try {
      const expertise = await this.backend.setEndorsement(userId, topic, endorsed);
      const current = entry?.state.status === 'ready' ? entry.state.profile : undefined;
      if (entry && current) {
        this.#set(entry, { status: 'ready', profile: withExpertise(current, expertise) });
      }
      return expertise;
    } catch (error) {
      if (entry && before) this.#set(entry, { status: 'ready', profile: before });
      throw toCwError(error);
    } finally {
      if (entry) {
        entry.pending.delete(topic);
        entry.settledAt = ++this.#settled;
      }
    }
  }

  #fetch(id: string, entry: Entry): void {
    const sent = this.#settled;
    this.#load(id).then(
      (profile) => {
        // The server may have read the person before an endorsement landed: ask again.
        if (entry.settledAt > sent) return this.#fetch(id, entry);
        this.#set(entry, { status: 'ready', profile: withPending(profile, entry) });
      },
      (error: unknown) => {
        if (entry.settledAt > sent) return this.#fetch(id, entry);
        this.#set(entry, { status: 'error', error: toCwError(error) });
      },
    );
  }

  #set(entry: Entry, state: ProfileState): void {
    entry.state = state;
    for (const listener of entry.listeners) listener(state);
  }
}

/** A loaded profile with the viewer's endorsements still on their way shown as done. */
function withPending(profile: UserProfile, entry: Entry): UserProfile {
  let shown = profile;
  for (const [topic, endorsed] of entry.pending) shown = withEndorsement(shown, topic, endorsed);
  return shown;
}

/** The profile as it looks right after the viewer's endorsement, before the server answers. */
function withEndorsement(profile: UserProfile, topic: string, endorsed: boolean): UserProfile {
  const found = profile.topics.find((t) => t.topic === topic);
  if (!found || found.endorsedByViewer === endorsed) return profile;
  const delta = endorsed ? 1 : -1;
  return withExpertise(profile, {
    ...found,
    // The score's endorsement weight is the server's; the count is enough until it answers.
    endorsements: found.endorsements + delta,
    endorsedByViewer: endorsed,
  });
}

function withExpertise(profile: UserProfile, expertise: TopicExpertise): UserProfile {
  const topics = profile.topics.some((t) => t.topic === expertise.topic)
    ? profile.topics.map((t) => (t.topic === expertise.topic ? expertise : t))
    : [...profile.topics, expertise];
  return { ...profile, topics };
}

const stores = new WeakMap<CommunityClient, ProfilesStore | null>();

/**
 * The one profiles cache of `client`, made on first use (null when its backend serves no
 * people operations).
 */
export function expertsFor(client: CommunityClient): ProfilesStore | null {
  let store = stores.get(client);
  if (store === undefined) {
    const backend = expertsBackend(client.backend);
    store = backend ? new ProfilesStore(backend) : null;
    stores.set(client, store);
    if (store) {
      const made = store;
      client.onIdentityChanged(() => made.reloadAll());
    }
  }
  return store;
}
