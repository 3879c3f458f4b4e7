import type { CommunityEventRow, EventContext, EventListener } from './events.js';
import type { InsightBucket } from './insight-store.js';
import type { StoreWriter } from './store.js';

/**
 * Keeps the insights' aggregates in the transaction of each community event (ADR 014).
 *
 * Every counted thing (a rating, a question, an answer, an idea, a comment, a review, an
 * endorsement) keeps the state it was last counted with. A change subtracts what the old
 * state contributed and adds what the new one does, so removals, restores, deletions and
 * merges adjust every counter exactly, whatever order they come in. Figures describe the
 * community's public content as it is now, filed under the day that content was created.
 */

const DAY_MS = 86_400_000;
export const ALL = '*';

export const dayOf = (at: Date | number): number => Math.floor(+at / DAY_MS);
/** The Monday of `day`'s ISO week (day 0, 1970-01-01, was a Thursday). */
export const weekOf = (day: number): number => day - ((day + 3) % 7);

/**
 * Upper edges (seconds) of the duration histograms the medians are read from: a median is
 * reported as the upper edge of the bucket holding the middle duration. Longer durations
 * fall in the last bucket.
 */
export const DURATION_EDGES = [
  60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 43_200, 86_400, 172_800, 345_600, 604_800,
  1_209_600, 2_592_000, 7_776_000,
] as const;

export function durationBucket(ms: number): number {
  const seconds = ms / 1000;
  const index = DURATION_EDGES.findIndex((edge) => seconds <= edge);
  return index === -1 ? DURATION_EDGES.length - 1 : index;
}

/** Metric names, as stored. */
export const M = {
  ratings: 'ratings',
  ratingRank: 'ratings.rank',
  questions: 'questions',
  /** `asked`/`answered` per topic per ISO week: the experts insight reads whole weeks here. */
  topicWeeks: 'questions.week',
  topicRank: 'topics.rank',
  answersBy: 'answers.by',
  ideas: 'ideas',
  endorsements: 'endorsements',
  /** `given` per ISO week, beside the daily `endorsements`. */
  endorsementWeeks: 'endorsements.week',
  people: 'people',
} as const;

/**
 * The metrics whose counters are ranked (`InsightStoreReader.top`): only their counters are
 * indexed by value, so a write to any other counter keeps one B-tree in step, not two.
 */
export const RANKED_METRICS: readonly string[] = [M.ratingRank, M.topicRank, M.answersBy];

interface Authored {
  author: string;
  /** Whether the author posted it with the `employee` role. */
  employee: boolean;
  /** Created, epoch ms. */
  at: number;
}
export interface RatingState extends Authored {
  subject: string;
  stars: number;
}
export interface ReviewState extends Authored {
  subject: string;
  visible: boolean;
}
export interface QuestionState extends Authored {
  subject: string;
  topics: string[];
  visible: boolean;
  acceptedId: string | null;
  acceptedAt: number | null;
  /** Derived from the question's answers: the first public answer's time. */
  firstAnswerAt: number | null;
  /** `acceptedAt` while the accepted answer is public. */
  acceptedShown: number | null;
}
export interface AnswerState extends Authored {
  questionId: string;
  subject: string;
  topics: string[];
  visible: boolean;
  /** An answer counts only while its question is public too. */
  questionVisible: boolean;
}
export interface IdeaState extends Authored {
  board: string;
  visible: boolean;
  merged: boolean;
  votes: number;
  /** Each status the idea entered, with when. */
  history: Array<[status: string, since: number]>;
}
export interface CommentState extends Authored {
  board: string;
  visible: boolean;
}
export interface EndorsementState {
  topic: string;
  at: number;
}
/** A person's public contributions per week in one scope: `[count, made as employee]`. */
interface PersonState {
  weeks: Record<string, [number, number]>;
}

export type States = {
  rating: RatingState;
  review: ReviewState;
  question: QuestionState;
  answer: AnswerState;
  idea: IdeaState;
  comment: CommentState;
  endorsement: EndorsementState;
};
export type Kind = keyof States;

interface PersonWeek {
  scope: string;
  person: string;
  week: number;
  employee: boolean;
}
interface Contribution {
  buckets: InsightBucket[];
  people: PersonWeek[];
}

const subjectScope = (subject: string) => `subject:${subject}`;
const boardScope = (board: string) => `board:${board}`;
const topicScope = (topic: string) => `topic:${topic}`;

/** The scopes a question (and its answers) is counted in. */
export const questionScopes = (state: { subject: string; topics: readonly string[] }): string[] => [
  ALL,
  subjectScope(state.subject),
  ...state.topics.map(topicScope),
];

