import type { components } from '../../api/contract.js';
import { normalizeUserText } from '../../api/shared/user-text.js';
import { NO_SUCH_SUBJECT, subjectPlace } from './access-rules.js';
import { DomainError, type Issue } from './errors.js';
import type { CommunityEvents } from './events.js';
import type { Idempotency } from './idempotency.js';
import {
  decodeCursor,
  pageOf,
  parsePageSize,
  type CursorPosition,
  type Page,
} from './pagination.js';
import { requireIdentity, summarise, writeRating } from './ratings.js';
import {
  moderatedPost,
  type ModeratedPost,
  type ModerationNote,
  type ModerationService,
} from './moderation.js';
import { Reputation } from './reputation.js';
import {
  HELPFUL_VALUES,
  HELPFUL_VOTE_KIND,
  REVIEW_BODY_LIMITS,
  REVIEW_ID_PATTERN,
  REVIEW_SORTS,
  REVIEW_TITLE_LIMITS,
  type HelpfulValue,
  type ReviewSort,
} from './review-rules.js';
import type { ReviewRow } from './review-store.js';
import type { Store, StoreReader } from './store.js';
import type { Identity, RatingSummary } from './types.js';
import { textLimitIssue } from './user-text.js';
import { assertSubjectId, MAX_RATING, MIN_RATING } from './validate.js';

type Schemas = components['schemas'];
export type Review = Schemas['Review'];
export type ReviewPage = Schemas['ReviewPage'];
export type ReviewWrite = Schemas['ReviewWrite'];
export type ReviewDeleted = Schemas['ReviewDeleted'];

/** What the list query parameters ask for, as the HTTP front ends pass them. */
export interface ReviewListParameters {
  sort?: string | undefined;
  stars?: string | undefined;
  cursor?: string | undefined;
  limit?: string | undefined;
}

interface ReviewFields {
  stars: number;
  title: string;
  body: string;
}

/**
 * The rules of reviews:
 * - one review per person per subject; a second is a 409 (edit the first instead);
 * - its stars ARE the author's rating: creating or editing a review writes the rating in the
 *   same transaction (so the summary moves with it), and changing the rating elsewhere
 *   changes the review's stars; deleting a review keeps the rating;
 * - only the author edits; the author or a moderator deletes;
 * - "helpful" answers (yes/no/none) are one per person per review and never on one's own;
 * - `verified` comes only from the host's signed token (`Identity.verifiedSubjects`);
 * - creating takes an `Idempotency-Key` (see idempotency.ts).
 */
