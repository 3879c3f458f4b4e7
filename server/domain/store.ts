import type { Distribution } from './types.js';

/**
 * Reads any store answers, inside or outside a write transaction.
 * Every method is async so a networked store (Postgres) fits the same interface.
 */
export interface StoreReader {
  /** Per-star counts for the subjects that have any ratings; absent subjects have none. */
  ratingDistributions(subjects: readonly string[]): Promise<Map<string, Distribution>>;
  /** The user's own rating of each subject they have rated. */
  userRatings(userId: string, subjects: readonly string[]): Promise<Map<string, number>>;
}

/** Writes, only reachable inside `Store.write`, so every change is part of a transaction. */
export interface StoreWriter extends StoreReader {
  upsertRating(subject: string, userId: string, value: number, at: Date): Promise<void>;
  deleteRating(subject: string, userId: string): Promise<void>;
  /** Adds `delta` (per star, may be negative) to the subject's stored distribution. */
  addToDistribution(subject: string, delta: Distribution): Promise<void>;
}

/**
 * Persistence for the domain. Implementations: `server/store/memory.ts` (tests and the msw
 * mock) and `server/store/sqlite.ts` (the embedded default).
 */
export interface Store extends StoreReader {
  /**
   * Runs `work` as one serialisable transaction: all its writes land, or none do when it
   * throws. Transactions never interleave, so a read-modify-write inside is safe.
   */
  write<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T>;
  /** Cheap round trip used by health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
