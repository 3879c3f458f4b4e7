import type Database from 'better-sqlite3';
import { DEFAULT_REPUTATION_WEIGHTS } from '../../domain/expert-rules.js';
import type { Migration } from './columns.js';
import type {
  ExpertRankQuery,
  ExpertStoreReader,
  ExpertStoreWriter,
  InvitationRow,
  PersonRow,
  ReputationEntryRow,
  TopicScoreRow,
} from '../../domain/expert-store.js';
import {
  type EntryColumns,
  entryRow,
  type InvitationColumns,
  invitationRow,
  type PersonColumns,
  personRow,
} from '../rows/experts.js';

/** Schema version 5 (2 Q&A, 3 reviews, 4 ideas): people, reputation, expertise, invitations. */
export const expertsMigration: Migration = {
  version: 5,
  name: 'experts: people, reputation entries, topic scores, endorsements, invitations',
  sql: `
    CREATE TABLE people (
      id TEXT PRIMARY KEY,
      name TEXT,
      avatar TEXT,
      -- Kept in step with reputation_entries inside the same transactions.
      reputation INTEGER NOT NULL DEFAULT 0,
      endorsements INTEGER NOT NULL DEFAULT 0 CHECK (endorsements >= 0),
      accepted_answers INTEGER NOT NULL DEFAULT 0 CHECK (accepted_answers >= 0),
      helpful_votes INTEGER NOT NULL DEFAULT 0 CHECK (helpful_votes >= 0),
      completed_ideas INTEGER NOT NULL DEFAULT 0 CHECK (completed_ideas >= 0)
    ) WITHOUT ROWID;
    CREATE INDEX people_by_reputation ON people (reputation DESC, id);

    CREATE TABLE topic_scores (
      user_id TEXT NOT NULL,
      topic TEXT NOT NULL,
      points INTEGER NOT NULL DEFAULT 0,
      endorsements INTEGER NOT NULL DEFAULT 0 CHECK (endorsements >= 0),
      PRIMARY KEY (user_id, topic)
    ) WITHOUT ROWID;
    CREATE INDEX topic_scores_by_topic ON topic_scores (topic);

    -- What each source earned its author, so undoing an event subtracts exactly that.
    CREATE TABLE reputation_entries (
      user_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      source_id TEXT NOT NULL,
      source_group TEXT NOT NULL,
      points INTEGER NOT NULL,
      topics TEXT NOT NULL,
      accepted_answers INTEGER NOT NULL,
      helpful_votes INTEGER NOT NULL,
      completed_ideas INTEGER NOT NULL,
      PRIMARY KEY (user_id, kind, source_id)
    ) WITHOUT ROWID;
    CREATE INDEX reputation_entries_by_group ON reputation_entries (source_group);

    CREATE TABLE endorsements (
      endorser_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      topic TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (endorser_id, user_id, topic)
    ) WITHOUT ROWID;

    CREATE TABLE invitations (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      question_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      invited_by_id TEXT NOT NULL,
      invited_by_name TEXT NOT NULL,
      invited_by_avatar TEXT,
      created_at INTEGER NOT NULL,
      UNIQUE (question_id, user_id)
    );
    CREATE INDEX invitations_of_user ON invitations (user_id, seq);
  `,
};

/**
 * Migration 8: each topic row keeps its score (expert-rules.ts `topicScore`, computed by the
 * domain as rows change), indexed per topic, and `topic_experts` keeps the number of people
 * scoring above 0 per topic: experts per topic and the topic list are index reads instead
 * of scans of every topic row. Existing rows are scored with the default endorsement weight.
 */
export const topicIndexMigration: Migration = {
  version: 8,
  name: 'experts: maintained topic scores and topic list',
  sql: `
    ALTER TABLE topic_scores ADD COLUMN score INTEGER NOT NULL DEFAULT 0;
    UPDATE topic_scores SET score = points + endorsements * ${DEFAULT_REPUTATION_WEIGHTS.endorsement};
    CREATE INDEX topic_scores_ranked ON topic_scores (topic, score DESC, user_id);
    CREATE TABLE topic_experts (
      topic TEXT PRIMARY KEY,
      experts INTEGER NOT NULL CHECK (experts >= 0)
    ) WITHOUT ROWID;
    INSERT INTO topic_experts (topic, experts)
      SELECT topic, count(*) FROM topic_scores WHERE score > 0 GROUP BY topic;
    CREATE INDEX topic_experts_ranked ON topic_experts (experts DESC, topic);
  `,
};

