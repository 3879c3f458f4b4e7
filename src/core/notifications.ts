import type { components } from '../../api/contract.js';
import type { CommunityBackend, RequestOptions } from './backend.js';
import type { CommunityClient } from './client.js';
import { toCwError, type CwError } from './errors.js';
import type { PageResult } from './paged-list.js';
import { RestBackend } from './rest-backend.js';
import { RestNotificationsBackend } from './rest-notifications.js';

type Schemas = components['schemas'];
/** One row of the viewer's inbox (`Notification` in the contract; renamed beside the DOM's). */
export type InboxNotification = Schemas['Notification'];
export type NotificationKind = Schemas['NotificationKind'];
export type NotificationPreferences = Schemas['NotificationPreferences'];

/**
 * The notification operations of the contract. `RestBackend` serves them through
 * `RestNotificationsBackend`; a site's own backend serves them by implementing these methods.
 */
export interface NotificationsBackend {
  getUnreadNotificationCount(options?: RequestOptions): Promise<number>;
  listNotifications(
    cursor: string | undefined,
    options?: RequestOptions,
  ): Promise<PageResult<InboxNotification>>;
  /** Marks these (or all) read; answers the unread count after. */
  markNotificationsRead(ids: string[] | 'all', options?: RequestOptions): Promise<number>;
  getNotificationPreferences(options?: RequestOptions): Promise<NotificationPreferences>;
  setNotificationPreferences(
    kinds: Partial<NotificationPreferences['kinds']>,
    options?: RequestOptions,
  ): Promise<NotificationPreferences>;
}

function servesNotifications(backend: object): backend is NotificationsBackend {
  return (
    typeof (backend as Partial<NotificationsBackend>).getUnreadNotificationCount === 'function'
  );
}

const backends = new WeakMap<CommunityBackend, NotificationsBackend | null>();

/** The notifications part of `backend`: its own methods, the REST routes, or null (none). */
export function notificationsBackend(backend: CommunityBackend): NotificationsBackend | null {
  let found = backends.get(backend);
  if (found === undefined) {
    found = servesNotifications(backend)
      ? backend
      : backend instanceof RestBackend
        ? new RestNotificationsBackend(backend)
        : null;
    backends.set(backend, found);
  }
  return found;
}

export type UnreadState =
  | { status: 'loading' }
  | { status: 'ready'; unread: number }
  | { status: 'error'; error: CwError; unread: number | undefined };

export type UnreadListener = (state: UnreadState) => void;

/** How often the count is asked again while the tab is visible, and the longest backoff. */
export const INBOX_REFRESH = { intervalMs: 60_000, maxBackoffMs: 15 * 60_000 };

/**
 * The viewer's unread count, shared by every inbox on the page: one request however many
 * bells subscribe. Asked when the first bell subscribes, when the tab becomes visible again
 * and on a slow interval that doubles after each failure; never while the tab is hidden.
 */
export class UnreadCountStore {
  #state: UnreadState = { status: 'loading' };
  readonly #listeners = new Set<UnreadListener>();
  readonly #backend: NotificationsBackend;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: Promise<void> | undefined;
  #failures = 0;
  #generation = 0;
  readonly #onVisibility = () => {
    if (document.visibilityState === 'visible') void this.refresh();
    else this.#stopTimer();
  };

  constructor(backend: NotificationsBackend) {
    this.#backend = backend;
  }

  get state(): UnreadState {
    return this.#state;
  }

  subscribe(listener: UnreadListener): () => void {
    this.#listeners.add(listener);
    listener(this.#state);
    if (this.#listeners.size === 1) {
      document.addEventListener('visibilitychange', this.#onVisibility);
      void this.refresh();
    }
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size > 0) return;
      document.removeEventListener('visibilitychange', this.#onVisibility);
      this.#stopTimer();
    };
  }

  /** Asks now (unless a request is already out or the tab is hidden), then on the interval. */
  refresh(): Promise<void> {
    if (this.#listeners.size === 0 || document.visibilityState !== 'visible') {
      return Promise.resolve();
    }
    this.#stopTimer();
    this.#inFlight ??= this.#load().finally(() => {
      this.#inFlight = undefined;
      this.#schedule();
    });
    return this.#inFlight;
  }

  /** The count a write answered (mark read), without asking again. */
  set(unread: number): void {
    this.#generation += 1;
    this.#failures = 0;
    this.#emit({ status: 'ready', unread });
  }

  /** The viewer changed: forget the old count and ask again. */
  reset(): void {
    this.#generation += 1;
    this.#emit({ status: 'loading' });
    void this.refresh();
  }

  async #load(): Promise<void> {
    const generation = ++this.#generation;
    try {
      const unread = await this.#backend.getUnreadNotificationCount();
      if (generation !== this.#generation) return;
      this.#failures = 0;
      this.#emit({ status: 'ready', unread });
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#failures += 1;
      const last = this.#state.status === 'loading' ? undefined : this.#state.unread;
      this.#emit({ status: 'error', error: toCwError(error), unread: last });
    }
  }

  #schedule(): void {
    this.#stopTimer();
    if (this.#listeners.size === 0 || document.visibilityState !== 'visible') return;
    const delay = Math.min(
      INBOX_REFRESH.intervalMs * 2 ** this.#failures,
      INBOX_REFRESH.maxBackoffMs,
    );
    this.#timer = setTimeout(() => void this.refresh(), delay);
  }

  #stopTimer(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #emit(state: UnreadState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }
}

/** The inbox of one client: the shared count and the operations the panel calls. */
export interface Inbox {
  readonly backend: NotificationsBackend;
  readonly unread: UnreadCountStore;
}

const inboxes = new WeakMap<CommunityClient, Inbox | null>();

/** The one inbox of `client` (per API base and token source), or null without the routes. */
export function inboxFor(client: CommunityClient): Inbox | null {
  let inbox = inboxes.get(client);
  if (inbox === undefined) {
    const backend = notificationsBackend(client.backend);
    inbox = backend ? { backend, unread: new UnreadCountStore(backend) } : null;
    inboxes.set(client, inbox);
    if (inbox) {
      const made = inbox;
      client.onIdentityChanged(() => made.unread.reset());
    }
  }
  return inbox;
}

/** The placeholders a `link-template` may use, filled from a notification. */
export function fillLinkTemplate(template: string, notification: InboxNotification): string {
  const values: Record<string, string | null> = {
    kind: notification.kind,
    id: notification.id,
    subject: notification.subject,
    board: notification.board,
    question: notification.question,
    answer: notification.answer,
    idea: notification.idea,
    topic: notification.topic,
  };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? encodeURIComponent(values[name] ?? '') : whole,
  );
}
