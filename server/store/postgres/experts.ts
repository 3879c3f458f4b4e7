import { DEFAULT_REPUTATION_WEIGHTS } from '../../domain/expert-rules.js';
import type {
  ExpertRankQuery,
  ExpertStoreReader,
  ExpertStoreWriter,
  InvitationRow,
  PersonRow,
  ReputationEntryRow,
  TopicScoreRow,
} from '../../domain/expert-store.js';
import { one, sql, type Db, type Migration } from './columns.js';
import {
  type EntryColumns,
  entryRow,
  type InvitationColumns,
  invitationRow,
  type PersonColumns,
  personRow,
} from '../rows/experts.js';

/**
 * Schema version 5 (2 Q&A, 3 reviews, 4 ideas): people, reputation, expertise, invitations.
 * Ids and topics that rankings break ties on are `COLLATE "C"`: byte order, as SQLite and the
 * memory store sort, whatever the database's locale, and still served by the indexes.
 */
export const expertsMigration: Migration = {
  version: 5,
  name: 'experts: people, reputation entries, topic scores, endorsements, invitations',
  sql: `
    CREATE TABLE people (
      id TEXT COLLATE "C" PRIMARY KEY,
      name TEXT,
      avatar TEXT,
      -- Kept in step with reputation_entries inside the same transactions.
      reputation INTEGER NOT NULL DEFAULT 0,
      endorsements INTEGER NOT NULL DEFAULT 0 CHECK (endorsements >= 0),
      accepted_answers INTEGER NOT NULL DEFAULT 0 CHECK (accepted_answers >= 0),
      helpful_votes INTEGER NOT NULL DEFAULT 0 CHECK (helpful_votes >= 0),
      completed_ideas INTEGER NOT NULL DEFAULT 0 CHECK (completed_ideas >= 0)
    );
    CREATE INDEX people_by_reputation ON people (reputation DESC, id);

    CREATE TABLE topic_scores (
      user_id TEXT COLLATE "C" NOT NULL,
      topic TEXT COLLATE "C" NOT NULL,
      points INTEGER NOT NULL DEFAULT 0,
      endorsements INTEGER NOT NULL DEFAULT 0 CHECK (endorsements >= 0),
      PRIMARY KEY (user_id, topic)
    );
    CREATE INDEX topic_scores_by_topic ON topic_scores (topic);

    -- What each source earned its author, so undoing an event subtracts exactly that.
    CREATE TABLE reputation_entries (
      user_id TEXT COLLATE "C" NOT NULL,
      kind TEXT COLLATE "C" NOT NULL,
      source_id TEXT COLLATE "C" NOT NULL,
      source_group TEXT NOT NULL,
      points INTEGER NOT NULL,
      topics TEXT[] NOT NULL,
      accepted_answers INTEGER NOT NULL,
      helpful_votes INTEGER NOT NULL,
      completed_ideas INTEGER NOT NULL,
      PRIMARY KEY (user_id, kind, source_id)
    );
    CREATE INDEX reputation_entries_by_group ON reputation_entries (source_group);

    CREATE TABLE endorsements (
      endorser_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      topic TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      PRIMARY KEY (endorser_id, user_id, topic)
    );

    CREATE TABLE invitations (
      seq BIGSERIAL PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      question_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      invited_by_id TEXT NOT NULL,
      invited_by_name TEXT NOT NULL,
      invited_by_avatar TEXT,
      created_at BIGINT NOT NULL,
      UNIQUE (question_id, user_id)
    );
    CREATE INDEX invitations_of_user ON invitations (user_id, seq);
  `,
};

/**
 * Migration 8: each topic row keeps its score (expert-rules.ts `topicScore`), indexed per
 * topic, and `topic_experts` keeps the number of people scoring above 0 per topic (ADR 008).
 */
