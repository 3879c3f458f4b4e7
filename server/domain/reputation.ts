import {
  DEFAULT_REPUTATION_WEIGHTS,
  NO_COUNTS,
  topicScore,
  type ReputationCounts,
  type ReputationWeights,
} from './expert-rules.js';
import type { ReputationEntryRow } from './expert-store.js';
import type { StoreWriter } from './store.js';

/** The content that earned points, and what deleting removes together with it. */
export interface ReputationSource {
  kind: 'question' | 'answer' | 'review' | 'idea';
  id: string;
  group: string;
}

/** The person who earns, as the content's author columns name them. */
export interface Earner {
  id: string;
  name: string;
  avatar: string | null;
}

/**
 * Keeps reputation in step with the events that earn it. Services call it inside the same
 * `Store.write` transaction as the event, so reputation is never a scan and never drifts:
 * each source's points are remembered (`ReputationEntryRow`) and undone exactly.
 */
export class Reputation {
  readonly weights: Readonly<ReputationWeights>;

  constructor(weights: Partial<ReputationWeights> = {}) {
    this.weights = Object.freeze({ ...DEFAULT_REPUTATION_WEIGHTS, ...weights });
  }

  /** Points for a vote on a question or answer moving from `previous` to `value` (−1, 0, +1). */
  votePoints(kind: 'question' | 'answer', previous: number, value: number): number {
    const w = this.weights;
    const of = (v: number) =>
      kind === 'answer'
        ? v > 0
          ? w.answerUpvoted
          : v < 0
            ? w.answerDownvoted
            : 0
        : v > 0
          ? w.questionUpvoted
          : v < 0
            ? w.questionDownvoted
            : 0;
    return of(value) - of(previous);
  }

  /**
   * Adds `points` (and counter deltas) to `earner` for `source`, credited to `topics`.
   * When the source's topics changed since its last award, its earlier points move too.
   */
  async award(
    tx: StoreWriter,
    earner: Earner,
    source: ReputationSource,
    points: number,
    topics: readonly string[],
    counts: Partial<ReputationCounts> = {},
  ): Promise<void> {
    if (points === 0 && Object.values(counts).every((n) => !n)) return;
    await tx.experts.savePerson(earner);
    const before = await tx.experts.reputationEntry(earner.id, source.kind, source.id);
    const entry: ReputationEntryRow = before ?? {
      userId: earner.id,
      kind: source.kind,
      sourceId: source.id,
      group: source.group,
      points: 0,
      topics: [],
      ...NO_COUNTS,
    };
    const next: ReputationEntryRow = {
      ...entry,
      points: entry.points + points,
      topics: [...topics],
      acceptedAnswers: entry.acceptedAnswers + (counts.acceptedAnswers ?? 0),
      helpfulVotes: entry.helpfulVotes + (counts.helpfulVotes ?? 0),
      completedIdeas: entry.completedIdeas + (counts.completedIdeas ?? 0),
    };
    await moveTopicPoints(
      tx,
      this.weights,
      earner.id,
      entry.topics,
      entry.points,
      next.topics,
      next.points,
    );
    await tx.experts.addToPerson(earner.id, { reputation: points, ...counts });
    if (next.points === 0 && isZero(next)) {
      await tx.experts.deleteReputationEntry(earner.id, source.kind, source.id);
    } else {
      await tx.experts.saveReputationEntry(next);
    }
  }

  /**
   * Undoes everything the sources of `group` earned (their content is being deleted or
   * taken down); answers the entries undone, which `reinstate` gives back exactly.
   */
  async removeGroup(
    tx: StoreWriter,
    group: string,
    only?: { kind: string; id: string },
  ): Promise<ReputationEntryRow[]> {
    const removed: ReputationEntryRow[] = [];
    for (const entry of await tx.experts.reputationEntries(group)) {
      if (only && (entry.kind !== only.kind || entry.sourceId !== only.id)) continue;
      removed.push(entry);
      await moveTopicPoints(tx, this.weights, entry.userId, entry.topics, entry.points, [], 0);
      await tx.experts.addToPerson(entry.userId, {
        reputation: -entry.points,
        acceptedAnswers: -entry.acceptedAnswers,
        helpfulVotes: -entry.helpfulVotes,
        completedIdeas: -entry.completedIdeas,
      });
      await tx.experts.deleteReputationEntry(entry.userId, entry.kind, entry.sourceId);
    }
    return removed;
  }

  /** Gives back the entries `removeGroup` took: a restored post earns what it had. */
  async reinstate(tx: StoreWriter, entries: readonly ReputationEntryRow[]): Promise<void> {
    for (const entry of entries) {
      const now = await tx.experts.reputationEntry(entry.userId, entry.kind, entry.sourceId);
      const next: ReputationEntryRow = now
        ? {
            ...now,
            points: now.points + entry.points,
            acceptedAnswers: now.acceptedAnswers + entry.acceptedAnswers,
            helpfulVotes: now.helpfulVotes + entry.helpfulVotes,
            completedIdeas: now.completedIdeas + entry.completedIdeas,
          }
        : { ...entry, topics: [...entry.topics] };
      await moveTopicPoints(tx, this.weights, entry.userId, [], 0, next.topics, entry.points);
      await tx.experts.addToPerson(entry.userId, {
        reputation: entry.points,
        acceptedAnswers: entry.acceptedAnswers,
        helpfulVotes: entry.helpfulVotes,
        completedIdeas: entry.completedIdeas,
      });
      await tx.experts.saveReputationEntry(next);
    }
  }

  /** Moves the points of every source in `group` to new topics (a question's topics changed). */
  async retopic(tx: StoreWriter, group: string, topics: readonly string[]): Promise<void> {
    for (const entry of await tx.experts.reputationEntries(group)) {
      await moveTopicPoints(
        tx,
        this.weights,
        entry.userId,
        entry.topics,
        entry.points,
        topics,
        entry.points,
      );
      await tx.experts.saveReputationEntry({ ...entry, topics: [...topics] });
    }
  }
}

function isZero(counts: ReputationCounts): boolean {
  return !counts.acceptedAnswers && !counts.helpfulVotes && !counts.completedIdeas;
}

async function moveTopicPoints(
  tx: StoreWriter,
  weights: Pick<ReputationWeights, 'endorsement'>,
  userId: string,
  fromTopics: readonly string[],
  fromPoints: number,
  toTopics: readonly string[],
  toPoints: number,
): Promise<void> {
  const delta = new Map<string, number>();
  for (const topic of fromTopics) delta.set(topic, (delta.get(topic) ?? 0) - fromPoints);
  for (const topic of toTopics) delta.set(topic, (delta.get(topic) ?? 0) + toPoints);
  for (const [topic, points] of delta) {
    if (points !== 0) {
      await tx.experts.addToTopic(userId, topic, { points, score: topicScore(points, 0, weights) });
    }
  }
}
