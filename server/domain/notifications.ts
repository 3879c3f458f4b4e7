import type { components } from '../../api/contract.js';
import { NOTIFICATION_KIND_VALUES } from '../../api/limits.js';
import { DomainError, type Issue } from './errors.js';
import type { CommunityEventRow, EventListener } from './events.js';
import { randomId } from './ids.js';
import type { NotificationFacts, NotificationRow } from './notification-store.js';
import { decodeCursor, pageOf, parsePageSize, type Page } from './pagination.js';
import { requireIdentity } from './ratings.js';
import type { Store, StoreWriter } from './store.js';
import type { Identity } from './types.js';

type Schemas = components['schemas'];
export type Notification = Schemas['Notification'];
export type NotificationKind = Schemas['NotificationKind'];
export type NotificationPreferences = Schemas['NotificationPreferences'];
export type UnreadCount = Schemas['UnreadCount'];

/** The contract's list, generated from api/openapi.yaml. */
export const NOTIFICATION_KINDS: readonly NotificationKind[] = NOTIFICATION_KIND_VALUES;

/** Kinds whose unread rows about one thing become one row ("3 new answers to …"). */
const GROUPED: ReadonlySet<NotificationKind> = new Set([
  'answer',
  'comment',
  'status',
  'endorsement',
]);

const MAX_READ_IDS = 100;
const ORDER = 'notifications';

/** One person to tell about one happening; `about` is what rows of a group share. */
interface Delivery {
  recipientId: string;
  kind: NotificationKind;
  about: string;
  facts: Partial<NotificationFacts> & { title: string };
  /** Who the happening is by, when not the event's actor (an approved post: its author). */
  actorId?: string | null;
}

const EMPTY_FACTS: NotificationFacts = {
  title: '',
  subject: null,
  board: null,
  question: null,
  answer: null,
  idea: null,
  post: null,
  topic: null,
  status: null,
  reason: null,
};

/**
 * Who is told of what. An `EventListener`: it runs inside the transaction of the change it
 * hears of, so a notification exists exactly when its cause committed, and the unread
 * counter moves in the same transaction (exact under concurrent writes, O(1) to read).
 * Never tells the person who caused the change; held posts tell nobody until approved.
 */
export class NotificationService implements EventListener {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  async onEvent(tx: StoreWriter, event: CommunityEventRow): Promise<void> {
    const deliveries = await deliveriesOf(tx, event);
    const wanted = deliveries.filter((d) => d.recipientId !== (d.actorId ?? event.actorId));
    if (wanted.length === 0) return;
    const off = await tx.notifications.disabledKinds([
      ...new Set(wanted.map((d) => d.recipientId)),
    ]);
    const seen = new Set<string>();
    for (const delivery of wanted) {
      // A voter who also wrote the idea hears of its status once.
      const once = `${delivery.recipientId}\u0000${delivery.kind}\u0000${delivery.about}`;
      if (seen.has(once) || off.get(delivery.recipientId)?.has(delivery.kind)) continue;
      seen.add(once);
      await this.deliver(tx, event, delivery);
    }
  }

  /** A page of the viewer's notifications, latest activity first. */
  async list(
    viewer: Identity | null,
    options: { cursor?: unknown; limit?: unknown } = {},
  ): Promise<Page<Notification>> {
    const person = requireIdentity(viewer, 'Sign in to see your notifications.');
    const limit = parsePageSize(options.limit);
    const position = decodeCursor(options.cursor, ORDER);
    const before = position && 'after' in position ? Number(position.after[0]) : undefined;
    const rows = await this.store.notifications.list({
      recipientId: person.id,
      ...(before === undefined ? {} : { beforeSeq: before }),
      limit: limit + 1,
    });
    const actorIds = [...new Set(rows.flatMap((row) => (row.actorId ? [row.actorId] : [])))];
    const people = await this.store.experts.people(actorIds);
    return pageOf(
      rows,
      limit,
      (row) => toNotification(row, people.get(row.actorId ?? '')),
      (row) => ({ order: ORDER, after: [row.seq] }),
    );
  }

  async unreadCount(viewer: Identity | null): Promise<UnreadCount> {
    const person = requireIdentity(viewer, 'Sign in to see your notifications.');
    return { unread: await this.store.notifications.unreadCount(person.id) };
  }

  /** Marks `ids` (or all) read; ids that are not the viewer's, or already read, change nothing. */
  async markRead(viewer: Identity | null, body: unknown): Promise<UnreadCount> {
    const person = requireIdentity(viewer, 'Sign in to see your notifications.');
    const ids = parseReadInput(body);
    return this.store.write(async (tx) => {
      const cleared = await tx.notifications.markRead(person.id, ids, this.now());
      if (cleared > 0) await tx.notifications.addToUnread(person.id, -cleared);
      return { unread: await tx.notifications.unreadCount(person.id) };
    });
  }

  async preferences(viewer: Identity | null): Promise<NotificationPreferences> {
    const person = requireIdentity(viewer, 'Sign in to choose your notifications.');
    const off = (await this.store.notifications.disabledKinds([person.id])).get(person.id);
    return preferencesOf(off);
  }

