import type { CommunityBackend } from './backend.js';
import { RatingsStore } from './ratings.js';
import { ViewerStore } from './viewer.js';

/** The per-backend engine: one cache and one batcher per kind of data, shared by all widgets. */
export class CommunityClient {
  readonly viewer: ViewerStore;
  readonly ratings: RatingsStore;
  readonly #identityListeners = new Set<() => void>();

  constructor(readonly backend: CommunityBackend) {
    this.viewer = new ViewerStore(backend);
    this.ratings = new RatingsStore(backend);
  }

  /**
   * Calls `listener` whenever the viewer changes, so stores that widgets add on demand
   * (questions, later reviews and ideas) reload what depends on the viewer.
   */
  onIdentityChanged(listener: () => void): () => void {
    this.#identityListeners.add(listener);
    return () => this.#identityListeners.delete(listener);
  }

  /** A moderator changed what people see: every list reloads, the viewer stays. */
  contentModerated(): void {
    this.ratings.reloadAll();
    for (const listener of this.#identityListeners) listener();
  }

  /** The host signed someone in or out: refetch everything that depends on the viewer. */
  identityChanged(): void {
    this.viewer.reload();
    this.ratings.reloadAll();
    for (const listener of this.#identityListeners) listener();
  }
}

const clients = new WeakMap<CommunityBackend, CommunityClient>();

/** The one client for `backend`, so widgets sharing a backend share its cache. */
export function clientFor(backend: CommunityBackend): CommunityClient {
  let client = clients.get(backend);
  if (!client) {
    client = new CommunityClient(backend);
    clients.set(backend, client);
  }
  return client;
}
