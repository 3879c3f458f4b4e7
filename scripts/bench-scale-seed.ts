// Seeds a community of a given size through the store's own ports (what the domain writes,
// in big transactions so a million rows take seconds), for `npm run bench:scale`. The "hot"
// subject and board hold the same rows at every size: what a page shows stays the same
// while the rest of the community grows around it.
import { DEFAULT_REPUTATION_WEIGHTS, topicScore } from '../server/domain/expert-rules.js';
import { addToTrend, NO_TREND } from '../server/domain/idea-rules.js';
import type { CommunityEventRow } from '../server/domain/events.js';
import { InsightAggregates } from '../server/domain/insight-aggregates.js';
import type { Store, StoreWriter } from '../server/domain/store.js';
import type { Distribution } from '../server/domain/types.js';

export interface CommunitySize {
  ratings: number;
  subjects: number;
  questions: number;
  answers: number;
  people: number;
  ideas: number;
  ideaVotes: number;
  reviews: number;
  /** Moderation cases already decided (reported, then approved): the history the queue grows past. */
  decidedCases: number;
}

/** What the measured requests ask for. */
export interface SeededFacts {
  ratedSubjects: string[];
  people: string[];
  hotQuestion: string;
  hotIdea: string;
  topic: string;
  /** The 12 weeks the insights' history spans, as the insight requests ask for them. */
  insightsFrom: string;
  insightsTo: string;
}

const HOT_QUESTIONS = 50;
const HOT_ANSWERS_EACH = 3;
const HOT_REVIEWS = 30;
const HOT_IDEAS = 200;
const HOT_VOTES_EACH = 5;
const TOPICS = 50;
/** Open cases in the queue, on "hot" questions: the queue a moderator pages is the same size at every size. */
const OPEN_CASES = 30;
const DAY = 24 * 60 * 60 * 1000;
const CHUNK = 20_000;

/** Park–Miller: the same community on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

const VOCABULARY = (() => {
  const next = random(11);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const words = new Set<string>();
  while (words.size < 3000) {
    const length = 3 + Math.floor(next() * 7);
    let word = '';
    for (let i = 0; i < length; i += 1) word += letters[Math.floor(next() * 26)];
    words.add(word);
  }
  return [...words];
})();

function text(next: () => number, words: number, mustHave: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < words; i += 1) {
    // Skewed towards the first words, as real vocabularies are.
    out.push(VOCABULARY[Math.floor(VOCABULARY.length * next() ** 3)]!);
  }
  for (const word of mustHave) out.splice(Math.floor(next() * out.length), 0, word);
  return out.join(' ');
}

/** Runs `count` steps in transactions of `CHUNK`. */
async function chunked(
  store: Store,
  count: number,
  step: (tx: StoreWriter, n: number) => Promise<void>,
): Promise<void> {
  for (let start = 0; start < count; start += CHUNK) {
    await store.write(async (tx) => {
      for (let n = start; n < Math.min(count, start + CHUNK); n += 1) await step(tx, n);
    });
  }
}

