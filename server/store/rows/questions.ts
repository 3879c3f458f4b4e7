import type { AnswerRow, QuestionRow } from '../../domain/question-store.js';
import { dateOrNull, fromJson } from './values.js';

// Questions and answers as both SQL stores return them, and as the domain reads them.

export interface QuestionColumns {
  seq: number;
  id: string;
  subject: string;
  title: string;
  body: string;
  topics: string | string[];
  author_id: string;
  author_name: string;
  author_avatar: string | null;
  created_at: number;
  edited_at: number | null;
  score: number;
  answer_count: number;
  accepted_answer_id: string | null;
}

export interface AnswerColumns {
  seq: number;
  id: string;
  question_id: string;
  body: string;
  author_id: string;
  author_name: string;
  author_avatar: string | null;
  created_at: number;
  edited_at: number | null;
  score: number;
}

export function questionRow(c: QuestionColumns): QuestionRow {
  return {
    seq: c.seq,
    id: c.id,
    subject: c.subject,
    title: c.title,
    body: c.body,
    topics: fromJson(c.topics),
    authorId: c.author_id,
    authorName: c.author_name,
    authorAvatar: c.author_avatar,
    createdAt: new Date(c.created_at),
    editedAt: dateOrNull(c.edited_at),
    score: c.score,
    answerCount: c.answer_count,
    acceptedAnswerId: c.accepted_answer_id,
  };
}

export function answerRow(c: AnswerColumns): AnswerRow {
  return {
    seq: c.seq,
    id: c.id,
    questionId: c.question_id,
    body: c.body,
    authorId: c.author_id,
    authorName: c.author_name,
    authorAvatar: c.author_avatar,
    createdAt: new Date(c.created_at),
    editedAt: dateOrNull(c.edited_at),
    score: c.score,
  };
}
