import type { ReputationCounts } from './expert-rules.js';

/** A person as reputation knows them: the name and avatar their token last gave. */
export interface PersonRow extends ReputationCounts {
  id: string;
  name: string | null;
  avatar: string | null;
  reputation: number;
  /** Endorsements received, on any topic. */
  endorsements: number;
}

/** A person's standing on one topic. */
export interface TopicScoreRow {
  userId: string;
  topic: string;
  points: number;
  endorsements: number;
}

/**
 * What one source (a question, an answer, a review, an idea) has earned its author so far,
 * so undoing an event or deleting the source subtracts exactly what was added.
 */
export interface ReputationEntryRow extends ReputationCounts {
  userId: string;
  /** `question`, `answer`, `review` or `idea`. */
  kind: string;
  sourceId: string;
  /** What deleting removes together: a question and its answers share the question's id. */
  group: string;
  points: number;
  /** The topics the points are credited to. */
  topics: string[];
}

export interface InvitationRow {
  id: string;
  /** Insertion order, assigned by the store. */
  seq: number;
  questionId: string;
  userId: string;
  invitedById: string;
  invitedByName: string;
  invitedByAvatar: string | null;
  createdAt: Date;
}

export interface ExpertRankQuery {
  /** Rank by this topic's score; without it, by reputation. */
  topic?: string | undefined;
  offset: number;
  limit: number;
}

/** The expertise reads; `StoreReader.experts`. */
export interface ExpertStoreReader {
  people(ids: readonly string[]): Promise<Map<string, PersonRow>>;
  /** Every topic row of these people, in no particular order. */
  topicScores(userIds: readonly string[]): Promise<TopicScoreRow[]>;
  /** Keys `userId\0topic` of the endorsements `endorserId` gave to these people. */
  endorsementsBy(endorserId: string, userIds: readonly string[]): Promise<Set<string>>;
  reputationEntry(
    userId: string,
    kind: string,
    sourceId: string,
  ): Promise<ReputationEntryRow | undefined>;
  reputationEntries(group: string): Promise<ReputationEntryRow[]>;
  /** Ids and scores, score down then id up; only scores above 0. */
  rankExperts(query: ExpertRankQuery): Promise<Array<{ userId: string; score: number }>>;
  /** Topics with the number of people scoring above 0, most first, then by name (maintained). */
  topics(limit: number): Promise<Array<{ topic: string; experts: number }>>;
  invitation(questionId: string, userId: string): Promise<InvitationRow | undefined>;
  /** The user's invitations, newest first, before `beforeSeq`. */
  listInvitations(query: {
    userId: string;
    beforeSeq?: number | undefined;
    limit: number;
  }): Promise<InvitationRow[]>;
}

/** The expertise writes; `StoreWriter.experts`. */
export interface ExpertStoreWriter extends ExpertStoreReader {
  /** Creates the person (all counters 0) or updates their name and avatar. */
  savePerson(person: { id: string; name: string; avatar: string | null }): Promise<void>;
  /** Adds deltas to an existing person's counters. */
  addToPerson(
    id: string,
    delta: Partial<ReputationCounts & { reputation: number; endorsements: number }>,
  ): Promise<void>;
  /**
   * Adds deltas to a person's topic row, creating it when missing. `score` is the change of
   * the row's topic score (expert-rules.ts `topicScore` of the deltas), which the store keeps
   * with the row so experts per topic and the topic list are read from indexes.
   */
  addToTopic(
    userId: string,
    topic: string,
    delta: { points?: number; endorsements?: number; score: number },
  ): Promise<void>;
  /** Adds or replaces the entry of (userId, kind, sourceId). */
  saveReputationEntry(row: ReputationEntryRow): Promise<void>;
  deleteReputationEntry(userId: string, kind: string, sourceId: string): Promise<void>;
  /** Records (at a time) or removes (null) one endorsement. */
  setEndorsement(endorserId: string, userId: string, topic: string, at: Date | null): Promise<void>;
  insertInvitation(row: Omit<InvitationRow, 'seq'>): Promise<InvitationRow>;
}
