import type { ReviewRow } from '../../domain/review-store.js';
import { dateOrNull } from './values.js';

// Reviews as both SQL stores return them, and as the domain reads them.

export interface ReviewColumns {
  seq: number;
  id: string;
  subject: string;
  author_id: string;
  author_name: string;
  author_avatar: string | null;
  stars: number;
  title: string;
  body: string;
  verified: number | boolean;
  created_at: number;
  edited_at: number | null;
  helpful_yes: number;
  helpful_no: number;
}

export function reviewRow(c: ReviewColumns): ReviewRow {
  return {
    seq: c.seq,
    id: c.id,
    subject: c.subject,
    authorId: c.author_id,
    authorName: c.author_name,
    authorAvatar: c.author_avatar,
    stars: c.stars,
    title: c.title,
    body: c.body,
    verified: Boolean(c.verified),
    createdAt: new Date(c.created_at),
    editedAt: dateOrNull(c.edited_at),
    helpfulYes: c.helpful_yes,
    helpfulNo: c.helpful_no,
  };
}
