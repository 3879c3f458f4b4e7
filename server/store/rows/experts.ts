import type { InvitationRow, PersonRow, ReputationEntryRow } from '../../domain/expert-store.js';
import { fromJson } from './values.js';

// People, reputation entries and invitations as both SQL stores return them.

export interface PersonColumns {
  id: string;
  name: string | null;
  avatar: string | null;
  reputation: number;
  endorsements: number;
  accepted_answers: number;
  helpful_votes: number;
  completed_ideas: number;
}

export interface EntryColumns {
  user_id: string;
  kind: string;
  source_id: string;
  source_group: string;
  points: number;
  topics: string | string[];
  accepted_answers: number;
  helpful_votes: number;
  completed_ideas: number;
}

export interface InvitationColumns {
  seq: number;
  id: string;
  question_id: string;
  user_id: string;
  invited_by_id: string;
  invited_by_name: string;
  invited_by_avatar: string | null;
  created_at: number;
}

export function personRow(c: PersonColumns): PersonRow {
  return {
    id: c.id,
    name: c.name,
    avatar: c.avatar,
    reputation: c.reputation,
    endorsements: c.endorsements,
    acceptedAnswers: c.accepted_answers,
    helpfulVotes: c.helpful_votes,
    completedIdeas: c.completed_ideas,
  };
}

export function entryRow(c: EntryColumns): ReputationEntryRow {
  return {
    userId: c.user_id,
    kind: c.kind,
    sourceId: c.source_id,
    group: c.source_group,
    points: c.points,
    topics: fromJson(c.topics),
    acceptedAnswers: c.accepted_answers,
    helpfulVotes: c.helpful_votes,
    completedIdeas: c.completed_ideas,
  };
}

export function invitationRow(c: InvitationColumns): InvitationRow {
  return {
    seq: c.seq,
    id: c.id,
    questionId: c.question_id,
    userId: c.user_id,
    invitedById: c.invited_by_id,
    invitedByName: c.invited_by_name,
    invitedByAvatar: c.invited_by_avatar,
    createdAt: new Date(c.created_at),
  };
}
