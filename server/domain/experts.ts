import type { components } from '../../api/contract.js';
import { subjectPlace } from './access-rules.js';
import { DomainError } from './errors.js';
import type { CommunityEvents } from './events.js';
import {
  badgesOf,
  levelOf,
  MAX_PROFILE_BATCH,
  MAX_TOPIC_LIST,
  PROFILE_TOPICS,
  topicScore,
  USER_ID_PATTERN,
} from './expert-rules.js';
import type { InvitationRow, TopicScoreRow } from './expert-store.js';
import { Idempotency } from './idempotency.js';
import { decodeCursor, pageOf, parsePageSize, type Page } from './pagination.js';
import { TOPIC_PATTERN } from './qa-rules.js';
import { assertPostId, questionFacts } from './questions.js';
import type { ModerationService } from './moderation.js';
import { requireIdentity } from './ratings.js';
import type { Reputation } from './reputation.js';
import type { Store, StoreReader } from './store.js';
import type { Identity } from './types.js';

type Schemas = components['schemas'];
export type UserProfile = Schemas['UserProfile'];
export type TopicExpertise = Schemas['TopicExpertise'];
export type Expert = Schemas['Expert'];
export type TopicSummary = Schemas['TopicSummary'];
export type Invitation = Schemas['Invitation'];

export interface ExpertListOptions {
  topic?: unknown;
  cursor?: unknown;
  limit?: unknown;
}

/**
 * People and their standing: batched profiles, the ranked directory per topic, peer
 * endorsements (signed in, never of oneself, one per endorser per topic and person) and
 * invitations to answer (the asker invites a known person once per question).
 */
