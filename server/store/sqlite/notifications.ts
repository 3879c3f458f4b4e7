import type Database from 'better-sqlite3';
import type {
  NotificationReader,
  NotificationRow,
  NotificationWriter,
} from '../../domain/notification-store.js';
import type { NotificationKind } from '../../domain/notifications.js';
import { type Migration } from './columns.js';
import {
  NOTIFICATION_INSERT_COLUMNS,
  notificationRow,
  notificationValues,
  regroupValues,
  type NotificationColumns,
} from '../rows/notifications.js';

/**
 * Migration 13: notifications, a per-person unread counter (read in O(1), moved in the
 * same transaction as the rows) and the kinds each person turned off. The partial unique
 * index keeps one unread row per group.
 */
export const notificationsMigration: Migration = {
  version: 13,
  name: 'notifications, unread counters, preferences',
  sql: `
    CREATE TABLE notifications (
      id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL UNIQUE,
      recipient_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      group_key TEXT NOT NULL,
      place TEXT,
      actor_id TEXT,
      count INTEGER NOT NULL,
      read_at INTEGER,
      at INTEGER NOT NULL,
      facts TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX notifications_by_recipient ON notifications (recipient_id, seq);
    CREATE UNIQUE INDEX notifications_open_group ON notifications (recipient_id, group_key)
      WHERE read_at IS NULL;
    CREATE TABLE notification_counts (
      recipient_id TEXT PRIMARY KEY,
      unread INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE notification_preferences (
      recipient_id TEXT PRIMARY KEY,
      disabled TEXT NOT NULL
    ) WITHOUT ROWID;`,
};

export class SqliteNotificationReads implements NotificationReader {
  private readonly page: Database.Statement<[string, number, number], NotificationColumns>;
  private readonly counter: Database.Statement<[string], number>;
  private readonly disabled: Database.Statement<
    [string],
    { recipient_id: string; disabled: string }
  >;

  constructor(db: Database.Database) {
    this.page = db.prepare(
      `SELECT * FROM notifications WHERE recipient_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
    );
    this.counter = db
      .prepare<[string], number>('SELECT unread FROM notification_counts WHERE recipient_id = ?')
      .pluck();
    this.disabled = db.prepare(
      `SELECT recipient_id, disabled FROM notification_preferences
       WHERE recipient_id IN (SELECT value FROM json_each(?))`,
    );
  }

  async list(query: {
    recipientId: string;
    beforeSeq?: number;
    limit: number;
  }): Promise<NotificationRow[]> {
    return this.page
      .all(query.recipientId, query.beforeSeq ?? Number.MAX_SAFE_INTEGER, query.limit)
      .map(notificationRow);
  }

  async unreadCount(recipientId: string): Promise<number> {
    return this.counter.get(recipientId) ?? 0;
  }

  async disabledKinds(
    recipientIds: readonly string[],
  ): Promise<Map<string, Set<NotificationKind>>> {
    if (recipientIds.length === 0) return new Map();
    return new Map(
      this.disabled
        .all(JSON.stringify(recipientIds))
        .map((r) => [r.recipient_id, new Set(JSON.parse(r.disabled) as NotificationKind[])]),
    );
  }
}

export class SqliteNotificationWrites
  extends SqliteNotificationReads
  implements NotificationWriter
{
  private readonly openGroup: Database.Statement<[string, string], NotificationColumns>;
  private readonly insertRow: Database.Statement<unknown[]>;
  private readonly regroupRow: Database.Statement<unknown[]>;
  private readonly readSome: Database.Statement<[number, string, string], { count: number }>;
  private readonly readAll: Database.Statement<[number, string], { count: number }>;
  private readonly addUnread: Database.Statement<[string, number]>;
  private readonly savePreferences: Database.Statement<[string, string]>;
  private readonly clearPreferences: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    super(db);
    const nextSeq = '(SELECT coalesce(max(seq), 0) + 1 FROM notifications)';
    this.openGroup = db.prepare(
      'SELECT * FROM notifications WHERE recipient_id = ? AND group_key = ? AND read_at IS NULL',
    );
    this.insertRow = db.prepare(
      `INSERT INTO notifications
         (${NOTIFICATION_INSERT_COLUMNS})
       VALUES (?, ${nextSeq}, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
    );
    this.regroupRow = db.prepare(
      `UPDATE notifications SET seq = ${nextSeq}, count = ?, actor_id = ?, at = ?, facts = ?
       WHERE id = ?`,
    );
    this.readSome = db.prepare(
      `UPDATE notifications SET read_at = ?
       WHERE recipient_id = ? AND read_at IS NULL AND id IN (SELECT value FROM json_each(?))
       RETURNING count`,
    );
    this.readAll = db.prepare(
      `UPDATE notifications SET read_at = ? WHERE recipient_id = ? AND read_at IS NULL
       RETURNING count`,
    );
    this.addUnread = db.prepare(
      `INSERT INTO notification_counts (recipient_id, unread) VALUES (?, ?)
       ON CONFLICT (recipient_id) DO UPDATE SET unread = unread + excluded.unread`,
    );
    this.savePreferences = db.prepare(
      `INSERT INTO notification_preferences (recipient_id, disabled) VALUES (?, ?)
       ON CONFLICT (recipient_id) DO UPDATE SET disabled = excluded.disabled`,
    );
    this.clearPreferences = db.prepare(
      'DELETE FROM notification_preferences WHERE recipient_id = ?',
    );
  }

  async unreadInGroup(recipientId: string, groupKey: string): Promise<NotificationRow | undefined> {
    const found = this.openGroup.get(recipientId, groupKey);
    return found && notificationRow(found);
  }

  async insert(r: Omit<NotificationRow, 'seq'>): Promise<NotificationRow> {
    const { seq } = this.insertRow.get(...notificationValues(r)) as { seq: number };
    return { ...r, seq };
  }

  async regroup(
    id: string,
    changes: Pick<NotificationRow, 'count' | 'actorId' | 'at' | 'facts'>,
  ): Promise<void> {
    this.regroupRow.run(...regroupValues(id, changes));
  }

  async markRead(recipientId: string, ids: readonly string[] | null, at: Date): Promise<number> {
    const cleared =
      ids === null
        ? this.readAll.all(at.getTime(), recipientId)
        : this.readSome.all(at.getTime(), recipientId, JSON.stringify(ids));
    return cleared.reduce((sum, r) => sum + r.count, 0);
  }

  async addToUnread(recipientId: string, delta: number): Promise<void> {
    this.addUnread.run(recipientId, delta);
  }

  async setDisabledKinds(recipientId: string, kinds: readonly NotificationKind[]): Promise<void> {
    if (kinds.length === 0) this.clearPreferences.run(recipientId);
    else this.savePreferences.run(recipientId, JSON.stringify(kinds));
  }
}
