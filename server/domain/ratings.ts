import { DomainError } from './errors.js';
import type { Store, StoreReader } from './store.js';
import { distributionChange, summaryOf } from './rating-math.js';
import { emptyDistribution, type Identity, type RatingSummary } from './types.js';
import { assertSubjectId, distinctSubjectIds, parseRatingInput } from './validate.js';

/** The rules of star ratings: one rating per person per subject, whole stars from 1 to 5. */
export class RatingService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  /** Summaries in the order asked, one per distinct subject, with the viewer's own rating. */
  async summaries(viewer: Identity | null, subjects: readonly unknown[]): Promise<RatingSummary[]> {
    const ids = distinctSubjectIds(subjects);
    return summarise(this.store, viewer, ids);
  }

  /** Sets the viewer's rating of `subject` to `input.value`; repeating it changes nothing. */
  async rate(viewer: Identity | null, subject: unknown, input: unknown): Promise<RatingSummary> {
    const author = requireIdentity(viewer, 'Sign in to rate.');
    assertSubjectId(subject);
    const value = parseRatingInput(input);
    return this.store.write(async (tx) => {
      const previous = (await tx.userRatings(author.id, [subject])).get(subject);
      if (previous !== value) {
        await tx.upsertRating(subject, author.id, value, this.now());
        await tx.addToDistribution(subject, distributionChange(previous, value));
      }
      return (await summarise(tx, author, [subject]))[0]!;
    });
  }

  /** Removes the viewer's rating of `subject`, if any. */
  async clear(viewer: Identity | null, subject: unknown): Promise<RatingSummary> {
    const author = requireIdentity(viewer, 'Sign in to change your rating.');
    assertSubjectId(subject);
    return this.store.write(async (tx) => {
      const previous = (await tx.userRatings(author.id, [subject])).get(subject);
      if (previous !== undefined) {
        await tx.deleteRating(subject, author.id);
        await tx.addToDistribution(subject, distributionChange(previous, undefined));
      }
      return (await summarise(tx, author, [subject]))[0]!;
    });
  }
}

export function requireIdentity(viewer: Identity | null, message: string): Identity {
  if (!viewer) throw new DomainError('unauthenticated', message);
  return viewer;
}

async function summarise(
  reader: StoreReader,
  viewer: Identity | null,
  subjects: string[],
): Promise<RatingSummary[]> {
  const [distributions, own] = await Promise.all([
    reader.ratingDistributions(subjects),
    viewer ? reader.userRatings(viewer.id, subjects) : new Map<string, number>(),
  ]);
  return subjects.map((subject) =>
    summaryOf(subject, distributions.get(subject) ?? emptyDistribution(), own.get(subject) ?? null),
  );
}