export const topicIndexMigration: Migration = {
  version: 8,
  name: 'experts: maintained topic scores and topic list',
  sql: `
    ALTER TABLE topic_scores ADD COLUMN score INTEGER NOT NULL DEFAULT 0;
    UPDATE topic_scores SET score = points + endorsements * ${DEFAULT_REPUTATION_WEIGHTS.endorsement};
    CREATE INDEX topic_scores_ranked ON topic_scores (topic, score DESC, user_id);
    CREATE TABLE topic_experts (
      topic TEXT COLLATE "C" PRIMARY KEY,
      experts INTEGER NOT NULL CHECK (experts >= 0)
    );
    INSERT INTO topic_experts (topic, experts)
      SELECT topic, count(*) FROM topic_scores WHERE score > 0 GROUP BY topic;
    CREATE INDEX topic_experts_ranked ON topic_experts (experts DESC, topic);
  `,
};

export class PgExpertReads implements ExpertStoreReader {
  constructor(protected readonly db: Db) {}

  async people(ids: readonly string[]): Promise<Map<string, PersonRow>> {
    if (ids.length === 0) return new Map();
    const rows = await sql<PersonColumns>(
      this.db,
      'SELECT * FROM people WHERE id = ANY($1::text[])',
      [ids],
    );
    return new Map(rows.map((c) => [c.id, personRow(c)]));
  }

  async topicScores(userIds: readonly string[]): Promise<TopicScoreRow[]> {
    if (userIds.length === 0) return [];
    const rows = await sql<{
      user_id: string;
      topic: string;
      points: number;
      endorsements: number;
    }>(
      this.db,
      'SELECT user_id, topic, points, endorsements FROM topic_scores WHERE user_id = ANY($1::text[])',
      [userIds],
    );
    return rows.map((c) => ({
      userId: c.user_id,
      topic: c.topic,
      points: c.points,
      endorsements: c.endorsements,
    }));
  }

  async endorsementsBy(endorserId: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await sql<{ user_id: string; topic: string }>(
      this.db,
      'SELECT user_id, topic FROM endorsements WHERE endorser_id = $1 AND user_id = ANY($2::text[])',
      [endorserId, userIds],
    );
    return new Set(rows.map((c) => `${c.user_id}\u0000${c.topic}`));
  }

  async reputationEntry(
    userId: string,
    kind: string,
    sourceId: string,
  ): Promise<ReputationEntryRow | undefined> {
    const row = await one<EntryColumns>(
      this.db,
      'SELECT * FROM reputation_entries WHERE user_id = $1 AND kind = $2 AND source_id = $3',
      [userId, kind, sourceId],
    );
    return row && entryRow(row);
  }

  async reputationEntries(group: string): Promise<ReputationEntryRow[]> {
    const rows = await sql<EntryColumns>(
      this.db,
      'SELECT * FROM reputation_entries WHERE source_group = $1 ORDER BY user_id, kind, source_id',
      [group],
    );
    return rows.map(entryRow);
  }

  async rankExperts({
    topic,
    offset,
    limit,
  }: ExpertRankQuery): Promise<Array<{ userId: string; score: number }>> {
    return topic === undefined
      ? sql<{ userId: string; score: number }>(
          this.db,
          `SELECT id AS "userId", reputation AS score FROM people WHERE reputation > 0
           ORDER BY reputation DESC, id LIMIT $1 OFFSET $2`,
          [limit, offset],
        )
      : sql<{ userId: string; score: number }>(
          this.db,
          `SELECT user_id AS "userId", score FROM topic_scores WHERE topic = $1 AND score > 0
           ORDER BY score DESC, user_id LIMIT $2 OFFSET $3`,
          [topic, limit, offset],
        );
  }

  async topics(limit: number): Promise<Array<{ topic: string; experts: number }>> {
    return sql<{ topic: string; experts: number }>(
      this.db,
      `SELECT topic, experts FROM topic_experts WHERE experts > 0
       ORDER BY experts DESC, topic LIMIT $1`,
      [limit],
    );
  }

  async invitation(questionId: string, userId: string): Promise<InvitationRow | undefined> {
    const row = await one<InvitationColumns>(
      this.db,
      'SELECT * FROM invitations WHERE question_id = $1 AND user_id = $2',
      [questionId, userId],
    );
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
    const rows = await sql<InvitationColumns>(
      this.db,
      'SELECT * FROM invitations WHERE user_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3',
      [userId, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit],
    );
    return rows.map(invitationRow);
  }
}