function contribution<K extends Kind>(kind: K, state: States[K] | undefined): Contribution {
  const out: Contribution = { buckets: [], people: [] };
  if (!state) return out;
  const add = (metric: string, scope: string, day: number, key: string, value = 1) => {
    if (value !== 0) out.buckets.push({ metric, scope, day, key, value });
  };
  const person = (scopes: string[], s: Authored) => {
    const week = weekOf(dayOf(s.at));
    for (const scope of scopes)
      out.people.push({ scope, person: s.author, week, employee: s.employee });
  };
  switch (kind) {
    case 'rating': {
      const s = state as RatingState;
      const day = dayOf(s.at);
      for (const scope of [ALL, subjectScope(s.subject)]) add(M.ratings, scope, day, `s${s.stars}`);
      add(M.ratingRank, ALL, weekOf(day), s.subject);
      person([ALL, subjectScope(s.subject)], s);
      break;
    }
    case 'review': {
      const s = state as ReviewState;
      if (s.visible) person([ALL, subjectScope(s.subject)], s);
      break;
    }
    case 'question': {
      const s = state as QuestionState;
      if (!s.visible) break;
      const day = dayOf(s.at);
      for (const scope of questionScopes(s)) {
        add(M.questions, scope, day, 'asked');
        if (s.firstAnswerAt !== null) {
          add(M.questions, scope, day, 'answered');
          add(M.questions, scope, day, `ttfa:${durationBucket(s.firstAnswerAt - s.at)}`);
        }
        if (s.acceptedShown !== null) {
          add(M.questions, scope, day, 'accepted');
          add(M.questions, scope, day, `tta:${durationBucket(s.acceptedShown - s.at)}`);
        }
      }
      for (const topic of s.topics) {
        add(M.topicRank, ALL, weekOf(day), topic);
        add(M.topicWeeks, topicScope(topic), weekOf(day), 'asked');
        if (s.firstAnswerAt !== null) add(M.topicWeeks, topicScope(topic), weekOf(day), 'answered');
      }
      person([ALL, subjectScope(s.subject)], s);
      break;
    }
    case 'answer': {
      const s = state as AnswerState;
      if (!s.visible || !s.questionVisible) break;
      const week = weekOf(dayOf(s.at));
      for (const scope of questionScopes(s)) add(M.answersBy, scope, week, s.author);
      person([ALL, subjectScope(s.subject)], s);
      break;
    }
    case 'idea': {
      const s = state as IdeaState;
      if (!s.visible || s.merged) break;
      const day = dayOf(s.at);
      const current = s.history.at(-1)?.[0];
      for (const scope of [ALL, boardScope(s.board)]) {
        add(M.ideas, scope, day, 'submitted');
        add(M.ideas, scope, day, 'votes', s.votes);
        if (current) add(M.ideas, scope, day, `status:${current}`);
        for (const status of new Set(s.history.map(([entered]) => entered))) {
          add(M.ideas, scope, day, `reached:${status}`);
        }
        s.history.slice(0, -1).forEach(([status, since], i) => {
          const left = s.history[i + 1]![1];
          add(M.ideas, scope, day, `stay:${status}:${durationBucket(left - since)}`);
        });
      }
      person([ALL, boardScope(s.board)], s);
      break;
    }
    case 'comment': {
      const s = state as CommentState;
      if (s.visible) person([ALL, boardScope(s.board)], s);
      break;
    }
    case 'endorsement': {
      const s = state as EndorsementState;
      for (const scope of [ALL, topicScope(s.topic)]) {
        add(M.endorsements, scope, dayOf(s.at), 'given');
        add(M.endorsementWeeks, scope, weekOf(dayOf(s.at)), 'given');
      }
      break;
    }
  }
  return out;
}

/** The week a person first contributed in (the one they count as `new` in), if any. */
function firstWeek(state: PersonState | undefined): number | undefined {
  if (!state) return undefined;
  let first: number | undefined;
  for (const week in state.weeks) if (first === undefined || +week < first) first = +week;
  return first;
}

/**
 * What some of a person's weeks contribute: active, new or returning, employee or customer.
 * A week's counters depend only on that week's pair and on which week is the first, so a
 * change needs the weeks it touched and the first week before and after it, not every week
 * of a member's history. Building both sides for every week made a member of three years
 * (150 weeks) build 900 counter moves that cancel out for each rating, at 2.7 times a
 * newcomer's cost per write. `first` is `firstWeek(state)`, which the caller has already
 * found to pick the weeks.
 */
