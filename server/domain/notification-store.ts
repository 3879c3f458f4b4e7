import type { NotificationKind } from './notifications.js';

/** What a notification is about, as the contract's `Notification` names it. */
export interface NotificationFacts {
  title: string;
  subject: string | null;
  board: string | null;
  question: string | null;
  answer: string | null;
  idea: string | null;
  post: { kind: string; id: string } | null;
  topic: string | null;
  status: string | null;
  reason: string | null;
}

export interface NotificationRow {
  id: string;
  /** Latest-activity order, assigned by the store on insert and on every regroup. */
  seq: number;
  recipientId: string;
  kind: NotificationKind;
  /** Unread rows with one key are one row (`count` grows); read rows never regroup. */
  groupKey: string;
  place: string | null;
  actorId: string | null;
  count: number;
  readAt: Date | null;
  at: Date;
  facts: NotificationFacts;
}

/** The notification reads; `StoreReader.notifications`. */
export interface NotificationReader {
  /** A person's rows, highest `seq` first, below `beforeSeq` when given. */
  list(query: {
    recipientId: string;
    beforeSeq?: number;
    limit: number;
  }): Promise<NotificationRow[]>;
  /** The person's unread counter: one row read, whatever the inbox holds. */
  unreadCount(recipientId: string): Promise<number>;
  /** The kinds each of these people turned off (people with none are absent). */
  disabledKinds(recipientIds: readonly string[]): Promise<Map<string, Set<NotificationKind>>>;
}

/** The notification writes; `StoreWriter.notifications`. */
export interface NotificationWriter extends NotificationReader {
  /** The person's unread row with this group key, if any. */
  unreadInGroup(recipientId: string, groupKey: string): Promise<NotificationRow | undefined>;
  /** Stores a new row; the store assigns `seq`. */
  insert(row: Omit<NotificationRow, 'seq'>): Promise<NotificationRow>;
  /** Adds a happening to an unread row: new count, actor, time and facts, and a new `seq`. */
  regroup(
    id: string,
    changes: Pick<NotificationRow, 'count' | 'actorId' | 'at' | 'facts'>,
  ): Promise<void>;
  /**
   * Marks the person's unread rows read (`ids`, or all when null) and returns the sum of
   * their counts, so the caller takes exactly that off the counter.
   */
  markRead(recipientId: string, ids: readonly string[] | null, at: Date): Promise<number>;
  /** Adds a (possibly negative) delta to the person's unread counter. */
  addToUnread(recipientId: string, delta: number): Promise<void>;
  setDisabledKinds(recipientId: string, kinds: readonly NotificationKind[]): Promise<void>;
}