export class PgExpertWrites extends PgExpertReads implements ExpertStoreWriter {
  async savePerson({ id, name, avatar }: { id: string; name: string; avatar: string | null }) {
    await sql(
      this.db,
      `INSERT INTO people (id, name, avatar) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, avatar = excluded.avatar`,
      [id, name, avatar],
    );
  }

  async addToPerson(
    id: string,
    delta: Parameters<ExpertStoreWriter['addToPerson']>[1],
  ): Promise<void> {
    await sql(
      this.db,
      `UPDATE people SET reputation = reputation + $2, endorsements = endorsements + $3,
         accepted_answers = accepted_answers + $4, helpful_votes = helpful_votes + $5,
         completed_ideas = completed_ideas + $6
       WHERE id = $1`,
      [
        id,
        delta.reputation ?? 0,
        delta.endorsements ?? 0,
        delta.acceptedAnswers ?? 0,
        delta.helpfulVotes ?? 0,
        delta.completedIdeas ?? 0,
      ],
    );
  }

  async addToTopic(
    userId: string,
    topic: string,
    { points = 0, endorsements = 0, score }: Parameters<ExpertStoreWriter['addToTopic']>[2],
  ): Promise<void> {
    // The score before and after in one statement: the upsert answers the stored row, and
    // `score - $5` is what it held before (0 for a new row).
    const row = await one<{ score: number }>(
      this.db,
      `INSERT INTO topic_scores AS t (user_id, topic, points, endorsements, score)
       VALUES ($1, $2, $3, greatest($4::int, 0), $5)
       ON CONFLICT (user_id, topic) DO UPDATE
       SET points = t.points + $3, endorsements = t.endorsements + $4, score = t.score + $5
       RETURNING score`,
      [userId, topic, points, endorsements, score],
    );
    const after = row!.score;
    const delta = Number(after > 0) - Number(after - score > 0);
    if (delta !== 0) {
      await sql(
        this.db,
        `INSERT INTO topic_experts AS e (topic, experts) VALUES ($1, greatest($2::int, 0))
         ON CONFLICT (topic) DO UPDATE SET experts = e.experts + $2::int`,
        [topic, delta],
      );
    }
  }

  async saveReputationEntry(row: ReputationEntryRow): Promise<void> {
    await sql(
      this.db,
      `INSERT INTO reputation_entries (user_id, kind, source_id, source_group, points, topics,
         accepted_answers, helpful_votes, completed_ideas)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (user_id, kind, source_id) DO UPDATE SET source_group = excluded.source_group,
         points = excluded.points, topics = excluded.topics,
         accepted_answers = excluded.accepted_answers, helpful_votes = excluded.helpful_votes,
         completed_ideas = excluded.completed_ideas`,
      [
        row.userId,
        row.kind,
        row.sourceId,
        row.group,
        row.points,
        row.topics,
        row.acceptedAnswers,
        row.helpfulVotes,
        row.completedIdeas,
      ],
    );
  }

  async deleteReputationEntry(userId: string, kind: string, sourceId: string): Promise<void> {
    await sql(
      this.db,
      'DELETE FROM reputation_entries WHERE user_id = $1 AND kind = $2 AND source_id = $3',
      [userId, kind, sourceId],
    );
  }

  async setEndorsement(
    endorserId: string,
    userId: string,
    topic: string,
    at: Date | null,
  ): Promise<void> {
    if (at === null) {
      await sql(
        this.db,
        'DELETE FROM endorsements WHERE endorser_id = $1 AND user_id = $2 AND topic = $3',
        [endorserId, userId, topic],
      );
    } else {
      await sql(
        this.db,
        `INSERT INTO endorsements (endorser_id, user_id, topic, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [endorserId, userId, topic, at.getTime()],
      );
    }
  }

  async insertInvitation(row: Omit<InvitationRow, 'seq'>): Promise<InvitationRow> {
    const inserted = await one<{ seq: number }>(
      this.db,
      `INSERT INTO invitations (id, question_id, user_id, invited_by_id, invited_by_name,
         invited_by_avatar, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq`,
      [
        row.id,
        row.questionId,
        row.userId,
        row.invitedById,
        row.invitedByName,
        row.invitedByAvatar,
        row.createdAt.getTime(),
      ],
    );
    return { ...row, seq: inserted!.seq };
  }
}