export class ReviewService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly idempotency: Idempotency,
    private readonly reputation: Reputation,
    private readonly moderation: ModerationService,
    private readonly events: CommunityEvents,
  ) {
    // A taken-down review keeps its author's stars, as a deleted one does (deleteReview).
    moderation.register(REVIEW, {
      posts: async (reader, ids) => {
        const rows = await reader.reviews.byIds(ids);
        return new Map([...rows].map(([id, row]) => [id, reviewPost(row)]));
      },
      withdraw: (tx, post) => this.reputation.removeGroup(tx, post.id),
      publish: (tx, _post, ledger) => this.reputation.reinstate(tx, ledger),
    });
  }

  async list(
    viewer: Identity | null,
    subject: unknown,
    parameters: ReviewListParameters,
  ): Promise<ReviewPage> {
    assertSubjectId(subject);
    const place = subjectPlace(subject);
    this.moderation.requireEnter(viewer, place, NO_SUCH_SUBJECT);
    const sort = parseSort(parameters.sort);
    const stars = parseStarsFilter(parameters.stars);
    const limit = parsePageSize(parameters.limit);
    const order = `reviews:${sort}:${stars ?? 'all'}`;
    const position = decodeCursor(parameters.cursor, order);
    if (position && !('after' in position)) {
      throw DomainError.invalid([
        { pointer: '#cursor', detail: 'This cursor is not one the server gave out.' },
      ]);
    }
    const rows = await this.store.reviews.list({
      subject,
      order: sort,
      stars,
      visibleTo: this.moderation.visibilityFor(viewer),
      after: position?.after,
      limit: limit + 1,
    });
    const own = viewer ? await this.store.reviews.ofAuthor(subject, viewer.id) : undefined;
    const votes = await helpfulVotes(this.store, viewer, [
      ...rows.map((row) => row.id),
      ...(own ? [own.id] : []),
    ]);
    const shown = await this.moderation.shown(
      this.store,
      viewer,
      REVIEW,
      [...rows.slice(0, limit), ...(own ? [own] : [])],
      place,
    );
    // The query left out the reviews the viewer may not see, so the page is full; `shown` adds
    // the notes their authors and moderators read.
    const page: Page<Review | undefined> = pageOf(
      rows,
      limit,
      (row) => (shown.has(row.id) ? toReview(row, viewer, votes, shown.get(row.id)) : undefined),
      (row): CursorPosition => ({ order, after: keysetOf(row, sort) }),
    );
    return {
      items: page.items.filter((item) => item !== undefined),
      nextCursor: page.nextCursor,
      viewerReview: own ? toReview(own, viewer, votes, shown.get(own.id)) : null,
    };
  }

  async create(
    viewer: Identity | null,
    subject: unknown,
    input: unknown,
    idempotencyKey: string | undefined,
  ): Promise<ReviewWrite> {
    const author = requireIdentity(viewer, 'Sign in to write a review.');
    assertSubjectId(subject);
    this.moderation.requireEnter(author, subjectPlace(subject), NO_SUCH_SUBJECT);
    const fields = parseReviewFields(input, false) as ReviewFields;
    return this.idempotency.write(
      author,
      { key: idempotencyKey, operation: 'createReview', request: { subject, body: input } },
      async (tx) => {
        if (await tx.reviews.ofAuthor(subject, author.id)) {
          throw new DomainError(
            'conflict',
            'You have already reviewed this. Edit your review instead of writing a second one.',
          );
        }
        const now = this.now();
        await writeRating(tx, this.events, subject, author.id, fields.stars, now, author.roles);
        const row = await tx.reviews.insert({
          id: newReviewId(),
          subject,
          stars: fields.stars,
          title: fields.title,
          body: fields.body,
          verified: isVerified(author, subject),
          authorId: author.id,
          authorName: author.name,
          authorAvatar: author.avatar,
          createdAt: now,
          editedAt: null,
          helpfulYes: 0,
          helpfulNo: 0,
        });
        const note = await this.moderation.admit(tx, author, reviewPost(row));
        await this.events.record(tx, {
          type: 'review.posted',
          actorId: author.id,
          actorRoles: author.roles,
          place: subjectPlace(subject),
          data: {
            ...reviewFacts(row),
            stars: row.stars,
            title: row.title,
            held: note !== undefined,
          },
        });
        return {
          review: toReview(row, author, new Map(), note),
          rating: await subjectSummary(tx, author, subject),
        };
      },
    );
  }

  async edit(viewer: Identity | null, id: unknown, input: unknown): Promise<ReviewWrite> {
    const author = requireIdentity(viewer, 'Sign in to edit your review.');
    assertReviewId(id);
    const changes = parseReviewFields(input, true);
    return this.store.write(async (tx) => {
      const row = await this.requireReview(tx, author, id);
      if (row.authorId !== author.id) {
        throw new DomainError('forbidden', 'Only its author can edit a review.');
      }
      const now = this.now();
      if (changes.stars !== undefined) {
        await writeRating(
          tx,
          this.events,
          row.subject,
          author.id,
          changes.stars,
          now,
          author.roles,
        );
      }
      await tx.reviews.update(id, {
        ...(changes.title !== undefined ? { title: changes.title } : {}),
        ...(changes.body !== undefined ? { body: changes.body } : {}),
        // A purchase does not un-happen: once verified, a review stays verified.
        verified: row.verified || isVerified(author, row.subject),
        editedAt: now,
      });
      const edited = (await tx.reviews.byIds([id])).get(id)!;
      await this.events.record(tx, {
        type: 'review.edited',
        actorId: author.id,
        place: subjectPlace(row.subject),
        data: reviewFacts(row),
      });
      const votes = await helpfulVotes(tx, author, [id]);
      const shown = await this.moderation.shown(
        tx,
        author,
        REVIEW,
        [edited],
        subjectPlace(edited.subject),
      );
      return {
        review: toReview(edited, author, votes, shown.get(id)),
        rating: await subjectSummary(tx, author, row.subject),
      };
    });
  }

  async remove(viewer: Identity | null, id: unknown): Promise<ReviewDeleted> {
    const actor = requireIdentity(viewer, 'Sign in to delete a review.');
    assertReviewId(id);
    return this.store.write(async (tx) => {
      const row = await this.requireReview(tx, actor, id);
      if (row.authorId !== actor.id && !actor.roles.includes('moderator')) {
        throw new DomainError('forbidden', 'Only its author or a moderator can delete a review.');
      }
      // The author's rating stays: see the contract's deleteReview.
      await this.reputation.removeGroup(tx, id);
      await tx.reviews.remove(id);
      await this.moderation.closeDeleted(tx, REVIEW, { ids: [id] });
      await this.events.record(tx, {
        type: 'review.deleted',
        actorId: actor.id,
        place: subjectPlace(row.subject),
        data: reviewFacts(row),
      });
      return { rating: await subjectSummary(tx, actor, row.subject) };
    });
  }

  async setHelpful(viewer: Identity | null, id: unknown, input: unknown): Promise<Review> {
    const voter = requireIdentity(viewer, 'Sign in to say whether a review helped you.');
    assertReviewId(id);
    const value = parseHelpfulInput(input);
    return this.store.write(async (tx) => {
      const row = await this.requireReview(tx, voter, id);
      await this.moderation.requireShown(
        tx,
        voter,
        REVIEW,
        row,
        subjectPlace(row.subject),
        notFound().message,
      );
      if (row.authorId === voter.id) {
        throw new DomainError('forbidden', 'You cannot vote on your own review.');
      }
      const previous = (await tx.votes.ofUser(voter.id, HELPFUL_VOTE_KIND, [id])).get(id) ?? 0;
      const next = value === 'yes' ? 1 : value === 'no' ? -1 : 0;
      if (previous !== next) {
        await tx.votes.set(HELPFUL_VOTE_KIND, id, voter.id, next, this.now());
        await tx.reviews.addToHelpful(id, {
          yes: (next === 1 ? 1 : 0) - (previous === 1 ? 1 : 0),
          no: (next === -1 ? 1 : 0) - (previous === -1 ? 1 : 0),
        });
        const helpful = (next === 1 ? 1 : 0) - (previous === 1 ? 1 : 0);
        await this.reputation.award(
          tx,
          { id: row.authorId, name: row.authorName, avatar: row.authorAvatar },
          { kind: 'review', id, group: id },
          helpful * this.reputation.weights.reviewHelpful,
          [],
          { helpfulVotes: helpful },
        );
        await this.events.record(tx, {
          type: 'review.voted',
          actorId: voter.id,
          place: subjectPlace(row.subject),
          data: { ...reviewFacts(row), helpful: helpfulOf(next), previous: helpfulOf(previous) },
        });
      }
      const updated = (await tx.reviews.byIds([id])).get(id)!;
      return toReview(updated, voter, new Map(next === 0 ? [] : [[id, next]]));
    });
  }

  /** The review, if it exists in a place the viewer may enter. */
  private async requireReview(reader: StoreReader, viewer: Identity, id: string) {
    const row = (await reader.reviews.byIds([id])).get(id);
    if (!row) throw notFound();
    this.moderation.requireEnter(viewer, subjectPlace(row.subject), notFound().message);
    return row;
  }
}