function personBuckets(
  scope: string,
  state: PersonState | undefined,
  first: number | undefined,
  sign: number,
  weeks: ReadonlySet<number>,
): InsightBucket[] {
  const rows: InsightBucket[] = [];
  for (const week of weeks) {
    const pair = state?.weeks[week];
    if (!pair) continue;
    for (const key of [
      'active',
      week === first ? 'new' : 'returning',
      pair[1] > 0 ? 'employees' : 'customers',
    ])
      rows.push({ metric: M.people, scope, day: week, key, value: sign });
  }
  return rows;
}

const bucketKey = (b: InsightBucket) => `${b.metric}\u0000${b.scope}\u0000${b.day}\u0000${b.key}`;

/** Sums rows per counter and drops the ones that cancel out. */
function net(rows: InsightBucket[]): InsightBucket[] {
  const sums = new Map<string, InsightBucket>();
  for (const row of rows) {
    const k = bucketKey(row);
    const found = sums.get(k);
    if (found) found.value += row.value;
    else sums.set(k, { ...row });
  }
  return [...sums.values()].filter((row) => row.value !== 0);
}

/** The `EventListener` that keeps the aggregates; registered by `Community`. */
export class InsightAggregates implements EventListener {
  async onEvent(tx: StoreWriter, event: CommunityEventRow, context: EventContext): Promise<void> {
    const employee = context.actorRoles.includes('employee');
    const at = event.at.getTime();
    const put = <K extends Kind>(
      kind: K,
      id: string,
      parent: string | null,
      next: States[K] | null,
    ) => this.change(tx, kind, id, parent, next);
    switch (event.type) {
      case 'rating.set': {
        const d = (event as CommunityEventRow<'rating.set'>).data;
        const author = event.actorId!;
        await put(
          'rating',
          `${d.subject}|${author}`,
          null,
          d.stars === null ? null : { subject: d.subject, stars: d.stars, author, employee, at },
        );
        break;
      }
      case 'review.posted': {
        const d = (event as CommunityEventRow<'review.posted'>).data;
        await put('review', d.reviewId, null, {
          subject: d.subject,
          author: d.authorId,
          employee,
          at,
          visible: !d.held,
        });
        break;
      }
      case 'review.deleted':
        await put(
          'review',
          (event as CommunityEventRow<'review.deleted'>).data.reviewId,
          null,
          null,
        );
        break;
      case 'question.asked': {
        const d = (event as CommunityEventRow<'question.asked'>).data;
        await this.question(tx, d.questionId, {
          subject: d.subject,
          topics: [...d.topics],
          author: d.questionAuthorId,
          employee,
          at,
          visible: !d.held,
          acceptedId: null,
          acceptedAt: null,
          firstAnswerAt: null,
          acceptedShown: null,
        });
        break;
      }
      case 'question.edited': {
        const d = (event as CommunityEventRow<'question.edited'>).data;
        const state = await tx.insights.entity<QuestionState>('question', d.questionId);
        if (!state || sameTopics(state.topics, d.topics)) break;
        for (const answer of await tx.insights.children<AnswerState>('answer', d.questionId)) {
          await put('answer', answer.id, d.questionId, { ...answer.state, topics: [...d.topics] });
        }
        await this.question(tx, d.questionId, { ...state, topics: [...d.topics] });
        break;
      }
      case 'question.deleted': {
        const id = (event as CommunityEventRow<'question.deleted'>).data.questionId;
        for (const answer of await tx.insights.children<AnswerState>('answer', id)) {
          await put('answer', answer.id, id, null);
        }
        await put('question', id, null, null);
        await tx.insights.setOpen(id, [], null);
        break;
      }
      case 'answer.posted': {
        const d = (event as CommunityEventRow<'answer.posted'>).data;
        const question = await tx.insights.entity<QuestionState>('question', d.questionId);
        await put('answer', d.answerId, d.questionId, {
          questionId: d.questionId,
          subject: d.subject,
          topics: [...d.topics],
          author: d.authorId,
          employee,
          at,
          visible: !d.held,
          questionVisible: question?.visible ?? false,
        });
        if (question && !d.held) await this.answerShown(tx, d.questionId, question, at);
        break;
      }
      case 'answer.deleted': {
        const d = (event as CommunityEventRow<'answer.deleted'>).data;
        await put('answer', d.answerId, d.questionId, null);
        await this.question(tx, d.questionId);
        break;
      }
      case 'answer.accepted': {
        const d = (event as CommunityEventRow<'answer.accepted'>).data;
        const state = await tx.insights.entity<QuestionState>('question', d.questionId);
        if (state) {
          await this.question(tx, d.questionId, {
            ...state,
            acceptedId: d.answerId,
            acceptedAt: d.answerId === null ? null : at,
          });
        }
        break;
      }
      case 'idea.submitted': {
        const d = (event as CommunityEventRow<'idea.submitted'>).data;
        const row = (await tx.ideas.byIds([d.ideaId])).get(d.ideaId);
        await this.idea(tx, d.ideaId, {
          board: d.board,
          author: d.ideaAuthorId,
          employee,
          at,
          visible: !d.held,
          merged: false,
          votes: 0,
          history: [[row?.status ?? 'open', at]],
        });
        break;
      }
      case 'idea.voted':
        await this.idea(tx, (event as CommunityEventRow<'idea.voted'>).data.ideaId);
        break;
      case 'idea.status-changed': {
        const d = (event as CommunityEventRow<'idea.status-changed'>).data;
        const state = await tx.insights.entity<IdeaState>('idea', d.ideaId);
        if (state)
          await this.idea(tx, d.ideaId, { ...state, history: [...state.history, [d.to, at]] });
        break;
      }
      case 'idea.merged': {
        const d = (event as CommunityEventRow<'idea.merged'>).data;
        const state = await tx.insights.entity<IdeaState>('idea', d.ideaId);
        if (state) await this.idea(tx, d.ideaId, { ...state, merged: true });
        await this.idea(tx, d.intoId);
        break;
      }
      case 'idea.commented': {
        const d = (event as CommunityEventRow<'idea.commented'>).data;
        await put('comment', d.commentId, null, {
          board: d.board,
          author: d.commentAuthorId,
          employee,
          at,
          visible: !d.held,
        });
        break;
      }
      case 'expert.endorsed': {
        const d = (event as CommunityEventRow<'expert.endorsed'>).data;
        const id = `${event.actorId}|${d.personId}|${d.topic}`;
        await put('endorsement', id, null, d.endorsed ? { topic: d.topic, at } : null);
        break;
      }
      case 'moderation.decided': {
        const d = (event as CommunityEventRow<'moderation.decided'>).data;
        const visible = d.action === 'approve' || d.action === 'restore';
        await this.setVisible(tx, d.kind, d.postId, visible);
        break;
      }
      default:
        break;
    }
  }

