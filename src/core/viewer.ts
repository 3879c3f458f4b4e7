import type { CommunityBackend } from './backend.js';
import { toCwError, type CwError } from './errors.js';
import type { Viewer } from './types.js';

export type ViewerState =
  { status: 'loading' } | { status: 'ready'; viewer: Viewer } | { status: 'error'; error: CwError };

export type ViewerListener = (state: ViewerState) => void;

/** Who is looking, fetched once per backend and shared by every widget. */
export class ViewerStore {
  #state: ViewerState = { status: 'loading' };
  readonly #listeners = new Set<ViewerListener>();
  #requested = false;
  #generation = 0;

  readonly #backend: CommunityBackend;

  constructor(backend: CommunityBackend) {
    this.#backend = backend;
  }

  subscribe(listener: ViewerListener): () => void {
    this.#listeners.add(listener);
    if (!this.#requested) this.#load();
    listener(this.#state);
    return () => this.#listeners.delete(listener);
  }

  /** Asks again, e.g. after the host changed the token. */
  reload(): void {
    if (!this.#requested) return;
    this.#set({ status: 'loading' });
    this.#load();
  }

  #load(): void {
    this.#requested = true;
    const generation = ++this.#generation;
    this.#backend.getViewer().then(
      (viewer) => generation === this.#generation && this.#set({ status: 'ready', viewer }),
      (error: unknown) =>
        generation === this.#generation && this.#set({ status: 'error', error: toCwError(error) }),
    );
  }

  #set(state: ViewerState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }
}
