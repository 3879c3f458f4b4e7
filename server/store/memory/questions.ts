import type {
  AnswerListQuery,
  AnswerRow,
  QuestionListQuery,
  QuestionRow,
  QuestionWriter,
} from '../../domain/question-store.js';
import { copy, pick, type Journal, type Sequence } from './journal.js';
import type { MemoryModeration } from './moderation.js';
import type { MemoryVotes } from './votes.js';

/** Questions and answers; orders are the SQLite store's, row for row. */
export class MemoryQuestions implements QuestionWriter {
  private readonly questionRows = new Map<string, QuestionRow>();
  private readonly answerRows = new Map<string, AnswerRow>();
  /** Question id → its answers' ids, so a thread costs what it holds. */
  private readonly answersOf = new Map<string, ReadonlySet<string>>();
  /** Subject → its questions' ids. */
  private readonly ofSubject = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly journal: Journal,
    private readonly sequence: Sequence,
    private readonly votes: MemoryVotes,
    private readonly moderation: Pick<MemoryModeration, 'hides'>,
  ) {}

  async byIds(ids: readonly string[]): Promise<Map<string, QuestionRow>> {
    return pick(this.questionRows, ids);
  }

  async list({
    subject,
    order,
    after,
    limit,
    visibleTo,
  }: QuestionListQuery): Promise<QuestionRow[]> {
    const rows = [...(this.ofSubject.get(subject) ?? [])]
      .map((id) => this.questionRows.get(id)!)
      .filter((row) => order !== 'unanswered' || row.answerCount === 0)
      .filter((row) => !this.moderation.hides('question', row, visibleTo));
    if (order === 'votes') {
      rows.sort((a, b) => b.score - a.score || b.seq - a.seq);
      const [score, seq] = (after ?? []) as number[];
      return rows
        .filter(
          (row) =>
            after === undefined || row.score < score! || (row.score === score && row.seq < seq!),
        )
        .slice(0, limit)
        .map(copy);
    }
    rows.sort((a, b) => b.seq - a.seq);
    const [seq] = (after ?? []) as number[];
    return rows
      .filter((row) => after === undefined || row.seq < seq!)
      .slice(0, limit)
      .map(copy);
  }

  async answers(ids: readonly string[]): Promise<Map<string, AnswerRow>> {
    return pick(this.answerRows, ids);
  }

  async listAnswers({
    questionId,
    after,
    limit,
    visibleTo,
  }: AnswerListQuery): Promise<AnswerRow[]> {
    const [score, seq] = (after ?? []) as number[];
    return [...(this.answersOf.get(questionId) ?? [])]
      .map((id) => this.answerRows.get(id)!)
      .filter((row) => !this.moderation.hides('answer', row, visibleTo))
      .sort((a, b) => b.score - a.score || a.seq - b.seq)
      .filter(
        (row) =>
          after === undefined || row.score < score! || (row.score === score && row.seq > seq!),
      )
      .slice(0, limit)
      .map(copy);
  }

  async answeredBy(questionId: string, userId: string): Promise<boolean> {
    for (const id of this.answersOf.get(questionId) ?? []) {
      if (this.answerRows.get(id)?.authorId === userId) return true;
    }
    return false;
  }

  async insert(row: Omit<QuestionRow, 'seq'>): Promise<QuestionRow> {
    const stored: QuestionRow = { ...copy(row as QuestionRow), seq: this.sequence.next() };
    this.journal.remember(this.questionRows, row.id);
    this.questionRows.set(row.id, stored);
    this.journal.link(this.ofSubject, row.subject, row.id, true);
    return copy(stored);
  }

  async update(
    id: string,
    changes: Partial<
      Pick<QuestionRow, 'title' | 'body' | 'topics' | 'editedAt' | 'acceptedAnswerId'>
    >,
  ): Promise<void> {
    this.journal.change(this.questionRows, id, (row) => copy({ ...row, ...changes }));
  }

  async addToCounts(
    id: string,
    { score = 0, answers = 0 }: { score?: number; answers?: number },
  ): Promise<void> {
    this.journal.change(this.questionRows, id, (row) => ({
      ...row,
      score: row.score + score,
      answerCount: row.answerCount + answers,
    }));
  }

  async remove(id: string): Promise<void> {
    for (const answerId of this.answersOf.get(id) ?? []) await this.removeAnswer(answerId);
    this.votes.removeAllOn('question', id);
    const row = this.questionRows.get(id);
    if (!row) return;
    this.journal.remember(this.questionRows, id);
    this.questionRows.delete(id);
    this.journal.link(this.ofSubject, row.subject, id, false);
  }

  async insertAnswer(row: Omit<AnswerRow, 'seq'>): Promise<AnswerRow> {
    const stored: AnswerRow = { ...copy(row as AnswerRow), seq: this.sequence.next() };
    this.journal.remember(this.answerRows, row.id);
    this.answerRows.set(row.id, stored);
    this.journal.link(this.answersOf, row.questionId, row.id, true);
    return copy(stored);
  }

  async updateAnswer(
    id: string,
    changes: Partial<Pick<AnswerRow, 'body' | 'editedAt'>>,
  ): Promise<void> {
    this.journal.change(this.answerRows, id, (row) => ({ ...row, ...changes }));
  }

  async addToAnswerScore(id: string, delta: number): Promise<void> {
    this.journal.change(this.answerRows, id, (row) => ({ ...row, score: row.score + delta }));
  }

  async removeAnswer(id: string): Promise<void> {
    this.votes.removeAllOn('answer', id);
    const row = this.answerRows.get(id);
    if (!row) return;
    this.journal.remember(this.answerRows, id);
    this.answerRows.delete(id);
    this.journal.link(this.answersOf, row.questionId, id, false);
  }
}
