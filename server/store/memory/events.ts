import type { CommunityEventRow, CommunityEventType, EventLogWriter } from '../../domain/events.js';
import type { Journal } from './journal.js';

/** The event log in a Map by `seq`; transactions run one at a time, so `seq` is commit order. */
export class MemoryEvents implements EventLogWriter {
  private readonly rows = new Map<number, CommunityEventRow>();
  private last = 0;

  constructor(private readonly journal: Journal) {}

  async after({ after, limit }: { after: number; limit: number }): Promise<CommunityEventRow[]> {
    const found: CommunityEventRow[] = [];
    // A rolled-back event leaves a gap, as a SQLite rowid would not; readers skip gaps.
    for (let seq = Math.max(after, 0) + 1; seq <= this.last && found.length < limit; seq += 1) {
      const row = this.rows.get(seq);
      if (row) found.push(structuredClone(row));
    }
    return found;
  }

  async append<T extends CommunityEventType>(
    row: Omit<CommunityEventRow<T>, 'seq'>,
  ): Promise<CommunityEventRow<T>> {
    this.last += 1;
    const stored = { ...structuredClone(row), seq: this.last } as CommunityEventRow<T>;
    this.journal.remember(this.rows, stored.seq);
    this.rows.set(stored.seq, stored);
    return structuredClone(stored);
  }
}
