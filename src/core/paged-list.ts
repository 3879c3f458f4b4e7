import { toCwError, type CwError } from './errors.js';

/**
 * A cursor-paginated list (`{ items, nextCursor }` from the contract) with "load more":
 * pages are appended in order, an item shown twice (it moved between pages) is kept once,
 * and a reload cancels whatever page was still loading so a stale page never lands.
 * Every widget's lists use it (questions, answers, reviews, ideas, comments).
 */
export interface PageResult<T> {
  items: T[];
  nextCursor: string | null;
}

export type PageLoader<T> = (
  cursor: string | undefined,
  signal: AbortSignal,
) => Promise<PageResult<T>>;

export interface PagedListState<T> {
  /** `loading` until the first page arrives; `error` when the first page failed. */
  status: 'loading' | 'ready' | 'error';
  items: readonly T[];
  /** Whether `loadMore()` has anything to load. */
  hasMore: boolean;
  /** A later page is loading. */
  loadingMore: boolean;
  /** Why the first page (status `error`) or the last "load more" failed. */
  error: CwError | undefined;
}

export type PagedListListener<T> = (state: PagedListState<T>) => void;

export class PagedList<T extends { id: string }> {
  #state: PagedListState<T> = {
    status: 'loading',
    items: [],
    hasMore: false,
    loadingMore: false,
    error: undefined,
  };
  #cursor: string | null = null;
  #started = false;
  #inFlight: AbortController | undefined;
  readonly #listeners = new Set<PagedListListener<T>>();
  readonly #load: PageLoader<T>;

  constructor(load: PageLoader<T>) {
    this.#load = load;
  }

  get state(): PagedListState<T> {
    return this.#state;
  }

  /** Whether anyone still listens (lists nobody shows can be dropped). */
  get watched(): boolean {
    return this.#listeners.size > 0;
  }

  /**
   * Calls `listener` now and on every change; the first subscriber starts the first page.
   * When the last one leaves (its element left the page), the page still loading is
   * cancelled: nobody would see it, and the next subscriber asks again.
   */
  subscribe(listener: PagedListListener<T>): () => void {
    this.#listeners.add(listener);
    listener(this.#state);
    if (!this.#started) this.reload();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#abandon();
    };
  }

  #abandon(): void {
    if (!this.#inFlight) return;
    this.#inFlight.abort();
    this.#inFlight = undefined;
    if (this.#state.status === 'loading') this.#started = false;
    else if (this.#state.loadingMore) this.#state = { ...this.#state, loadingMore: false };
  }

  /** Starts over from the first page, cancelling any page still loading. */
  reload(): void {
    this.#started = true;
    this.#set({
      status: 'loading',
      items: [],
      hasMore: false,
      loadingMore: false,
      error: undefined,
    });
    void this.#fetch(undefined);
  }

  /** Appends the next page; does nothing while one is loading or when none is left. */
  loadMore(): Promise<void> {
    if (this.#state.status !== 'ready' || !this.#state.hasMore || this.#state.loadingMore) {
      return Promise.resolve();
    }
    this.#set({ ...this.#state, loadingMore: true, error: undefined });
    return this.#fetch(this.#cursor ?? undefined);
  }

  /** Replaces one item in place (after a vote or an edit), if it is shown. */
  replace(item: T): void {
    if (!this.#state.items.some((shown) => shown.id === item.id)) return;
    this.#set({
      ...this.#state,
      items: this.#state.items.map((shown) => (shown.id === item.id ? item : shown)),
    });
  }

  /**
   * Shows a newly posted item without reloading: first, last, or before the first shown item
   * `where` accepts (its place in the list's order; last when it accepts none).
   */
  insert(item: T, where: 'first' | 'last' | ((shown: T) => boolean) = 'first'): void {
    const rest = this.#state.items.filter((shown) => shown.id !== item.id);
    const before = where === 'first' ? 0 : where === 'last' ? -1 : rest.findIndex(where);
    const at = before === -1 ? rest.length : before;
    this.#set({ ...this.#state, items: [...rest.slice(0, at), item, ...rest.slice(at)] });
  }

  remove(id: string): void {
    this.#set({ ...this.#state, items: this.#state.items.filter((shown) => shown.id !== id) });
  }

  /** Stops loading for good (the widget went away). */
  dispose(): void {
    this.#inFlight?.abort();
    this.#listeners.clear();
  }

  async #fetch(cursor: string | undefined): Promise<void> {
    if (cursor === undefined) this.#inFlight?.abort();
    const controller = new AbortController();
    this.#inFlight = controller;
    try {
      const page = await this.#load(cursor, controller.signal);
      if (controller.signal.aborted) return;
      const seen = new Set(cursor === undefined ? [] : this.#state.items.map((item) => item.id));
      const fresh = page.items.filter((item) => !seen.has(item.id));
      this.#cursor = page.nextCursor;
      this.#set({
        status: 'ready',
        items: cursor === undefined ? fresh : [...this.#state.items, ...fresh],
        hasMore: page.nextCursor !== null,
        loadingMore: false,
        error: undefined,
      });
    } catch (error) {
      if (controller.signal.aborted) return;
      const reason = toCwError(error);
      this.#set(
        cursor === undefined
          ? { status: 'error', items: [], hasMore: false, loadingMore: false, error: reason }
          : { ...this.#state, loadingMore: false, error: reason },
      );
    } finally {
      if (this.#inFlight === controller) this.#inFlight = undefined;
    }
  }

  #set(state: PagedListState<T>): void {
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }
}
