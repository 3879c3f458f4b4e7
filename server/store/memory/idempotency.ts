import type { IdempotencyRecord, IdempotencyStore } from '../../domain/idempotency.js';
import { key, type Journal } from './journal.js';

export class MemoryIdempotency implements IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();

  constructor(private readonly journal: Journal) {}

  async get(userId: string, k: string): Promise<IdempotencyRecord | undefined> {
    const record = this.records.get(key(userId, k));
    return record && { ...record };
  }

  async save(record: IdempotencyRecord): Promise<void> {
    const k = key(record.userId, record.key);
    this.journal.remember(this.records, k);
    // Re-inserted, not replaced in place, so the map stays in creation order for `prune`.
    this.records.delete(k);
    this.records.set(k, { ...record });
  }

  async prune(before: Date): Promise<void> {
    // Insertion order is creation order (keys are never re-saved later with an older time),
    // so pruning stops at the first record young enough to keep.
    for (const [k, record] of this.records) {
      if (record.createdAt >= before) break;
      this.journal.remember(this.records, k);
      this.records.delete(k);
    }
  }
}