export class ExpertService {
  private readonly idempotency: Idempotency;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly reputation: Reputation,
    private readonly moderation: ModerationService,
    private readonly events: CommunityEvents,
  ) {
    this.idempotency = new Idempotency(store, now);
  }

  /** Profiles of up to 100 people, one per distinct id in order; unknown people included. */
  async profiles(viewer: Identity | null, ids: readonly string[]): Promise<UserProfile[]> {
    if (ids.length === 0 || ids.length > MAX_PROFILE_BATCH) {
      throw DomainError.invalid([
        { pointer: '#ids', detail: `Ask for 1 to ${MAX_PROFILE_BATCH} people at a time.` },
      ]);
    }
    for (const id of ids) assertUserId(id, '#ids');
    return profilesOf(this.store, this.reputation, viewer, [...new Set(ids)]);
  }

  /** A page of people ranked by their score on `topic`, or by reputation without one. */
  async experts(viewer: Identity | null, options: ExpertListOptions): Promise<Page<Expert>> {
    const topic = options.topic === undefined || options.topic === '' ? undefined : options.topic;
    if (topic !== undefined) assertTopic(topic, '#topic');
    const limit = parsePageSize(options.limit);
    const order = topic === undefined ? 'experts' : `experts:${topic}`;
    const position = decodeCursor(options.cursor, order);
    const offset = position && 'offset' in position ? position.offset : 0;
    if (position && !('offset' in position)) {
      throw DomainError.invalid([
        { pointer: '#cursor', detail: 'This cursor is not one the server gave out.' },
      ]);
    }
    const rows = await this.store.experts.rankExperts({
      topic,
      offset,
      limit: limit + 1,
    });
    const people = await peopleOf(
      this.store,
      this.reputation,
      viewer,
      rows.slice(0, limit).map((row) => row.userId),
    );
    const byId = new Map(people.map((person) => [person.profile.id, person]));
    return pageOf(
      rows.map((row, index) => ({ ...row, index })),
      limit,
      (row) => {
        const { profile, expertise } = byId.get(row.userId)!;
        const standing = topic === undefined ? undefined : expertise.find((e) => e.topic === topic);
        return {
          rank: offset + row.index + 1,
          score: row.score,
          topic: topic ?? null,
          user: profile,
          ...(standing ? { expertise: standing } : {}),
        };
      },
      (_row, index) => ({ order, offset: offset + index + 1 }),
    );
  }

  async topics(): Promise<{ items: TopicSummary[] }> {
    return {
      items: await this.store.experts.topics(MAX_TOPIC_LIST),
    };
  }

  /** Sets (or with `endorsed: false` withdraws) the viewer's endorsement of `userId` on `topic`. */
  async endorse(
    viewer: Identity | null,
    userId: unknown,
    topic: unknown,
    endorsed: boolean,
  ): Promise<TopicExpertise> {
    const endorser = requireIdentity(viewer, 'Sign in to endorse people.');
    assertUserId(userId, '#userId');
    assertTopic(topic, '#topic');
    if (userId === endorser.id) {
      throw new DomainError('forbidden', 'You cannot endorse yourself.');
    }
    return this.store.write(async (tx) => {
      const person = (await tx.experts.people([userId])).get(userId);
      if (!person || person.name === null) {
        throw new DomainError('not-found', 'There is no such person in this community.');
      }
      const key = `${userId}\u0000${topic}`;
      const had = (await tx.experts.endorsementsBy(endorser.id, [userId])).has(key);
      if (had !== endorsed) {
        const delta = endorsed ? 1 : -1;
        await tx.experts.setEndorsement(endorser.id, userId, topic, endorsed ? this.now() : null);
        await tx.experts.addToTopic(userId, topic, {
          endorsements: delta,
          score: topicScore(0, delta, this.reputation.weights),
        });
        await tx.experts.addToPerson(userId, { endorsements: delta });
        await this.events.record(tx, {
          type: 'expert.endorsed',
          actorId: endorser.id,
          place: null,
          data: { personId: userId, topic, endorsed },
        });
      }
      const row = (await tx.experts.topicScores([userId])).find((r) => r.topic === topic);
      return expertiseOf(
        row ?? { userId, topic, points: 0, endorsements: 0 },
        endorsed,
        this.reputation,
      );
    });
  }

  /** The asker invites a known person to answer their question. */
  async invite(
    viewer: Identity | null,
    questionId: unknown,
    body: unknown,
    idempotencyKey?: string,
  ): Promise<Invitation> {
    const asker = requireIdentity(viewer, 'Sign in to invite people to answer.');
    assertPostId(questionId, '#questionId');
    const userId = parseInvitation(body);
    if (userId === asker.id) {
      throw DomainError.invalid([{ pointer: '/userId', detail: 'You cannot invite yourself.' }]);
    }
    return this.idempotency.write(
      asker,
      { key: idempotencyKey, operation: 'inviteToAnswer', request: { questionId, body } },
      async (tx) => {
        const question = (await tx.questions.byIds([questionId])).get(questionId);
        if (!question || !this.moderation.mayEnter(asker, subjectPlace(question.subject))) {
          throw new DomainError(
            'not-found',
            'There is no such question (it may have been deleted).',
          );
        }
        if (question.authorId !== asker.id) {
          throw new DomainError(
            'forbidden',
            'Only the person who asked can invite people to answer.',
          );
        }
        const person = (await tx.experts.people([userId])).get(userId);
        if (!person || person.name === null) {
          throw new DomainError('not-found', 'There is no such person in this community.');
        }
        if (await tx.questions.answeredBy(question.id, userId)) {
          throw new DomainError('conflict', 'This person has already answered this question.');
        }
        if (await tx.experts.invitation(question.id, userId)) {
          throw new DomainError(
            'conflict',
            'This person is already invited to answer this question.',
          );
        }
        const row = await tx.experts.insertInvitation({
          id: newInvitationId(),
          questionId: question.id,
          userId,
          invitedById: asker.id,
          invitedByName: asker.name,
          invitedByAvatar: asker.avatar,
          createdAt: this.now(),
        });
        await this.events.record(tx, {
          type: 'expert.invited',
          actorId: asker.id,
          place: subjectPlace(question.subject),
          data: {
            ...questionFacts(question),
            personId: userId,
            invitationId: row.id,
          },
        });
        return toInvitation(row, question);
      },
    );
  }

  /**
   * The viewer's invitations, newest first; those on deleted questions, and on questions in
   * places the viewer may no longer enter, are left out.
   */
  async invitations(
    viewer: Identity | null,
    options: { cursor?: unknown; limit?: unknown },
  ): Promise<Page<Invitation>> {
    const invitee = requireIdentity(viewer, 'Sign in to see your invitations.');
    const limit = parsePageSize(options.limit);
    const position = decodeCursor(options.cursor, 'invitations');
    const before = position && 'after' in position ? Number(position.after[0]) : undefined;
    const rows = await this.store.experts.listInvitations({
      userId: invitee.id,
      beforeSeq: before,
      limit: limit + 1,
    });
    const questions = await this.store.questions.byIds([
      ...new Set(rows.map((row) => row.questionId)),
    ]);
    const page = pageOf(
      rows,
      limit,
      (row) => row,
      (row) => ({ order: 'invitations', after: [row.seq] }),
    );
    return {
      items: page.items.flatMap((row) => {
        const question = questions.get(row.questionId);
        return question && this.moderation.mayEnter(invitee, subjectPlace(question.subject))
          ? [toInvitation(row, question)]
          : [];
      }),
      nextCursor: page.nextCursor,
    };
  }
}

