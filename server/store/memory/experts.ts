import type {
  ExpertRankQuery,
  ExpertStoreWriter,
  InvitationRow,
  PersonRow,
  ReputationEntryRow,
  TopicScoreRow,
} from '../../domain/expert-store.js';
import { compare, key, type Journal, type Sequence } from './journal.js';

/**
 * People and expertise. Orders are the SQLite store's, row for row (score down, then id in
 * code-unit order; the contract suite runs both).
 */
export class MemoryExperts implements ExpertStoreWriter {
  private readonly peopleRows = new Map<string, PersonRow>();
  private readonly topicRows = new Map<string, TopicScoreRow & { score: number }>();
  /** Topic → the keys of its rows; topic → people scoring above 0 (maintained). */
  private readonly ofTopic = new Map<string, ReadonlySet<string>>();
  private readonly topicExperts = new Map<string, number>();
  /** Person → the keys of their topic rows. */
  private readonly ofUser = new Map<string, ReadonlySet<string>>();
  private readonly entries = new Map<string, ReputationEntryRow>();
  /** Group → keys of its entries; endorser → keys of the endorsements they gave. */
  private readonly ofGroup = new Map<string, ReadonlySet<string>>();
  private readonly endorsements = new Map<string, number>();
  private readonly endorsedBy = new Map<string, ReadonlySet<string>>();
  private readonly invitations = new Map<string, InvitationRow>();
  /** `question\0user` → invitation id; user → their invitations' ids. */
  private readonly invitationOf = new Map<string, string>();
  private readonly invitedTo = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly journal: Journal,
    private readonly sequence: Sequence,
  ) {}

  async people(ids: readonly string[]): Promise<Map<string, PersonRow>> {
    const found = new Map<string, PersonRow>();
    for (const id of ids) {
      const row = this.peopleRows.get(id);
      if (row) found.set(id, { ...row });
    }
    return found;
  }

  async topicScores(userIds: readonly string[]): Promise<TopicScoreRow[]> {
    return [...new Set(userIds)]
      .flatMap((userId) => [...(this.ofUser.get(userId) ?? [])])
      .map((k) => {
        const { userId, topic, points, endorsements } = this.topicRows.get(k)!;
        return { userId, topic, points, endorsements };
      });
  }

  async endorsementsBy(endorserId: string, userIds: readonly string[]): Promise<Set<string>> {
    const wanted = new Set(userIds);
    const found = new Set<string>();
    for (const k of this.endorsedBy.get(endorserId) ?? []) {
      const [, userId, topic] = k.split('\u0000') as [string, string, string];
      if (wanted.has(userId)) found.add(key(userId, topic));
    }
    return found;
  }

  async reputationEntry(
    userId: string,
    kind: string,
    sourceId: string,
  ): Promise<ReputationEntryRow | undefined> {
    const row = this.entries.get(key(userId, kind, sourceId));
    return row && { ...row, topics: [...row.topics] };
  }

  async reputationEntries(group: string): Promise<ReputationEntryRow[]> {
    return [...(this.ofGroup.get(group) ?? [])]
      .map((k) => this.entries.get(k)!)
      .map((row) => ({ ...row, topics: [...row.topics] }));
  }

  async rankExperts({
    topic,
    offset,
    limit,
  }: ExpertRankQuery): Promise<Array<{ userId: string; score: number }>> {
    const scored =
      topic === undefined
        ? [...this.peopleRows.values()].map((row) => ({ userId: row.id, score: row.reputation }))
        : [...(this.ofTopic.get(topic) ?? [])].map((k) => {
            const row = this.topicRows.get(k)!;
            return { userId: row.userId, score: row.score };
          });
    return scored
      .filter((row) => row.score > 0)
      .sort((a, b) => b.score - a.score || compare(a.userId, b.userId))
      .slice(offset, offset + limit);
  }

  async topics(limit: number): Promise<Array<{ topic: string; experts: number }>> {
    return [...this.topicExperts]
      .map(([topic, experts]) => ({ topic, experts }))
      .sort((a, b) => b.experts - a.experts || compare(a.topic, b.topic))
      .slice(0, limit);
  }

  async invitation(questionId: string, userId: string): Promise<InvitationRow | undefined> {
    const id = this.invitationOf.get(key(questionId, userId));
    const row = id === undefined ? undefined : this.invitations.get(id);
    return row && { ...row };
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
    return [...(this.invitedTo.get(userId) ?? [])]
      .map((id) => this.invitations.get(id)!)
      .filter((row) => row.seq < (beforeSeq ?? Number.MAX_SAFE_INTEGER))
      .sort((a, b) => b.seq - a.seq)
      .slice(0, limit)
      .map((row) => ({ ...row }));
  }

  async savePerson({ id, name, avatar }: { id: string; name: string; avatar: string | null }) {
    this.journal.remember(this.peopleRows, id);
    const row = this.peopleRows.get(id);
    this.peopleRows.set(
      id,
      row
        ? { ...row, name, avatar }
        : {
            id,
            name,
            avatar,
            reputation: 0,
            endorsements: 0,
            acceptedAnswers: 0,
            helpfulVotes: 0,
            completedIdeas: 0,
          },
    );
  }

  async addToPerson(
    id: string,
    delta: Parameters<ExpertStoreWriter['addToPerson']>[1],
  ): Promise<void> {
    this.journal.change(this.peopleRows, id, (row) => ({
      ...row,
      reputation: row.reputation + (delta.reputation ?? 0),
      endorsements: row.endorsements + (delta.endorsements ?? 0),
      acceptedAnswers: row.acceptedAnswers + (delta.acceptedAnswers ?? 0),
      helpfulVotes: row.helpfulVotes + (delta.helpfulVotes ?? 0),
      completedIdeas: row.completedIdeas + (delta.completedIdeas ?? 0),
    }));
  }

  async addToTopic(
    userId: string,
    topic: string,
    { points = 0, endorsements = 0, score }: Parameters<ExpertStoreWriter['addToTopic']>[2],
  ): Promise<void> {
    const k = key(userId, topic);
    const existing = this.topicRows.get(k);
    const row = existing ?? { userId, topic, points: 0, endorsements: 0, score: 0 };
    this.journal.remember(this.topicRows, k);
    this.topicRows.set(k, {
      ...row,
      points: row.points + points,
      endorsements: row.endorsements + endorsements,
      score: row.score + score,
    });
    if (!existing) {
      this.journal.link(this.ofTopic, topic, k, true);
      this.journal.link(this.ofUser, userId, k, true);
    }
    const change = Number(row.score + score > 0) - Number(row.score > 0);
    if (change !== 0) {
      this.journal.remember(this.topicExperts, topic);
      const experts = (this.topicExperts.get(topic) ?? 0) + change;
      if (experts === 0) this.topicExperts.delete(topic);
      else this.topicExperts.set(topic, experts);
    }
  }

  async saveReputationEntry(row: ReputationEntryRow): Promise<void> {
    const k = key(row.userId, row.kind, row.sourceId);
    const before = this.entries.get(k);
    if (before && before.group !== row.group)
      this.journal.link(this.ofGroup, before.group, k, false);
    this.journal.remember(this.entries, k);
    this.entries.set(k, { ...row, topics: [...row.topics] });
    this.journal.link(this.ofGroup, row.group, k, true);
  }

  async deleteReputationEntry(userId: string, kind: string, sourceId: string): Promise<void> {
    const k = key(userId, kind, sourceId);
    const before = this.entries.get(k);
    if (!before) return;
    this.journal.remember(this.entries, k);
    this.entries.delete(k);
    this.journal.link(this.ofGroup, before.group, k, false);
  }

  async setEndorsement(
    endorserId: string,
    userId: string,
    topic: string,
    at: Date | null,
  ): Promise<void> {
    const k = key(endorserId, userId, topic);
    if ((at === null) === !this.endorsements.has(k)) return;
    this.journal.remember(this.endorsements, k);
    if (at === null) this.endorsements.delete(k);
    else this.endorsements.set(k, at.getTime());
    this.journal.link(this.endorsedBy, endorserId, k, at !== null);
  }

  async insertInvitation(row: Omit<InvitationRow, 'seq'>): Promise<InvitationRow> {
    if (await this.invitation(row.questionId, row.userId)) {
      throw new Error('UNIQUE constraint failed: invitations.question_id, invitations.user_id');
    }
    const stored: InvitationRow = { ...row, seq: this.sequence.next() };
    this.journal.remember(this.invitations, row.id);
    this.invitations.set(row.id, stored);
    const pair = key(row.questionId, row.userId);
    this.journal.remember(this.invitationOf, pair);
    this.invitationOf.set(pair, row.id);
    this.journal.link(this.invitedTo, row.userId, row.id, true);
    return { ...stored };
  }
}
