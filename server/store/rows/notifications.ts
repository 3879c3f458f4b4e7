import type { NotificationRow } from '../../domain/notification-store.js';
import type { NotificationKind } from '../../domain/notifications.js';
import { dateOrNull, fromJson, timeOrNull } from './values.js';

// Notifications as both SQL stores return them (Postgres hands BIGINTs back as strings and
// `facts` as jsonb, SQLite as numbers and JSON text), and as the domain reads them.

export interface NotificationColumns {
  id: string;
  seq: number | string;
  recipient_id: string;
  kind: NotificationKind;
  group_key: string;
  place: string | null;
  actor_id: string | null;
  count: number;
  read_at: number | string | null;
  at: number | string;
  facts: NotificationRow['facts'] | string;
}

/** The columns an insert names, in the order of `notificationValues`. */
export const NOTIFICATION_INSERT_COLUMNS =
  'id, seq, recipient_id, kind, group_key, place, actor_id, count, read_at, at, facts';

export function notificationRow(c: NotificationColumns): NotificationRow {
  return {
    id: c.id,
    seq: Number(c.seq),
    recipientId: c.recipient_id,
    kind: c.kind,
    groupKey: c.group_key,
    place: c.place,
    actorId: c.actor_id,
    count: c.count,
    readAt: dateOrNull(c.read_at === null ? null : Number(c.read_at)),
    at: new Date(Number(c.at)),
    facts: fromJson(c.facts),
  };
}

/** An insert's values after `seq` (which each store draws itself): id first, then the rest. */
export function notificationValues(r: Omit<NotificationRow, 'seq'>): unknown[] {
  return [
    r.id,
    r.recipientId,
    r.kind,
    r.groupKey,
    r.place,
    r.actorId,
    r.count,
    timeOrNull(r.readAt),
    r.at.getTime(),
    JSON.stringify(r.facts),
  ];
}

/** A regroup's values: count, actor, time, facts, then the row's id. */
export function regroupValues(
  id: string,
  changes: Pick<NotificationRow, 'count' | 'actorId' | 'at' | 'facts'>,
): unknown[] {
  return [changes.count, changes.actorId, changes.at.getTime(), JSON.stringify(changes.facts), id];
}
