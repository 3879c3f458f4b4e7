import type { VoteWriter } from '../../domain/vote-store.js';
import { key, type Journal } from './journal.js';

export interface MemoryVote {
  value: number;
  at: number;
}

/**
 * Votes of every kind, indexed per target so removing a target's votes or listing its voters
 * costs what that target has, not what the community has.
 */
export class MemoryVotes implements VoteWriter {
  /** `kind\0target` → user → vote. */
  private readonly byTarget = new Map<string, Map<string, MemoryVote>>();
  /** `user\0kind` → the targets the user voted on. */
  private readonly byUser = new Map<string, ReadonlySet<string>>();

  constructor(private readonly journal: Journal) {}

  async ofUser(
    userId: string,
    targetKind: string,
    targetIds: readonly string[],
  ): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (const id of targetIds) {
      const vote = this.byTarget.get(key(targetKind, id))?.get(userId);
      if (vote) found.set(id, vote.value);
    }
    return found;
  }

  async set(
    targetKind: string,
    targetId: string,
    userId: string,
    value: number,
    at: Date,
  ): Promise<Date | null> {
    const target = key(targetKind, targetId);
    this.journal.remember(this.byTarget, target);
    const votes = new Map(this.byTarget.get(target));
    const before = votes.get(userId);
    if (value === 0) votes.delete(userId);
    else votes.set(userId, { value, at: at.getTime() });
    if (votes.size === 0) this.byTarget.delete(target);
    else this.byTarget.set(target, votes);
    if ((before === undefined) !== (value === 0)) {
      this.journal.link(this.byUser, key(userId, targetKind), targetId, value !== 0);
    }
    return before ? new Date(before.at) : null;
  }

  /** The target's votes by user; empty when none. */
  on(targetKind: string, targetId: string): ReadonlyMap<string, MemoryVote> {
    return this.byTarget.get(key(targetKind, targetId)) ?? new Map();
  }

  /** The targets of one kind the user voted on. */
  targetsOf(userId: string, targetKind: string): ReadonlySet<string> {
    return this.byUser.get(key(userId, targetKind)) ?? new Set();
  }

  /** Removes every vote on a target (its post is deleted). */
  removeAllOn(targetKind: string, targetId: string): void {
    const target = key(targetKind, targetId);
    for (const userId of this.on(targetKind, targetId).keys()) {
      this.journal.link(this.byUser, key(userId, targetKind), targetId, false);
    }
    this.journal.remember(this.byTarget, target);
    this.byTarget.delete(target);
  }
}