  async setPreferences(viewer: Identity | null, body: unknown): Promise<NotificationPreferences> {
    const person = requireIdentity(viewer, 'Sign in to choose your notifications.');
    const changes = parsePreferencesInput(body);
    return this.store.write(async (tx) => {
      const off = new Set((await tx.notifications.disabledKinds([person.id])).get(person.id));
      for (const [kind, on] of changes) {
        if (on) off.delete(kind);
        else off.add(kind);
      }
      await tx.notifications.setDisabledKinds(
        person.id,
        NOTIFICATION_KINDS.filter((kind) => off.has(kind)),
      );
      return preferencesOf(off);
    });
  }

  private async deliver(
    tx: StoreWriter,
    event: CommunityEventRow,
    { recipientId, kind, about, facts, actorId = event.actorId }: Delivery,
  ): Promise<void> {
    const full = { ...EMPTY_FACTS, ...facts };
    const groupKey = GROUPED.has(kind) ? `${kind}:${about}` : `${kind}:${event.id}`;
    const open = GROUPED.has(kind)
      ? await tx.notifications.unreadInGroup(recipientId, groupKey)
      : undefined;
    if (open) {
      await tx.notifications.regroup(open.id, {
        count: open.count + 1,
        actorId,
        at: event.at,
        facts: full,
      });
    } else {
      await tx.notifications.insert({
        id: randomId('nt_'),
        recipientId,
        kind,
        groupKey,
        place: event.place,
        actorId,
        count: 1,
        readAt: null,
        at: event.at,
        facts: full,
      });
    }
    await tx.notifications.addToUnread(recipientId, 1);
  }
}

/** Who hears of `event`, before leaving out the actor and the kinds people turned off. */
async function deliveriesOf(tx: StoreWriter, event: CommunityEventRow): Promise<Delivery[]> {
  switch (event.type) {
    case 'answer.posted': {
      const data = event.data as CommunityEventRow<'answer.posted'>['data'];
      if (data.held) return [];
      return [answerDelivery(data)];
    }
    case 'idea.commented': {
      const data = event.data as CommunityEventRow<'idea.commented'>['data'];
      if (data.held) return [];
      return [commentDelivery(data)];
    }
    case 'answer.accepted': {
      const data = event.data as CommunityEventRow<'answer.accepted'>['data'];
      if (data.answerId === null || data.answerAuthorId === null) return [];
      return [
        {
          recipientId: data.answerAuthorId,
          kind: 'accepted',
          about: data.answerId,
          facts: {
            title: data.questionTitle,
            subject: data.subject,
            question: data.questionId,
            answer: data.answerId,
          },
        },
      ];
    }
    case 'idea.status-changed': {
      const data = event.data as CommunityEventRow<'idea.status-changed'>['data'];
      const voters = await tx.ideas.voters(data.ideaId);
      return [data.ideaAuthorId, ...voters].map((recipientId) => ({
        recipientId,
        kind: 'status',
        about: data.ideaId,
        facts: { title: data.ideaTitle, board: data.board, idea: data.ideaId, status: data.to },
      }));
    }
    case 'idea.merged': {
      const data = event.data as CommunityEventRow<'idea.merged'>['data'];
      return [data.ideaAuthorId, ...data.voterIds].map((recipientId) => ({
        recipientId,
        kind: 'status',
        about: data.ideaId,
        facts: { title: data.ideaTitle, board: data.board, idea: data.ideaId, status: 'duplicate' },
      }));
    }
    case 'expert.invited': {
      const data = event.data as CommunityEventRow<'expert.invited'>['data'];
      return [
        {
          recipientId: data.personId,
          kind: 'invitation',
          about: data.invitationId,
          facts: { title: data.questionTitle, subject: data.subject, question: data.questionId },
        },
      ];
    }
    case 'expert.endorsed': {
      const data = event.data as CommunityEventRow<'expert.endorsed'>['data'];
      if (!data.endorsed) return [];
      return [
        {
          recipientId: data.personId,
          kind: 'endorsement',
          about: data.topic,
          facts: { title: '', topic: data.topic },
        },
      ];
    }
    case 'moderation.decided':
      return decisionDeliveries(tx, event as CommunityEventRow<'moderation.decided'>);
    default:
      return [];
  }
}

async function decisionDeliveries(
  tx: StoreWriter,
  { data }: CommunityEventRow<'moderation.decided'>,
): Promise<Delivery[]> {
  const post = { kind: data.kind, id: data.postId };
  const toAuthor = (kind: NotificationKind, reason: string | null = null): Delivery[] => [
    {
      recipientId: data.authorId,
      kind,
      about: data.postId,
      facts: { title: data.title, post, reason },
    },
  ];
  switch (data.action) {
    case 'hold':
      return toAuthor('held');
    case 'remove':
      return toAuthor('removed', data.reason);
    case 'restore':
      return toAuthor('restored');
    case 'approve':
      // A held post becomes public now: tell whoever its posting would have told.
      return data.from === 'held' ? approvedDeliveries(tx, data.kind, data.postId) : [];
    default:
      return [];
  }
}

