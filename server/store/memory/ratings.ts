import type { RatingWriter } from '../../domain/rating-store.js';
import type { Distribution } from '../../domain/types.js';
import { key, type Journal } from './journal.js';

export class MemoryRatings implements RatingWriter {
  private readonly values = new Map<string, { value: number; at: Date }>();
  private readonly counts = new Map<string, Distribution>();

  constructor(private readonly journal: Journal) {}

  async distributions(subjects: readonly string[]): Promise<Map<string, Distribution>> {
    const found = new Map<string, Distribution>();
    for (const subject of subjects) {
      const distribution = this.counts.get(subject);
      if (distribution) found.set(subject, [...distribution]);
    }
    return found;
  }

  async ofUser(userId: string, subjects: readonly string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (const subject of subjects) {
      const row = this.values.get(key(subject, userId));
      if (row) found.set(subject, row.value);
    }
    return found;
  }

  async upsert(subject: string, userId: string, value: number, at: Date): Promise<void> {
    const k = key(subject, userId);
    this.journal.remember(this.values, k);
    this.values.set(k, { value, at });
  }

  async remove(subject: string, userId: string): Promise<void> {
    const k = key(subject, userId);
    this.journal.remember(this.values, k);
    this.values.delete(k);
  }

  async addToDistribution(subject: string, delta: Distribution): Promise<void> {
    const current = this.counts.get(subject) ?? [0, 0, 0, 0, 0];
    const next = current.map((n, i) => n + delta[i]!) as Distribution;
    // The SQLite table's CHECK (c >= 0): a bug rolls back instead of corrupting counts.
    if (next.some((n) => n < 0)) throw new Error('CHECK constraint failed: rating_distributions');
    this.journal.remember(this.counts, subject);
    this.counts.set(subject, next);
  }
}