/** Profiles of `ids` (distinct, in order) with the viewer's endorsements, in three reads. */
export async function profilesOf(
  reader: StoreReader,
  reputation: Reputation,
  viewer: Identity | null,
  ids: readonly string[],
): Promise<UserProfile[]> {
  return (await peopleOf(reader, reputation, viewer, ids)).map((person) => person.profile);
}

/** Each person's profile with their expertise on every topic they score on, best first. */
async function peopleOf(
  reader: StoreReader,
  reputation: Reputation,
  viewer: Identity | null,
  ids: readonly string[],
): Promise<Array<{ profile: UserProfile; expertise: TopicExpertise[] }>> {
  if (ids.length === 0) return [];
  const [people, scores, endorsed] = await Promise.all([
    reader.experts.people(ids),
    reader.experts.topicScores(ids),
    viewer ? reader.experts.endorsementsBy(viewer.id, ids) : Promise.resolve(new Set<string>()),
  ]);
  const topicsOf = new Map<string, TopicScoreRow[]>();
  for (const row of scores) {
    if (topicScore(row.points, row.endorsements, reputation.weights) <= 0) continue;
    const list = topicsOf.get(row.userId) ?? [];
    list.push(row);
    topicsOf.set(row.userId, list);
  }
  return ids.map((id) => {
    const person = people.get(id);
    const reputationPoints = person?.reputation ?? 0;
    const expertise = (topicsOf.get(id) ?? [])
      .map((row) => expertiseOf(row, endorsed.has(`${id}\u0000${row.topic}`), reputation))
      .sort((a, b) => b.score - a.score || (a.topic < b.topic ? -1 : 1));
    const profile: UserProfile = {
      id,
      name: person?.name ?? null,
      avatar: person?.avatar ?? null,
      reputation: reputationPoints,
      ...levelOf(reputationPoints),
      topics: expertise.slice(0, PROFILE_TOPICS),
      badges: person ? badgesOf(person) : [],
    };
    return { profile, expertise };
  });
}

function expertiseOf(
  row: TopicScoreRow,
  endorsedByViewer: boolean,
  reputation: Reputation,
): TopicExpertise {
  return {
    userId: row.userId,
    topic: row.topic,
    score: topicScore(row.points, row.endorsements, reputation.weights),
    points: row.points,
    endorsements: row.endorsements,
    endorsedByViewer,
  };
}

function toInvitation(
  row: InvitationRow,
  question: { id: string; title: string; subject: string },
): Invitation {
  return {
    id: row.id,
    questionId: question.id,
    questionTitle: question.title,
    subject: question.subject,
    userId: row.userId,
    invitedBy: { id: row.invitedById, name: row.invitedByName, avatar: row.invitedByAvatar },
    createdAt: row.createdAt.toISOString(),
  };
}

function parseInvitation(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw DomainError.invalid([{ pointer: '', detail: 'Send an object with `userId`.' }]);
  }
  const extra = Object.keys(body).filter((key) => key !== 'userId');
  if (extra.length > 0) {
    throw DomainError.invalid(
      extra.map((key) => ({
        pointer: `/${key}`,
        detail: 'This field is not part of an invitation.',
      })),
    );
  }
  const userId = (body as { userId?: unknown }).userId;
  assertUserId(userId, '/userId');
  return userId;
}

export function assertUserId(value: unknown, pointer: string): asserts value is string {
  if (typeof value !== 'string' || !USER_ID_PATTERN.test(value)) {
    throw DomainError.invalid([{ pointer, detail: 'This is not a valid user id.' }]);
  }
}

function assertTopic(value: unknown, pointer: string): asserts value is string {
  if (typeof value !== 'string' || !TOPIC_PATTERN.test(value)) {
    throw DomainError.invalid([
      { pointer, detail: 'A topic is 1–32 lower-case letters, digits and hyphens.' },
    ]);
  }
}

function newInvitationId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'i' + Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
