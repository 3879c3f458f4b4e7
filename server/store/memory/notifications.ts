import type { NotificationRow, NotificationWriter } from '../../domain/notification-store.js';
import type { NotificationKind } from '../../domain/notifications.js';
import { key, type Journal, type Sequence } from './journal.js';

/** Notifications in Maps, indexed by recipient so an inbox read costs what the inbox holds. */
export class MemoryNotifications implements NotificationWriter {
  private readonly rows = new Map<string, NotificationRow>();
  private readonly ofRecipient = new Map<string, ReadonlySet<string>>();
  /** `recipient\0groupKey` → the unread row of that group. */
  private readonly openGroups = new Map<string, string>();
  private readonly unread = new Map<string, number>();
  private readonly disabled = new Map<string, ReadonlySet<NotificationKind>>();

  constructor(
    private readonly journal: Journal,
    private readonly sequence: Sequence,
  ) {}

  async list({
    recipientId,
    beforeSeq,
    limit,
  }: {
    recipientId: string;
    beforeSeq?: number;
    limit: number;
  }): Promise<NotificationRow[]> {
    return [...(this.ofRecipient.get(recipientId) ?? [])]
      .map((id) => this.rows.get(id)!)
      .filter((row) => beforeSeq === undefined || row.seq < beforeSeq)
      .sort((a, b) => b.seq - a.seq)
      .slice(0, limit)
      .map((row) => structuredClone(row));
  }

  async unreadCount(recipientId: string): Promise<number> {
    return this.unread.get(recipientId) ?? 0;
  }

  async disabledKinds(
    recipientIds: readonly string[],
  ): Promise<Map<string, Set<NotificationKind>>> {
    const found = new Map<string, Set<NotificationKind>>();
    for (const id of recipientIds) {
      const kinds = this.disabled.get(id);
      if (kinds) found.set(id, new Set(kinds));
    }
    return found;
  }

  async unreadInGroup(recipientId: string, groupKey: string): Promise<NotificationRow | undefined> {
    const id = this.openGroups.get(key(recipientId, groupKey));
    const row = id === undefined ? undefined : this.rows.get(id);
    return row && structuredClone(row);
  }

  async insert(row: Omit<NotificationRow, 'seq'>): Promise<NotificationRow> {
    const stored: NotificationRow = { ...structuredClone(row), seq: this.sequence.next() };
    this.journal.remember(this.rows, stored.id);
    this.rows.set(stored.id, stored);
    this.journal.link(this.ofRecipient, stored.recipientId, stored.id, true);
    if (stored.readAt === null) this.setOpen(stored, true);
    return structuredClone(stored);
  }

  async regroup(
    id: string,
    changes: Pick<NotificationRow, 'count' | 'actorId' | 'at' | 'facts'>,
  ): Promise<void> {
    const seq = this.sequence.next();
    this.journal.change(this.rows, id, (row) => ({ ...row, ...structuredClone(changes), seq }));
  }

  async markRead(recipientId: string, ids: readonly string[] | null, at: Date): Promise<number> {
    const chosen = ids ?? [...(this.ofRecipient.get(recipientId) ?? [])];
    let cleared = 0;
    for (const id of chosen) {
      const row = this.rows.get(id);
      if (!row || row.recipientId !== recipientId || row.readAt !== null) continue;
      cleared += row.count;
      this.journal.change(this.rows, id, (r) => ({ ...r, readAt: at }));
      this.setOpen(row, false);
    }
    return cleared;
  }

  async addToUnread(recipientId: string, delta: number): Promise<void> {
    this.journal.remember(this.unread, recipientId);
    this.unread.set(recipientId, (this.unread.get(recipientId) ?? 0) + delta);
  }

  async setDisabledKinds(recipientId: string, kinds: readonly NotificationKind[]): Promise<void> {
    this.journal.remember(this.disabled, recipientId);
    if (kinds.length === 0) this.disabled.delete(recipientId);
    else this.disabled.set(recipientId, new Set(kinds));
  }

  private setOpen(row: NotificationRow, open: boolean): void {
    const group = key(row.recipientId, row.groupKey);
    this.journal.remember(this.openGroups, group);
    if (open) this.openGroups.set(group, row.id);
    else this.openGroups.delete(group);
  }
}