  /**
   * Counts a thing in the state it is in now (a rebuild, `insight-rebuild.ts`), with the
   * bookkeeping its events would have done; a question re-derives its answer times from the
   * answers already counted.
   */
  async restore<K extends Kind>(
    tx: StoreWriter,
    kind: K,
    id: string,
    parent: string | null,
    state: States[K],
  ): Promise<void> {
    if (kind === 'question') await this.question(tx, id, state as QuestionState);
    else await this.change(tx, kind, id, parent, state);
  }

  private async setVisible(
    tx: StoreWriter,
    kind: string,
    id: string,
    visible: boolean,
  ): Promise<void> {
    if (kind === 'question') {
      const state = await tx.insights.entity<QuestionState>('question', id);
      if (state) await this.question(tx, id, { ...state, visible });
    } else if (kind === 'answer') {
      const state = await tx.insights.entity<AnswerState>('answer', id);
      if (!state) return;
      await this.change(tx, 'answer', id, state.questionId, { ...state, visible });
      await this.question(tx, state.questionId);
    } else if (kind === 'idea') {
      const state = await tx.insights.entity<IdeaState>('idea', id);
      if (state) await this.idea(tx, id, { ...state, visible });
    } else if (kind === 'review' || kind === 'comment') {
      const state = await tx.insights.entity<ReviewState | CommentState>(kind, id);
      if (state) await this.change(tx, kind, id, null, { ...state, visible } as never);
    }
  }

  /** Re-derives a question's answer times from its answers, then counts it and files it. */
  private async question(tx: StoreWriter, id: string, given?: QuestionState): Promise<void> {
    const state = given ?? (await tx.insights.entity<QuestionState>('question', id));
    if (!state) return;
    const children = await tx.insights.children<AnswerState>('answer', id);
    for (const answer of children) {
      if (answer.state.questionVisible !== state.visible) {
        await this.change(tx, 'answer', answer.id, id, {
          ...answer.state,
          questionVisible: state.visible,
        });
      }
    }
    const answers = children.filter((a) => a.state.visible);
    const firstAnswerAt = answers.length ? Math.min(...answers.map((a) => a.state.at)) : null;
    const acceptedShown =
      state.acceptedId !== null && answers.some((a) => a.id === state.acceptedId)
        ? state.acceptedAt
        : null;
    await this.file(tx, id, { ...state, firstAnswerAt, acceptedShown });
  }