export async function seedCommunity(
  store: Store,
  size: CommunitySize,
  { randomId, viewer }: { randomId: (prefix: string) => string; viewer: string },
): Promise<SeededFacts> {
  const next = random(7);
  const now = Date.now();
  const person = (n: number) => `u-${n % size.people}`;
  const author = (n: number) => ({
    authorId: person(n),
    authorName: `Person ${n % size.people}`,
    authorAvatar: null,
  });
  const subject = (n: number) => `p-${n % size.subjects}`;

  // People with reputation and two topics each.
  await chunked(store, size.people, async (tx, n) => {
    await tx.experts.savePerson({ id: person(n), name: `Person ${n}`, avatar: null });
    const points = 1 + Math.floor(next() * 500);
    await tx.experts.addToPerson(person(n), { reputation: points });
    for (const t of [n % TOPICS, (n * 7 + 3) % TOPICS]) {
      const topicPoints = 1 + (points % 50);
      await tx.experts.addToTopic(person(n), `topic-${t}`, {
        points: topicPoints,
        score: topicScore(topicPoints, 0, DEFAULT_REPUTATION_WEIGHTS),
      });
    }
  });

  // Ratings: `ratings / subjects` per subject, distinct raters.
  const perSubject = Math.max(1, Math.round(size.ratings / size.subjects));
  await chunked(store, size.subjects, async (tx, s) => {
    const counts: Distribution = [0, 0, 0, 0, 0];
    for (let r = 0; r < perSubject; r += 1) {
      const value = 1 + Math.floor(next() * 5);
      counts[value - 1]! += 1;
      await tx.ratings.upsert(subject(s), person(s * 31 + r), value, new Date(now - r * 1000));
    }
    await tx.ratings.addToDistribution(subject(s), counts);
  });

  // Questions: HOT_QUESTIONS on "hot", the rest spread over the subjects; a third mention
  // "filter" (the measured search).
  const questionIds: string[] = [];
  await chunked(store, size.questions, async (tx, n) => {
    const hot = n < HOT_QUESTIONS;
    const must = next() < 0.33 ? ['filter'] : [];
    const row = await tx.questions.insert({
      ...author(n),
      id: randomId('q'),
      subject: hot ? 'hot' : subject(n),
      title: text(next, 6 + Math.floor(next() * 5), must),
      body: text(next, 20 + Math.floor(next() * 20), []),
      topics: [`topic-${n % TOPICS}`],
      createdAt: new Date(now - (size.questions - n) * 60_000),
      editedAt: null,
      score: 0,
      answerCount: 0,
      acceptedAnswerId: null,
    });
    questionIds.push(row.id);
    await tx.text.index({
      kind: 'question',
      scope: row.subject,
      id: row.id,
      title: row.title,
      body: row.body,
    });
  });
  const hotAnswers = HOT_QUESTIONS * HOT_ANSWERS_EACH;
  await chunked(store, size.answers, async (tx, n) => {
    const questionId =
      n < hotAnswers
        ? questionIds[n % HOT_QUESTIONS]!
        : questionIds[HOT_QUESTIONS + (n % (questionIds.length - HOT_QUESTIONS))]!;
    await tx.questions.insertAnswer({
      ...author(n + 1),
      id: randomId('a'),
      questionId,
      body: text(next, 15, []),
      createdAt: new Date(now - (size.answers - n) * 30_000),
      editedAt: null,
      score: n % 7,
    });
    await tx.questions.addToCounts(questionId, { answers: 1 });
  });

  // Moderation: `decidedCases` questions were reported and approved (each case opened, then
  // closed, keeping its queue position, with a log entry); OPEN_CASES hot questions wait in
  // the queue with two reports each. Every post stays visible, so lists are unchanged.
  const decided = Math.min(size.decidedCases, questionIds.length - HOT_QUESTIONS);
  const caseOf = (n: number, open: boolean) => ({
    kind: 'question' as const,
    targetId: questionIds[n]!,
    scope: n < HOT_QUESTIONS ? 'hot' : subject(n),
    authorId: person(n),
    state: 'visible' as const,
    open,
    openedAt: new Date(now - (size.questions - n) * 30_000),
    rule: 'reports',
    reason: null,
    ledger: [],
  });
  await chunked(store, decided, async (tx, k) => {
    const n = HOT_QUESTIONS + k;
    await tx.moderation.saveCase(caseOf(n, true));
    await tx.moderation.saveCase(caseOf(n, false));
    await tx.moderation.appendLog({
      action: 'approve',
      targetKind: 'question',
      targetId: questionIds[n]!,
      moderator: { id: 'u-bench-moderator', name: 'Bench moderator', avatar: null },
      at: new Date(now - k * 1000),
      reason: null,
      rule: null,
    });
  });
  await store.write(async (tx) => {
    for (let n = 0; n < OPEN_CASES; n += 1) {
      await tx.moderation.saveCase(caseOf(n, true));
      for (const [r, reason] of (['spam', 'abuse'] as const).entries()) {
        await tx.moderation.saveReport({
          kind: 'question',
          targetId: questionIds[n]!,
          reporterId: person(n * 17 + r + 1),
          reporterName: `Person ${n * 17 + r + 1}`,
          reporterAvatar: null,
          reason,
          note: text(next, 8, []),
          createdAt: new Date(now - n * 1000),
        });
      }
    }
  });

  // Reviews: HOT_REVIEWS on "hot", one author per subject for the rest.
  await chunked(store, size.reviews, async (tx, n) => {
    await tx.reviews.insert({
      ...author(n),
      id: randomId('r'),
      subject: n < HOT_REVIEWS ? 'hot' : subject(n),
      stars: 1 + (n % 5),
      title: text(next, 5, []),
      body: text(next, 30, []),
      verified: n % 3 === 0,
      createdAt: new Date(now - n * 60_000),
      editedAt: null,
      helpfulYes: n % 11,
      helpfulNo: n % 3,
    });
  });

  // Ideas: HOT_IDEAS on board "hot", the rest on 20 other boards; votes spread over 60 days.
  const boards = ['hot', ...Array.from({ length: 20 }, (_, b) => `board-${b}`)];
  await store.write(async (tx) => {
    for (const id of boards) {
      await tx.ideas.saveBoard({ id, title: id, voteBudget: null, posting: 'members' });
    }
  });
  const ideaIds: string[] = [];
  const hotVotes = HOT_IDEAS * HOT_VOTES_EACH;
  const otherVotesEach = Math.max(
    0,
    Math.round((size.ideaVotes - hotVotes) / (size.ideas - HOT_IDEAS)),
  );
  await chunked(store, size.ideas, async (tx, n) => {
    const hot = n < HOT_IDEAS;
    const board = hot ? 'hot' : boards[1 + (n % (boards.length - 1))]!;
    const row = await tx.ideas.insert({
      ...author(n),
      id: randomId('i'),
      board,
      title: text(next, 6, next() < 0.3 ? ['filter'] : []),
      body: text(next, 25, next() < 0.3 ? ['export'] : []),
      createdAt: new Date(now - (size.ideas - n) * 600_000),
      status: 'open',
      statusNote: null,
      statusChangedAt: null,
      votes: 0,
      trend: NO_TREND,
      commentCount: 0,
      mergedInto: null,
    });
    ideaIds.push(row.id);
    await tx.text.index({
      kind: 'idea',
      scope: board,
      id: row.id,
      title: row.title,
      body: row.body,
    });
    const votes = hot ? HOT_VOTES_EACH : otherVotesEach;
    let trend = NO_TREND;
    for (let v = 0; v < votes; v += 1) {
      const at = new Date(now - Math.floor(next() * 60 * DAY));
      await tx.votes.set('idea', row.id, person(n * 13 + v), 1, at);
      trend = addToTrend(trend, at);
    }
    if (votes > 0) {
      await tx.ideas.addToCounts(row.id, { votes });
      await tx.ideas.update(row.id, { trend });
    }
  });
  const hotIdea = ideaIds[0]!;
  await store.write(async (tx) => {
    for (let n = 0; n < 10; n += 1) {
      await tx.ideas.insertComment({
        ...author(n),
        id: randomId('c'),
        ideaId: hotIdea,
        body: text(next, 20, []),
        createdAt: new Date(now - n * 1000),
        official: n === 0,
      });
    }
    await tx.ideas.addToCounts(hotIdea, { comments: 10 });
    await tx.ideas.insertUpdates(
      ideaIds.slice(0, 10).map((ideaId) => ({
        userId: viewer,
        ideaId,
        board: 'hot',
        status: 'planned' as const,
        note: null,
        at: new Date(now),
      })),
    );
  });

  await seedInsights(store, size, { now, next, subject, person, questionIds, ideaIds });

  return {
    insightsFrom: new Date(now - (INSIGHT_DAYS - 1) * DAY).toISOString().slice(0, 10),
    insightsTo: new Date(now).toISOString().slice(0, 10),
    ratedSubjects: Array.from({ length: 20 }, (_, n) => subject(n * 37)),
    people: Array.from({ length: 20 }, (_, n) => person(n * 101)),
    hotQuestion: questionIds[0]!,
    hotIdea,
    topic: 'topic-1',
  };
}

