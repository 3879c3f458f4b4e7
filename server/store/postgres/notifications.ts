import type {
  NotificationReader,
  NotificationRow,
  NotificationWriter,
} from '../../domain/notification-store.js';
import type { NotificationKind } from '../../domain/notifications.js';
import {
  NOTIFICATION_INSERT_COLUMNS,
  notificationRow,
  notificationValues,
  regroupValues,
  type NotificationColumns,
} from '../rows/notifications.js';
import { one, sql, type Db, type Migration } from './columns.js';

/**
 * Migration 13: notifications, a per-person unread counter (read in O(1); concurrent
 * transactions that move one counter conflict and are retried whole, so it stays exact)
 * and the kinds each person turned off. One unread row per group (partial unique index).
 */
export const notificationsMigration: Migration = {
  version: 13,
  name: 'notifications, unread counters, preferences',
  sql: `
    CREATE SEQUENCE notification_seq;
    CREATE TABLE notifications (
      id TEXT PRIMARY KEY,
      seq BIGINT NOT NULL UNIQUE,
      recipient_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      group_key TEXT NOT NULL,
      place TEXT,
      actor_id TEXT,
      count INTEGER NOT NULL,
      read_at BIGINT,
      at BIGINT NOT NULL,
      facts JSONB NOT NULL
    );
    CREATE INDEX notifications_by_recipient ON notifications (recipient_id, seq);
    CREATE UNIQUE INDEX notifications_open_group ON notifications (recipient_id, group_key)
      WHERE read_at IS NULL;
    CREATE TABLE notification_counts (
      recipient_id TEXT PRIMARY KEY,
      unread INTEGER NOT NULL
    );
    CREATE TABLE notification_preferences (
      recipient_id TEXT PRIMARY KEY,
      disabled JSONB NOT NULL
    );`,
};

export class PgNotificationReads implements NotificationReader {
  constructor(protected readonly db: Db) {}

  async list(query: {
    recipientId: string;
    beforeSeq?: number;
    limit: number;
  }): Promise<NotificationRow[]> {
    const rows = await sql<NotificationColumns>(
      this.db,
      `SELECT * FROM notifications WHERE recipient_id = $1 AND seq < $2
       ORDER BY seq DESC LIMIT $3`,
      [query.recipientId, query.beforeSeq ?? Number.MAX_SAFE_INTEGER, query.limit],
    );
    return rows.map(notificationRow);
  }

  async unreadCount(recipientId: string): Promise<number> {
    const found = await one<{ unread: number }>(
      this.db,
      'SELECT unread FROM notification_counts WHERE recipient_id = $1',
      [recipientId],
    );
    return found?.unread ?? 0;
  }

  async disabledKinds(
    recipientIds: readonly string[],
  ): Promise<Map<string, Set<NotificationKind>>> {
    if (recipientIds.length === 0) return new Map();
    const rows = await sql<{ recipient_id: string; disabled: NotificationKind[] }>(
      this.db,
      `SELECT recipient_id, disabled FROM notification_preferences
       WHERE recipient_id = ANY($1::text[])`,
      [recipientIds],
    );
    return new Map(rows.map((r) => [r.recipient_id, new Set(r.disabled)]));
  }
}

export class PgNotificationWrites extends PgNotificationReads implements NotificationWriter {
  async unreadInGroup(recipientId: string, groupKey: string): Promise<NotificationRow | undefined> {
    const found = await one<NotificationColumns>(
      this.db,
      `SELECT * FROM notifications
       WHERE recipient_id = $1 AND group_key = $2 AND read_at IS NULL`,
      [recipientId, groupKey],
    );
    return found && notificationRow(found);
  }

  async insert(r: Omit<NotificationRow, 'seq'>): Promise<NotificationRow> {
    const inserted = await one<{ seq: string }>(
      this.db,
      `INSERT INTO notifications
         (${NOTIFICATION_INSERT_COLUMNS})
       VALUES ($1, nextval('notification_seq'), $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
       RETURNING seq`,
      notificationValues(r),
    );
    return { ...r, seq: Number(inserted!.seq) };
  }

  async regroup(
    id: string,
    changes: Pick<NotificationRow, 'count' | 'actorId' | 'at' | 'facts'>,
  ): Promise<void> {
    await sql(
      this.db,
      `UPDATE notifications SET seq = nextval('notification_seq'), count = $1, actor_id = $2,
         at = $3, facts = $4::jsonb
       WHERE id = $5`,
      regroupValues(id, changes),
    );
  }

  async markRead(recipientId: string, ids: readonly string[] | null, at: Date): Promise<number> {
    const cleared =
      ids === null
        ? await sql<{ count: number }>(
            this.db,
            `UPDATE notifications SET read_at = $1 WHERE recipient_id = $2 AND read_at IS NULL
             RETURNING count`,
            [at.getTime(), recipientId],
          )
        : await sql<{ count: number }>(
            this.db,
            `UPDATE notifications SET read_at = $1
             WHERE recipient_id = $2 AND read_at IS NULL AND id = ANY($3::text[])
             RETURNING count`,
            [at.getTime(), recipientId, ids],
          );
    return cleared.reduce((sum, r) => sum + r.count, 0);
  }

  async addToUnread(recipientId: string, delta: number): Promise<void> {
    await sql(
      this.db,
      `INSERT INTO notification_counts (recipient_id, unread) VALUES ($1, $2)
       ON CONFLICT (recipient_id) DO UPDATE
       SET unread = notification_counts.unread + excluded.unread`,
      [recipientId, delta],
    );
  }

  async setDisabledKinds(recipientId: string, kinds: readonly NotificationKind[]): Promise<void> {
    if (kinds.length === 0) {
      await sql(this.db, 'DELETE FROM notification_preferences WHERE recipient_id = $1', [
        recipientId,
      ]);
      return;
    }
    await sql(
      this.db,
      `INSERT INTO notification_preferences (recipient_id, disabled) VALUES ($1, $2::jsonb)
       ON CONFLICT (recipient_id) DO UPDATE SET disabled = excluded.disabled`,
      [recipientId, JSON.stringify(kinds)],
    );
  }
}