  /**
   * A new public answer can only move the question's first-answer time: the other answers'
   * bookkeeping stands, so the question is not re-derived from every answer of its thread
   * (which made each answer cost more the longer the thread). A held one changes nothing yet.
   */
  private async answerShown(
    tx: StoreWriter,
    id: string,
    state: QuestionState,
    at: number,
  ): Promise<void> {
    if (state.firstAnswerAt !== null && state.firstAnswerAt <= at) return;
    await this.file(tx, id, { ...state, firstAnswerAt: at });
  }

  /** Counts a question in its new state and files it as open or not. */
  private async file(tx: StoreWriter, id: string, next: QuestionState): Promise<void> {
    await this.change(tx, 'question', id, null, next);
    const open = next.visible && next.firstAnswerAt === null;
    await tx.insights.setOpen(
      id,
      open ? questionScopes(next) : [],
      open ? new Date(next.at) : null,
    );
  }

  /** Takes an idea's votes from its row (merges move votes), then counts it. */
  private async idea(tx: StoreWriter, id: string, given?: IdeaState): Promise<void> {
    const state = given ?? (await tx.insights.entity<IdeaState>('idea', id));
    if (!state) return;
    const row = (await tx.ideas.byIds([id])).get(id);
    await this.change(tx, 'idea', id, null, { ...state, votes: row?.votes ?? 0 });
  }

  private async change<K extends Kind>(
    tx: StoreWriter,
    kind: K,
    id: string,
    parent: string | null,
    next: States[K] | null,
  ): Promise<void> {
    const before = await tx.insights.entity<States[K]>(kind, id);
    const old = contribution(kind, before);
    const now = contribution(kind, next ?? undefined);
    await tx.insights.putEntity(kind, id, parent, next);
    const rows = [
      ...old.buckets.map((b) => ({ ...b, value: -b.value })),
      ...now.buckets,
      ...(await this.people(tx, [
        ...old.people.map((p) => ({ ...p, sign: -1 })),
        ...now.people.map((p) => ({ ...p, sign: 1 })),
      ])),
    ];
    const changed = net(rows);
    if (changed.length) await tx.insights.add(changed);
  }

  /** Moves people's weekly counts and returns what that changes in the `people` buckets. */
  private async people(
    tx: StoreWriter,
    changes: Array<PersonWeek & { sign: number }>,
  ): Promise<InsightBucket[]> {
    const byPerson = new Map<string, Array<PersonWeek & { sign: number }>>();
    for (const change of changes) {
      const id = `${change.scope}|${change.person}`;
      const list = byPerson.get(id);
      if (list) list.push(change);
      else byPerson.set(id, [change]);
    }
    const rows: InsightBucket[] = [];
    for (const [id, list] of byPerson) {
      // A person's weeks that end as they began (stars changed the same week) change no
      // counter: neither their state nor a bucket is read or written.
      if (cancelsOut(list)) continue;
      const scope = list[0]!.scope;
      const before = await tx.insights.entity<PersonState>('person', id);
      // A shallow copy is enough: a week's pair is replaced below, never changed in place.
      const weeks: PersonState['weeks'] = { ...before?.weeks };
      for (const { week, employee, sign } of list) {
        const [n, e] = weeks[week] ?? [0, 0];
        const next: [number, number] = [n + sign, e + (employee ? sign : 0)];
        if (next[0] === 0) delete weeks[week];
        else weeks[week] = next;
      }
      const after = Object.keys(weeks).length ? { weeks } : undefined;
      const [firstBefore, firstAfter] = [firstWeek(before), firstWeek(after)];
      const moved = new Set(list.map((change) => change.week));
      for (const first of [firstBefore, firstAfter]) if (first !== undefined) moved.add(first);
      rows.push(
        ...personBuckets(scope, before, firstBefore, -1, moved),
        ...personBuckets(scope, after, firstAfter, 1, moved),
      );
      await tx.insights.putEntity('person', id, null, after ?? null);
    }
    return rows;
  }
}

/** Whether a person's changes add up to nothing in every week, as employee and overall. */
function cancelsOut(list: ReadonlyArray<PersonWeek & { sign: number }>): boolean {
  const sums = new Map<number, [number, number]>();
  for (const { week, employee, sign } of list) {
    const [n, e] = sums.get(week) ?? [0, 0];
    sums.set(week, [n + sign, e + (employee ? sign : 0)]);
  }
  for (const [n, e] of sums.values()) if (n !== 0 || e !== 0) return false;
  return true;
}

function sameTopics(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((topic, i) => topic === b[i]);
}
