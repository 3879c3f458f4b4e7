import type { components } from '../../api/contract.js';

export type ReputationLevel = components['schemas']['ReputationLevel'];
export type Badge = components['schemas']['Badge'];

/**
 * Points a person earns from what others do with their contributions. Every weight applies
 * to the author of the content, in the same transaction as the event; undoing the event (a
 * withdrawn vote, an un-accepted answer, a deleted post) subtracts exactly what it added.
 *
 * reputation = Σ answerUpvoted per upvote on their answers + answerDownvoted per downvote
 *            + questionUpvoted / questionDownvoted per vote on their questions
 *            + answerAccepted per accepted answer (not when they accept their own)
 *            + reviewHelpful per "helpful" vote on their reviews
 *            + ideaCompleted per idea of theirs in status `completed`
 *
 * Per topic: the points earned on questions tagged with the topic (and their answers),
 * plus `endorsement` per peer endorsement on that topic (endorsements add no reputation).
 */
export interface ReputationWeights {
  answerUpvoted: number;
  answerDownvoted: number;
  questionUpvoted: number;
  questionDownvoted: number;
  answerAccepted: number;
  reviewHelpful: number;
  ideaCompleted: number;
  endorsement: number;
}

export const DEFAULT_REPUTATION_WEIGHTS: Readonly<ReputationWeights> = Object.freeze({
  answerUpvoted: 10,
  answerDownvoted: -2,
  questionUpvoted: 5,
  questionDownvoted: -1,
  answerAccepted: 15,
  reviewHelpful: 5,
  ideaCompleted: 20,
  endorsement: 10,
});

/** Named levels with the reputation each starts at, lowest first. */
export const REPUTATION_LEVELS: ReadonlyArray<{ level: ReputationLevel; from: number }> = [
  { level: 'newcomer', from: Number.NEGATIVE_INFINITY },
  { level: 'contributor', from: 50 },
  { level: 'trusted', from: 200 },
  { level: 'expert', from: 500 },
  { level: 'leader', from: 1500 },
];

/** The level a reputation reaches, and the reputation the next one starts at (null at the top). */
export function levelOf(reputation: number): {
  level: ReputationLevel;
  nextLevelAt: number | null;
} {
  let index = 0;
  for (let i = 0; i < REPUTATION_LEVELS.length; i++) {
    if (reputation >= REPUTATION_LEVELS[i]!.from) index = i;
  }
  return {
    level: REPUTATION_LEVELS[index]!.level,
    nextLevelAt: REPUTATION_LEVELS[index + 1]?.from ?? null,
  };
}

/** Counters that badges are earned from, kept with the person's reputation. */
export interface ReputationCounts {
  acceptedAnswers: number;
  helpfulVotes: number;
  completedIdeas: number;
}

export const NO_COUNTS: Readonly<ReputationCounts> = Object.freeze({
  acceptedAnswers: 0,
  helpfulVotes: 0,
  completedIdeas: 0,
});

/** Badges, in display order, from a person's counters. */
export function badgesOf(counts: ReputationCounts & { endorsements: number }): Badge[] {
  const badges: Badge[] = [];
  if (counts.acceptedAnswers >= 1) badges.push('accepted-answer');
  if (counts.acceptedAnswers >= 10) badges.push('problem-solver');
  if (counts.helpfulVotes >= 10) badges.push('helpful-reviewer');
  if (counts.completedIdeas >= 1) badges.push('idea-shipped');
  if (counts.endorsements >= 3) badges.push('endorsed');
  return badges;
}

/** A topic's expertise score from its points and endorsements. */
export function topicScore(
  points: number,
  endorsements: number,
  weights: Pick<ReputationWeights, 'endorsement'>,
): number {
  return points + endorsements * weights.endorsement;
}

/** Mirrors `components.schemas.UserId`. */
export const USER_ID_PATTERN = /^[^,]{1,256}$/;
/** Profiles in one `GET /users` request. */
export const MAX_PROFILE_BATCH = 100;
/** Topics shown on a profile. */
export const PROFILE_TOPICS = 5;
/** Topics listed by `GET /topics`. */
export const MAX_TOPIC_LIST = 50;
