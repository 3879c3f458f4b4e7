import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { reportError } from '../../core/events.js';
import type { PagedList, PagedListState } from '../../core/paged-list.js';

/** The state a list shows before its source exists (no backend yet, not near the viewport). */
const LOADING: PagedListState<never> = {
  status: 'loading',
  items: [],
  hasMore: false,
  loadingMore: false,
  error: undefined,
};

export interface ListControllerOptions<T extends { id: string }> {
  /**
   * The list to show, read on every host update: return the same `PagedList` for the same
   * inputs (the core's stores share them by key) and a new one when the inputs change
   * (another subject, order or search); undefined while there is nothing to show yet.
   */
  list: () => PagedList<T> | undefined;
  /** The `action` of the `cw-error` fired when a page fails; none is fired without it. */
  errorAction?: string;
  /** Called on every state change, after `state` is updated (e.g. to follow its items). */
  changed?: (state: PagedListState<T>) => void;
}

/**
 * Shows a core `PagedList` in an element: subscribes while the host is connected, follows the
 * list the host's inputs name, re-renders on every change, and fires `cw-error` (with
 * `errorAction`) once per failure. Every widget's lists (questions, answers, reviews, ideas,
 * comments) use it; render `state` (`loading` / `ready` / `error`, `hasMore`, `loadingMore`).
 */
export class ListController<T extends { id: string }> implements ReactiveController {
  /** What the list shows now. */
  state: PagedListState<T> = LOADING;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: ListControllerOptions<T>;
  #list: PagedList<T> | undefined;
  #stop: (() => void) | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ListControllerOptions<T>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The list being shown, to insert, replace or remove items without a reload. */
  get list(): PagedList<T> | undefined {
    return this.#list;
  }

  hostConnected(): void {
    this.follow();
  }

  hostUpdate(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.#list = undefined;
    this.state = LOADING;
  }

  /** Starts over from the first page ("try again"). */
  reload(): void {
    this.#list?.reload();
  }

  /** Appends the next page ("load more"). */
  loadMore(): void {
    void this.#list?.loadMore();
  }

  /**
   * The "load more" button while there is a next page (part `load-more`): disabled while the
   * page loads, and labelled `busyLabel` then when one is given.
   */
  renderLoadMore(label: string, busyLabel = label, className?: string) {
    const { hasMore, loadingMore } = this.state;
    if (!hasMore) return nothing;
    return html`<button
      class=${className ?? nothing}
      part="load-more"
      type="button"
      ?disabled=${loadingMore}
      @click=${() => this.loadMore()}
    >
      ${loadingMore ? busyLabel : label}
    </button>`;
  }

  /** Follows the list the host's inputs name now; call it after changing them outside an update. */
  follow(): void {
    const list = this.#host.isConnected ? this.#options.list() : undefined;
    if (list === this.#list) return;
    this.#stop?.();
    this.#stop = undefined;
    this.#list = list;
    this.state = LOADING;
    if (list) this.#stop = list.subscribe((state) => this.#show(state));
    this.#host.requestUpdate();
  }

  #show(state: PagedListState<T>): void {
    const failedNow = state.error && state.error !== this.state.error;
    this.state = state;
    this.#options.changed?.(state);
    this.#host.requestUpdate();
    if (failedNow && this.#options.errorAction) {
      reportError(this.#host, this.#options.errorAction, state.error!);
    }
  }
}