/** The expertise reads on one connection, prepared once. */
export class SqliteExpertReads implements ExpertStoreReader {
  private readonly peopleById: Database.Statement<[string], PersonColumns>;
  private readonly topicsOfPeople: Database.Statement<
    [string],
    { user_id: string; topic: string; points: number; endorsements: number }
  >;
  private readonly endorsedBy: Database.Statement<
    [string, string],
    { user_id: string; topic: string }
  >;
  private readonly entryBySource: Database.Statement<[string, string, string], EntryColumns>;
  private readonly entriesOfGroup: Database.Statement<[string], EntryColumns>;
  private readonly rankByReputation: Database.Statement<
    Record<string, unknown>,
    { userId: string; score: number }
  >;
  private readonly rankByTopic: Database.Statement<
    Record<string, unknown>,
    { userId: string; score: number }
  >;
  private readonly topicCounts: Database.Statement<
    Record<string, unknown>,
    { topic: string; experts: number }
  >;
  private readonly invitationOf: Database.Statement<[string, string], InvitationColumns>;
  private readonly invitationsOfUser: Database.Statement<
    [string, number, number],
    InvitationColumns
  >;

  constructor(db: Database.Database) {
    this.peopleById = db.prepare(
      'SELECT * FROM people WHERE id IN (SELECT value FROM json_each(?))',
    );
    this.topicsOfPeople = db.prepare(
      'SELECT * FROM topic_scores WHERE user_id IN (SELECT value FROM json_each(?))',
    );
    this.endorsedBy = db.prepare(
      `SELECT user_id, topic FROM endorsements
       WHERE endorser_id = ? AND user_id IN (SELECT value FROM json_each(?))`,
    );
    this.entryBySource = db.prepare(
      'SELECT * FROM reputation_entries WHERE user_id = ? AND kind = ? AND source_id = ?',
    );
    this.entriesOfGroup = db.prepare(
      'SELECT * FROM reputation_entries WHERE source_group = ? ORDER BY user_id, kind, source_id',
    );
    this.rankByReputation = db.prepare(
      `SELECT id AS userId, reputation AS score FROM people WHERE reputation > 0
       ORDER BY reputation DESC, id LIMIT @limit OFFSET @offset`,
    );
    this.rankByTopic = db.prepare(
      `SELECT user_id AS userId, score FROM topic_scores WHERE topic = @topic AND score > 0
       ORDER BY score DESC, user_id LIMIT @limit OFFSET @offset`,
    );
    this.topicCounts = db.prepare(
      `SELECT topic, experts FROM topic_experts WHERE experts > 0
       ORDER BY experts DESC, topic LIMIT @limit`,
    );
    this.invitationOf = db.prepare(
      'SELECT * FROM invitations WHERE question_id = ? AND user_id = ?',
    );
    this.invitationsOfUser = db.prepare(
      'SELECT * FROM invitations WHERE user_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
    );
  }

  async people(ids: readonly string[]): Promise<Map<string, PersonRow>> {
    if (ids.length === 0) return new Map();
    return new Map(this.peopleById.all(JSON.stringify(ids)).map((c) => [c.id, personRow(c)]));
  }

  async topicScores(userIds: readonly string[]): Promise<TopicScoreRow[]> {
    if (userIds.length === 0) return [];
    return this.topicsOfPeople.all(JSON.stringify(userIds)).map((c) => ({
      userId: c.user_id,
      topic: c.topic,
      points: c.points,
      endorsements: c.endorsements,
    }));
  }

  async endorsementsBy(endorserId: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    return new Set(
      this.endorsedBy
        .all(endorserId, JSON.stringify(userIds))
        .map((c) => `${c.user_id}\u0000${c.topic}`),
    );
  }

  async reputationEntry(
    userId: string,
    kind: string,
    sourceId: string,
  ): Promise<ReputationEntryRow | undefined> {
    const row = this.entryBySource.get(userId, kind, sourceId);
    return row && entryRow(row);
  }

  async reputationEntries(group: string): Promise<ReputationEntryRow[]> {
    return this.entriesOfGroup.all(group).map(entryRow);
  }

  async rankExperts({
    topic,
    offset,
    limit,
  }: ExpertRankQuery): Promise<Array<{ userId: string; score: number }>> {
    return topic === undefined
      ? this.rankByReputation.all({ offset, limit })
      : this.rankByTopic.all({ topic, offset, limit });
  }

  async topics(limit: number): Promise<Array<{ topic: string; experts: number }>> {
    return this.topicCounts.all({ limit });
  }

  async invitation(questionId: string, userId: string): Promise<InvitationRow | undefined> {
    const row = this.invitationOf.get(questionId, userId);
    return row && invitationRow(row);
  }

  async listInvitations({
    userId,
    beforeSeq,
    limit,
  }: {
    userId: string;
    beforeSeq?: number | undefined;
    limit: number;
  }): Promise<InvitationRow[]> {
    return this.invitationsOfUser
      .all(userId, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit)
      .map(invitationRow);
  }
}

/** The expertise writes on the writer connection. */
export class SqliteExpertWrites extends SqliteExpertReads implements ExpertStoreWriter {
  private readonly upsertPerson: Database.Statement<[string, string, string | null]>;
  private readonly addPerson: Database.Statement<Record<string, unknown>>;
  private readonly addTopic: Database.Statement<Record<string, unknown>>;
  private readonly scoreOf: Database.Statement<[string, string], number>;
  private readonly addTopicExperts: Database.Statement<{ topic: string; delta: number }>;
  private readonly saveEntry: Database.Statement<Record<string, unknown>>;
  private readonly deleteEntry: Database.Statement<[string, string, string]>;
  private readonly insertEndorsement: Database.Statement<[string, string, string, number]>;
  private readonly deleteEndorsement: Database.Statement<[string, string, string]>;
  private readonly insertInvitationRow: Database.Statement<Record<string, unknown>>;

