import type { Distribution } from './types.js';

/** The ratings reads; `StoreReader.ratings`. */
export interface RatingReader {
  /** Per-star counts for the subjects that have any ratings; absent subjects have none. */
  distributions(subjects: readonly string[]): Promise<Map<string, Distribution>>;
  /** The user's own rating of each subject they have rated. */
  ofUser(userId: string, subjects: readonly string[]): Promise<Map<string, number>>;
}

/** The ratings writes; `StoreWriter.ratings`. */
export interface RatingWriter extends RatingReader {
  upsert(subject: string, userId: string, value: number, at: Date): Promise<void>;
  remove(subject: string, userId: string): Promise<void>;
  /** Adds `delta` (per star, may be negative) to the subject's stored distribution. */
  addToDistribution(subject: string, delta: Distribution): Promise<void>;
}