function reviewFacts(row: ReviewRow) {
  return { subject: row.subject, reviewId: row.id, authorId: row.authorId };
}

const helpfulOf = (vote: number) => (vote === 1 ? 'yes' : vote === -1 ? 'no' : null);

function notFound(): DomainError {
  return new DomainError('not-found', 'This review does not exist (any more).');
}

async function subjectSummary(
  reader: StoreReader,
  viewer: Identity,
  subject: string,
): Promise<RatingSummary> {
  return (await summarise(reader, viewer, [subject]))[0]!;
}

async function helpfulVotes(
  reader: StoreReader,
  viewer: Identity | null,
  ids: string[],
): Promise<Map<string, number>> {
  if (!viewer || ids.length === 0) return new Map();
  return reader.votes.ofUser(viewer.id, HELPFUL_VOTE_KIND, ids);
}

function isVerified(author: Identity, subject: string): boolean {
  return author.verifiedSubjects?.includes(subject) ?? false;
}

function keysetOf(row: ReviewRow, sort: ReviewSort): Array<number> {
  switch (sort) {
    case 'helpful':
      return [row.helpfulYes, row.seq];
    case 'highest':
    case 'lowest':
      return [row.stars, row.seq];
    default:
      return [row.seq];
  }
}

const REVIEW = 'review';

function reviewPost(row: ReviewRow): ModeratedPost {
  return moderatedPost(REVIEW, row, row.subject, subjectPlace(row.subject), row.title);
}