const INSIGHT_DAYS = 84;

/**
 * The insights' aggregates of a 12-week history, through the real `InsightAggregates`
 * listener fed the events the domain would have recorded: a fifth of the ratings (two per
 * subject), every question with its answers, every idea. Only the aggregates are written
 * this way; the content rows above are what the reads measure.
 */
async function seedInsights(
  store: Store,
  size: CommunitySize,
  facts: {
    now: number;
    next: () => number;
    subject: (n: number) => string;
    person: (n: number) => string;
    questionIds: string[];
    ideaIds: string[];
  },
): Promise<void> {
  const { now, next, subject, person, questionIds, ideaIds } = facts;
  const aggregates = new InsightAggregates();
  let seq = 0;
  const feed = (tx: StoreWriter, type: string, actorId: string, at: number, data: object) =>
    aggregates.onEvent(
      tx,
      {
        seq: ++seq,
        id: `ev-${seq}`,
        type,
        at: new Date(at),
        actorId,
        place: null,
        data,
      } as CommunityEventRow,
      { actorRoles: seq % 10 === 0 ? ['member', 'employee'] : ['member'] },
    );
  const when = () => now - Math.floor(next() * INSIGHT_DAYS * DAY);
  await chunked(store, size.subjects * 2, (tx, n) =>
    feed(tx, 'rating.set', person(n * 17), when(), {
      subject: subject(Math.floor(n / 2)),
      stars: 1 + Math.floor(next() * 5),
      previous: null,
    }),
  );
  const askedAt = new Map<string, { at: number; subject: string; topic: string }>();
  await chunked(store, questionIds.length, async (tx, n) => {
    const at = when();
    const facts = {
      at,
      subject: n < HOT_QUESTIONS ? 'hot' : subject(n),
      topic: `topic-${n % TOPICS}`,
    };
    askedAt.set(questionIds[n]!, facts);
    await feed(tx, 'question.asked', person(n), at, {
      subject: facts.subject,
      questionId: questionIds[n],
      questionTitle: 'A question',
      questionAuthorId: person(n),
      topics: [facts.topic],
      held: false,
    });
  });
  const answered = [...askedAt.keys()];
  await chunked(store, Math.min(size.answers, answered.length * 2), async (tx, n) => {
    const questionId = answered[n % answered.length]!;
    const asked = askedAt.get(questionId)!;
    // A third of the questions stay open: the oldest unanswered list has something to show.
    if (n % answered.length < answered.length / 3) return;
    await feed(tx, 'answer.posted', person(n + 1), asked.at + Math.floor(next() * 3 * DAY), {
      subject: asked.subject,
      questionId,
      questionTitle: 'A question',
      questionAuthorId: person(n),
      topics: [asked.topic],
      answerId: `a-ins-${n}`,
      authorId: person(n + 1),
      held: false,
    });
  });
  await chunked(store, ideaIds.length, async (tx, n) =>
    feed(tx, 'idea.submitted', person(n), when(), {
      board: n < HOT_IDEAS ? 'hot' : `board-${n % 20}`,
      ideaId: ideaIds[n],
      ideaTitle: 'An idea',
      ideaAuthorId: person(n),
      held: false,
    }),
  );
}
