import type { IdeaCommentRow, IdeaRow } from '../../domain/idea-store.js';
import { dateOrNull } from './values.js';

// Ideas and their comments as both SQL stores return them, and as the domain reads them.

export interface IdeaColumns {
  seq: number;
  id: string;
  board: string;
  title: string;
  body: string;
  author_id: string;
  author_name: string;
  author_avatar: string | null;
  created_at: number;
  status: IdeaRow['status'];
  status_note: string | null;
  status_changed_at: number | null;
  votes: number;
  trend: number;
  comment_count: number;
  merged_into: string | null;
}

export interface CommentColumns {
  seq: number;
  id: string;
  idea_id: string;
  body: string;
  author_id: string;
  author_name: string;
  author_avatar: string | null;
  created_at: number;
  official: number | boolean;
}

export function ideaRow(c: IdeaColumns): IdeaRow {
  return {
    seq: c.seq,
    id: c.id,
    board: c.board,
    title: c.title,
    body: c.body,
    authorId: c.author_id,
    authorName: c.author_name,
    authorAvatar: c.author_avatar,
    createdAt: new Date(c.created_at),
    status: c.status,
    statusNote: c.status_note,
    statusChangedAt: dateOrNull(c.status_changed_at),
    votes: c.votes,
    trend: c.trend,
    commentCount: c.comment_count,
    mergedInto: c.merged_into,
  };
}

export function commentRow(c: CommentColumns): IdeaCommentRow {
  return {
    seq: c.seq,
    id: c.id,
    ideaId: c.idea_id,
    body: c.body,
    authorId: c.author_id,
    authorName: c.author_name,
    authorAvatar: c.author_avatar,
    createdAt: new Date(c.created_at),
    official: Boolean(c.official),
  };
}
