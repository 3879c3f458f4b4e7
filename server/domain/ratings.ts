import { NO_SUCH_SUBJECT, subjectPlace } from './access-rules.js';
import { DomainError } from './errors.js';
import type { CommunityEvents } from './events.js';
import type { ModerationService } from './moderation.js';
import type { Store, StoreReader, StoreWriter } from './store.js';
import { distributionChange, summaryOf } from '../../api/shared/rating-math.js';
import { emptyDistribution, type Identity, type RatingSummary, type Role } from './types.js';
import { assertSubjectId, distinctSubjectIds, parseRatingInput } from './validate.js';

/** The rules of star ratings: one rating per person per subject, whole stars from 1 to 5. */
export class RatingService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly moderation: ModerationService,
    private readonly events: CommunityEvents,
  ) {}

  /**
   * Summaries in the order asked, one per distinct subject, with the viewer's own rating. A
   * subject in a space the viewer may not enter is answered as one nobody has rated: a batch
   * serves a whole page, so one private subject must neither fail it nor stand out in it.
   */
  async summaries(viewer: Identity | null, subjects: readonly unknown[]): Promise<RatingSummary[]> {
    const ids = distinctSubjectIds(subjects);
    const inside = ids.filter((id) => this.moderation.mayEnter(viewer, subjectPlace(id)));
    if (inside.length === ids.length) return summarise(this.store, viewer, ids);
    const known = new Map(
      (await summarise(this.store, viewer, inside)).map((summary) => [summary.subject, summary]),
    );
    return ids.map((id) => known.get(id) ?? summaryOf(id, emptyDistribution(), null));
  }

  /** Sets the viewer's rating of `subject` to `input.value`; repeating it changes nothing. */
  async rate(viewer: Identity | null, subject: unknown, input: unknown): Promise<RatingSummary> {
    const author = requireIdentity(viewer, 'Sign in to rate.');
    assertSubjectId(subject);
    this.moderation.requireEnter(author, subjectPlace(subject), NO_SUCH_SUBJECT);
    const value = parseRatingInput(input);
    return this.store.write(async (tx) => {
      await writeRating(tx, this.events, subject, author.id, value, this.now(), author.roles);
      return (await summarise(tx, author, [subject]))[0]!;
    });
  }

  /** Removes the viewer's rating of `subject`, if any. */
  async clear(viewer: Identity | null, subject: unknown): Promise<RatingSummary> {
    const author = requireIdentity(viewer, 'Sign in to change your rating.');
    assertSubjectId(subject);
    this.moderation.requireEnter(author, subjectPlace(subject), NO_SUCH_SUBJECT);
    return this.store.write(async (tx) => {
      if (await tx.reviews.ofAuthor(subject, author.id)) {
        throw new DomainError(
          'conflict',
          'Your review gives this its stars. Change the stars in your review, or delete the review first.',
        );
      }
      const previous = (await tx.ratings.ofUser(author.id, [subject])).get(subject);
      if (previous !== undefined) {
        await tx.ratings.remove(subject, author.id);
        await tx.ratings.addToDistribution(subject, distributionChange(previous, undefined));
        await this.events.record(tx, {
          type: 'rating.set',
          actorId: author.id,
          place: subjectPlace(subject),
          data: { subject, stars: null, previous },
        });
      }
      return (await summarise(tx, author, [subject]))[0]!;
    });
  }
}

export function requireIdentity(viewer: Identity | null, message: string): Identity {
  if (!viewer) throw new DomainError('unauthenticated', message);
  return viewer;
}

/**
 * Sets `userId`'s rating of `subject` inside a transaction, keeping the distribution and the
 * stars of their review (if any) in step: a review's stars are the author's rating.
 */
export async function writeRating(
  tx: StoreWriter,
  events: CommunityEvents,
  subject: string,
  userId: string,
  value: number,
  at: Date,
  roles: readonly Role[],
): Promise<void> {
  const previous = (await tx.ratings.ofUser(userId, [subject])).get(subject);
  if (previous !== value) {
    await tx.ratings.upsert(subject, userId, value, at);
    await tx.ratings.addToDistribution(subject, distributionChange(previous, value));
    await events.record(tx, {
      type: 'rating.set',
      actorId: userId,
      actorRoles: roles,
      place: subjectPlace(subject),
      data: { subject, stars: value, previous: previous ?? null },
    });
  }
  const review = await tx.reviews.ofAuthor(subject, userId);
  if (review && review.stars !== value) await tx.reviews.update(review.id, { stars: value });
}

/** Summaries of `subjects` as `viewer` sees them (with their own rating). */
export async function summarise(
  reader: StoreReader,
  viewer: Identity | null,
  subjects: string[],
): Promise<RatingSummary[]> {
  const [distributions, own] = await Promise.all([
    reader.ratings.distributions(subjects),
    viewer ? reader.ratings.ofUser(viewer.id, subjects) : new Map<string, number>(),
  ]);
  return subjects.map((subject) =>
    summaryOf(subject, distributions.get(subject) ?? emptyDistribution(), own.get(subject) ?? null),
  );
}
