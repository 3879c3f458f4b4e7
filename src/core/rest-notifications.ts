import type { RequestOptions } from './backend.js';
import type {
  InboxNotification,
  NotificationPreferences,
  NotificationsBackend,
} from './notifications.js';
import type { PageResult } from './paged-list.js';
import { searchParams, type RestBackend } from './rest-backend.js';

/** The `/me/notifications` routes of api/openapi.yaml, over a `RestBackend`'s requests. */
export class RestNotificationsBackend implements NotificationsBackend {
  readonly #rest: RestBackend;

  constructor(rest: RestBackend) {
    this.#rest = rest;
  }

  async getUnreadNotificationCount(options?: RequestOptions): Promise<number> {
    const answer = await this.#rest.request<{ unread: number }>(
      'GET',
      '/me/notifications/unread-count',
      options,
    );
    return answer.unread;
  }

  listNotifications(
    cursor: string | undefined,
    options?: RequestOptions,
  ): Promise<PageResult<InboxNotification>> {
    return this.#rest.request('GET', `/me/notifications${searchParams({ cursor })}`, options);
  }

  async markNotificationsRead(ids: string[] | 'all', options?: RequestOptions): Promise<number> {
    const answer = await this.#rest.request<{ unread: number }>(
      'POST',
      '/me/notifications/read',
      options,
      ids === 'all' ? { all: true } : { ids },
    );
    return answer.unread;
  }

  getNotificationPreferences(options?: RequestOptions): Promise<NotificationPreferences> {
    return this.#rest.request('GET', '/me/notification-preferences', options);
  }

  setNotificationPreferences(
    kinds: Partial<NotificationPreferences['kinds']>,
    options?: RequestOptions,
  ): Promise<NotificationPreferences> {
    return this.#rest.request('PUT', '/me/notification-preferences', options, { kinds });
  }
}