  constructor(db: Database.Database) {
    super(db);
    this.upsertPerson = db.prepare(
      `INSERT INTO people (id, name, avatar) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, avatar = excluded.avatar`,
    );
    this.addPerson = db.prepare(
      `UPDATE people SET reputation = reputation + @reputation,
         endorsements = endorsements + @endorsements,
         accepted_answers = accepted_answers + @acceptedAnswers,
         helpful_votes = helpful_votes + @helpfulVotes,
         completed_ideas = completed_ideas + @completedIdeas
       WHERE id = @id`,
    );
    this.scoreOf = db
      .prepare<[string, string], number>(
        'SELECT score FROM topic_scores WHERE user_id = ? AND topic = ?',
      )
      .pluck();
    // The CHECK applies to the inserted row before the conflict: only a new row is clamped.
    this.addTopic = db.prepare(
      `INSERT INTO topic_scores (user_id, topic, points, endorsements, score)
       VALUES (@userId, @topic, @points, MAX(@endorsements, 0), @score)
       ON CONFLICT (user_id, topic) DO UPDATE
       SET points = points + @points, endorsements = endorsements + @endorsements,
         score = score + @score`,
    );
    this.addTopicExperts = db.prepare(
      `INSERT INTO topic_experts (topic, experts) VALUES (@topic, MAX(@delta, 0))
       ON CONFLICT (topic) DO UPDATE SET experts = experts + @delta`,
    );
    this.saveEntry = db.prepare(
      `INSERT OR REPLACE INTO reputation_entries (user_id, kind, source_id, source_group, points,
         topics, accepted_answers, helpful_votes, completed_ideas)
       VALUES (@userId, @kind, @sourceId, @group, @points, @topics, @acceptedAnswers,
         @helpfulVotes, @completedIdeas)`,
    );
    this.deleteEntry = db.prepare(
      'DELETE FROM reputation_entries WHERE user_id = ? AND kind = ? AND source_id = ?',
    );
    this.insertEndorsement = db.prepare(
      'INSERT OR IGNORE INTO endorsements (endorser_id, user_id, topic, created_at) VALUES (?, ?, ?, ?)',
    );
    this.deleteEndorsement = db.prepare(
      'DELETE FROM endorsements WHERE endorser_id = ? AND user_id = ? AND topic = ?',
    );
    this.insertInvitationRow = db.prepare(
      `INSERT INTO invitations (id, question_id, user_id, invited_by_id, invited_by_name,
         invited_by_avatar, created_at)
       VALUES (@id, @questionId, @userId, @invitedById, @invitedByName, @invitedByAvatar, @createdAt)`,
    );
  }

  async savePerson({ id, name, avatar }: { id: string; name: string; avatar: string | null }) {
    this.upsertPerson.run(id, name, avatar);
  }

  async addToPerson(
    id: string,
    delta: Parameters<ExpertStoreWriter['addToPerson']>[1],
  ): Promise<void> {
    this.addPerson.run({
      id,
      reputation: delta.reputation ?? 0,
      endorsements: delta.endorsements ?? 0,
      acceptedAnswers: delta.acceptedAnswers ?? 0,
      helpfulVotes: delta.helpfulVotes ?? 0,
      completedIdeas: delta.completedIdeas ?? 0,
    });
  }

  async addToTopic(
    userId: string,
    topic: string,
    { points = 0, endorsements = 0, score }: Parameters<ExpertStoreWriter['addToTopic']>[2],
  ): Promise<void> {
    const before = this.scoreOf.get(userId, topic) ?? 0;
    this.addTopic.run({ userId, topic, points, endorsements, score });
    const delta = Number(before + score > 0) - Number(before > 0);
    if (delta !== 0) this.addTopicExperts.run({ topic, delta });
  }

  async saveReputationEntry(row: ReputationEntryRow): Promise<void> {
    this.saveEntry.run({ ...row, topics: JSON.stringify(row.topics) });
  }

  async deleteReputationEntry(userId: string, kind: string, sourceId: string): Promise<void> {
    this.deleteEntry.run(userId, kind, sourceId);
  }

  async setEndorsement(
    endorserId: string,
    userId: string,
    topic: string,
    at: Date | null,
  ): Promise<void> {
    if (at === null) this.deleteEndorsement.run(endorserId, userId, topic);
    else this.insertEndorsement.run(endorserId, userId, topic, at.getTime());
  }

  async insertInvitation(row: Omit<InvitationRow, 'seq'>): Promise<InvitationRow> {
    const result = this.insertInvitationRow.run({
      ...row,
      createdAt: row.createdAt.getTime(),
    });
    return { ...row, seq: Number(result.lastInsertRowid) };
  }
}
