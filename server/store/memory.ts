import type { Store, StoreWriter } from '../domain/store.js';
import type { Distribution } from '../domain/types.js';

interface RatingRow {
  value: number;
  at: Date;
}

/**
 * Keeps everything in Maps. Used by tests and by the msw mock in the browser, so it must
 * not touch Node APIs. Transactions run one at a time and undo their writes when they throw.
 */
export class MemoryStore implements Store {
  private readonly ratings = new Map<string, RatingRow>();
  private readonly distributions = new Map<string, Distribution>();
  private queue: Promise<unknown> = Promise.resolve();

  async ratingDistributions(subjects: readonly string[]): Promise<Map<string, Distribution>> {
    const found = new Map<string, Distribution>();
    for (const subject of subjects) {
      const distribution = this.distributions.get(subject);
      if (distribution) found.set(subject, [...distribution]);
    }
    return found;
  }

  async userRatings(userId: string, subjects: readonly string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (const subject of subjects) {
      const row = this.ratings.get(ratingKey(subject, userId));
      if (row) found.set(subject, row.value);
    }
    return found;
  }

  write<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.transact(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async transact<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> {
    const undo: Array<() => void> = [];
    const remember = <V>(map: Map<string, V>, key: string) => {
      const had = map.has(key);
      const before = map.get(key);
      undo.push(() => (had ? map.set(key, before as V) : map.delete(key)));
    };
    const tx: StoreWriter = {
      ratingDistributions: (subjects) => this.ratingDistributions(subjects),
      userRatings: (userId, subjects) => this.userRatings(userId, subjects),
      upsertRating: async (subject, userId, value, at) => {
        const key = ratingKey(subject, userId);
        remember(this.ratings, key);
        this.ratings.set(key, { value, at });
      },
      deleteRating: async (subject, userId) => {
        const key = ratingKey(subject, userId);
        remember(this.ratings, key);
        this.ratings.delete(key);
      },
      addToDistribution: async (subject, delta) => {
        remember(this.distributions, subject);
        const current = this.distributions.get(subject) ?? [0, 0, 0, 0, 0];
        this.distributions.set(subject, current.map((n, i) => n + delta[i]!) as Distribution);
      },
    };
    try {
      return await work(tx);
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    }
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}

function ratingKey(subject: string, userId: string): string {
  return `${subject}\u0000${userId}`;
}