/** A stored review as the viewer sees it. */
export function toReview(
  row: ReviewRow,
  viewer: Identity | null,
  votes: ReadonlyMap<string, number>,
  note?: ModerationNote,
): Review {
  const vote = votes.get(row.id);
  return {
    id: row.id,
    subject: row.subject,
    stars: row.stars,
    title: row.title,
    body: row.body,
    author: { id: row.authorId, name: row.authorName, avatar: row.authorAvatar },
    verified: row.verified,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    helpful: { yes: row.helpfulYes, no: row.helpfulNo },
    viewerHelpful: vote === 1 ? 'yes' : vote === -1 ? 'no' : 'none',
    own: viewer !== null && viewer.id === row.authorId,
    ...(note ? { moderation: note } : {}),
  };
}

/** Ids unguessable enough that nobody can enumerate reviews; fits `ReviewId`. */
function newReviewId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `r_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function assertReviewId(id: unknown, pointer = '#review'): asserts id is string {
  if (typeof id !== 'string' || !REVIEW_ID_PATTERN.test(id)) {
    throw DomainError.invalid([{ pointer, detail: 'This is not a review id.' }]);
  }
}

function parseSort(sort: string | undefined): ReviewSort {
  if (sort === undefined || sort === '') return 'newest';
  if (!(REVIEW_SORTS as readonly string[]).includes(sort)) {
    throw DomainError.invalid([
      { pointer: '#sort', detail: `Sort by one of: ${REVIEW_SORTS.join(', ')}.` },
    ]);
  }
  return sort as ReviewSort;
}

function parseStarsFilter(stars: string | undefined): number | undefined {
  if (stars === undefined || stars === '') return undefined;
  if (!/^[1-5]$/.test(stars)) {
    throw DomainError.invalid([
      { pointer: '#stars', detail: 'Filter by a whole number of stars from 1 to 5.' },
    ]);
  }
  return Number(stars);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a `ReviewInput` (all fields) or `ReviewChanges` (any, at least one) body and
 * returns the normalised fields. Every broken field is reported at once.
 */
export function parseReviewFields(body: unknown, partial: boolean): Partial<ReviewFields> {
  if (!isPlainObject(body)) {
    throw DomainError.invalid([{ pointer: '', detail: 'The body must be a JSON object.' }]);
  }
  const known = ['stars', 'title', 'body'];
  const issues: Issue[] = Object.keys(body)
    .filter((key) => !known.includes(key))
    .map((key) => ({ pointer: `/${key}`, detail: `Unknown field "${key}".` }));
  const fields: Partial<ReviewFields> = {};
  if (partial && known.every((key) => body[key] === undefined) && issues.length === 0) {
    issues.push({ pointer: '', detail: 'Change at least one of stars, title and text.' });
  }
  const { stars } = body;
  if (stars === undefined) {
    if (!partial) issues.push({ pointer: '/stars', detail: 'Choose how many stars you give.' });
  } else if (
    typeof stars !== 'number' ||
    !Number.isInteger(stars) ||
    stars < MIN_RATING ||
    stars > MAX_RATING
  ) {
    issues.push({
      pointer: '/stars',
      detail: `Stars must be a whole number from ${MIN_RATING} to ${MAX_RATING}.`,
    });
  } else fields.stars = stars;
  for (const [key, limits, what] of [
    ['title', REVIEW_TITLE_LIMITS, 'The title'],
    ['body', REVIEW_BODY_LIMITS, 'The review text'],
  ] as const) {
    const value = body[key];
    if (value === undefined) {
      if (!partial) issues.push({ pointer: `/${key}`, detail: `${what} must not be empty.` });
      continue;
    }
    if (typeof value !== 'string') {
      issues.push({ pointer: `/${key}`, detail: `${what} must be text.` });
      continue;
    }
    const text = normalizeUserText(value);
    const issue = textLimitIssue(text, limits, `/${key}`, what);
    if (issue) issues.push(issue);
    else fields[key] = text;
  }
  if (issues.length > 0) throw DomainError.invalid(issues);
  return fields;
}

function parseHelpfulInput(body: unknown): HelpfulValue {
  if (!isPlainObject(body)) {
    throw DomainError.invalid([{ pointer: '', detail: 'The body must be a JSON object.' }]);
  }
  const issues: Issue[] = Object.keys(body)
    .filter((key) => key !== 'value')
    .map((key) => ({ pointer: `/${key}`, detail: `Unknown field "${key}".` }));
  const { value } = body;
  if (typeof value !== 'string' || !(HELPFUL_VALUES as readonly string[]).includes(value)) {
    issues.push({ pointer: '/value', detail: 'Answer yes, no or none.' });
  }
  if (issues.length > 0) throw DomainError.invalid(issues);
  return value as HelpfulValue;
}