async function approvedDeliveries(
  tx: StoreWriter,
  kind: string,
  postId: string,
): Promise<Delivery[]> {
  if (kind === 'answer') {
    const answer = (await tx.questions.answers([postId])).get(postId);
    const question =
      answer && (await tx.questions.byIds([answer.questionId])).get(answer.questionId);
    if (!answer || !question) return [];
    const delivery = answerDelivery({
      subject: question.subject,
      questionId: question.id,
      questionTitle: question.title,
      questionAuthorId: question.authorId,
      answerId: answer.id,
    });
    return [{ ...delivery, actorId: answer.authorId }];
  }
  if (kind === 'comment') {
    const comment = (await tx.ideas.commentsByIds([postId])).get(postId);
    const idea = comment && (await tx.ideas.byIds([comment.ideaId])).get(comment.ideaId);
    if (!comment || !idea) return [];
    const delivery = commentDelivery({
      board: idea.board,
      ideaId: idea.id,
      ideaTitle: idea.title,
      ideaAuthorId: idea.authorId,
      commentId: comment.id,
    });
    return [{ ...delivery, actorId: comment.authorId }];
  }
  return [];
}

function answerDelivery(data: {
  subject: string;
  questionId: string;
  questionTitle: string;
  questionAuthorId: string;
  answerId: string;
}): Delivery {
  return {
    recipientId: data.questionAuthorId,
    kind: 'answer',
    about: data.questionId,
    facts: {
      title: data.questionTitle,
      subject: data.subject,
      question: data.questionId,
      answer: data.answerId,
    },
  };
}

function commentDelivery(data: {
  board: string;
  ideaId: string;
  ideaTitle: string;
  ideaAuthorId: string;
  commentId: string;
}): Delivery {
  return {
    recipientId: data.ideaAuthorId,
    kind: 'comment',
    about: data.ideaId,
    facts: { title: data.ideaTitle, board: data.board, idea: data.ideaId },
  };
}

function toNotification(
  row: NotificationRow,
  actor: { name: string | null; avatar: string | null } | undefined,
): Notification {
  return {
    id: row.id,
    kind: row.kind,
    count: row.count,
    read: row.readAt !== null,
    at: row.at.toISOString(),
    actor:
      row.actorId === null
        ? null
        : { id: row.actorId, name: actor?.name ?? null, avatar: actor?.avatar ?? null },
    place: row.place,
    ...row.facts,
    post: row.facts.post as Notification['post'],
  };
}

function preferencesOf(off: ReadonlySet<NotificationKind> | undefined): NotificationPreferences {
  const kinds = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, !off?.has(kind)]));
  return { kinds: kinds as NotificationPreferences['kinds'] };
}

function parseReadInput(input: unknown): string[] | null {
  const refuse = (issues: Issue[]) => DomainError.invalid(issues);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw refuse([{ pointer: '', detail: 'Send { "ids": [...] } or { "all": true }.' }]);
  }
  const { ids, all, ...rest } = input as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) {
    throw refuse(extra.map((key) => ({ pointer: `/${key}`, detail: 'Unknown property.' })));
  }
  if (all === true && ids === undefined) return null;
  if (all !== undefined) {
    throw refuse([{ pointer: '/all', detail: 'Send either "all": true or "ids", not both.' }]);
  }
  if (
    !Array.isArray(ids) ||
    ids.length === 0 ||
    ids.length > MAX_READ_IDS ||
    !ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 64)
  ) {
    throw refuse([
      {
        pointer: '/ids',
        detail: `Name 1 to ${MAX_READ_IDS} notification ids, or send "all": true.`,
      },
    ]);
  }
  return [...new Set(ids as string[])];
}

function parsePreferencesInput(input: unknown): Array<[NotificationKind, boolean]> {
  const kinds =
    typeof input === 'object' && input !== null ? (input as { kinds?: unknown }).kinds : undefined;
  if (typeof kinds !== 'object' || kinds === null || Array.isArray(kinds)) {
    throw DomainError.invalid([
      { pointer: '/kinds', detail: 'Send { "kinds": { "answer": false, … } }.' },
    ]);
  }
  const entries = Object.entries(kinds);
  const issues: Issue[] = entries.flatMap(([kind, on]) =>
    !NOTIFICATION_KINDS.includes(kind as NotificationKind)
      ? [{ pointer: `/kinds/${kind}`, detail: `Kinds are ${NOTIFICATION_KINDS.join(', ')}.` }]
      : typeof on !== 'boolean'
        ? [{ pointer: `/kinds/${kind}`, detail: 'Say true (on) or false (off).' }]
        : [],
  );
  if (entries.length === 0) issues.push({ pointer: '/kinds', detail: 'Name at least one kind.' });
  if (issues.length > 0) throw DomainError.invalid(issues);
  return entries as Array<[NotificationKind, boolean]>;
}
