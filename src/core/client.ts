import type { CommunityBackend } from './backend.js';
import { RatingsStore } from './ratings.js';
import { ViewerStore } from './viewer.js';

/** The per-backend engine: one cache and one batcher per kind of data, shared by all widgets. */
export class CommunityClient {
  readonly viewer: ViewerStore;
  readonly ratings: RatingsStore;

  constructor(readonly backend: CommunityBackend) {
    this.viewer = new ViewerStore(backend);
    this.ratings = new RatingsStore(backend);
  }

  /** The host signed someone in or out: refetch everything that depends on the viewer. */
  identityChanged(): void {
    this.viewer.reload();
    this.ratings.reloadAll();
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
