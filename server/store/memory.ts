import type { IdempotencyRecord } from '../domain/idempotency.js';
import type { IdeaListQuery, IdeaStoreReader, TrendingIdeaQuery } from '../domain/idea-store.js';
import type {
  AnswerListQuery,
  AnswerRow,
  QuestionListQuery,
  QuestionRow,
  Store,
  StoreWriter,
} from '../domain/store.js';
import {
  rankDocuments,
  tokenizeDocument,
  type TextMatch,
  type TextSearch,
  type TokenizedDocument,
} from '../domain/text-search.js';
import type { Distribution } from '../domain/types.js';
import type { ReviewListQuery, ReviewRow } from '../domain/review-store.js';
import { HELPFUL_VOTE_KIND } from '../domain/review-rules.js';
import type { ExpertStoreReader } from '../domain/expert-store.js';
import { MemoryExpertTables } from './memory-experts.js';
import { MemoryIdeaTables, type MemoryVote } from './memory-ideas.js';

interface RatingRow {
  value: number;
  at: Date;
}

/**
 * Keeps everything in Maps. Used by tests and by the msw mock in the browser, so it must
 * not touch Node APIs. Transactions run one at a time and undo their writes when they throw.
 * Orders and rankings are the SQLite store's, row for row (the contract suite checks).
 */
export class MemoryStore implements Store {
  private readonly ratings = new Map<string, RatingRow>();
  private readonly distributions = new Map<string, Distribution>();
  private readonly idempotencyRecords = new Map<string, IdempotencyRecord>();
  private readonly textIndex = new Map<string, TokenizedDocument>();
  private readonly votes = new Map<string, MemoryVote>();
  private readonly questionRows = new Map<string, QuestionRow>();
  private readonly answerRows = new Map<string, AnswerRow>();
  private readonly reviewRows = new Map<string, ReviewRow>();
  private nextSeq = 1;
  private readonly ideaTables = new MemoryIdeaTables(
    () => this.votes,
    () => this.nextSeq++,
  );
  private readonly expertTables = new MemoryExpertTables(() => this.nextSeq++);
  /** People, reputation and expertise (reads outside transactions). */
  readonly experts: ExpertStoreReader = this.expertTables;
  private queue: Promise<unknown> = Promise.resolve();

  async ratingDistributions(subjects: readonly string[]): Promise<Map<string, Distribution>> {
    const found = new Map<string, Distribution>();
    for (const subject of subjects) {
      const distribution = this.distributions.get(subject);
      if (distribution) found.set(subject, [...distribution]);
    }
    return found;
  }

  async userRatings(userId: string, subjects: readonly string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (const subject of subjects) {
      const row = this.ratings.get(pairKey(subject, userId));
      if (row) found.set(subject, row.value);
    }
    return found;
  }

  async questions(ids: readonly string[]): Promise<Map<string, QuestionRow>> {
    return pick(this.questionRows, ids);
  }

  async listQuestions({ subject, order, after, limit }: QuestionListQuery): Promise<QuestionRow[]> {
    const rows = [...this.questionRows.values()].filter(
      (row) => row.subject === subject && (order !== 'unanswered' || row.answerCount === 0),
    );
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

  async listAnswers({ questionId, after, limit }: AnswerListQuery): Promise<AnswerRow[]> {
    const [score, seq] = (after ?? []) as number[];
    return [...this.answerRows.values()]
      .filter((row) => row.questionId === questionId)
      .sort((a, b) => b.score - a.score || a.seq - b.seq)
      .filter(
        (row) =>
          after === undefined || row.score < score! || (row.score === score && row.seq > seq!),
      )
      .slice(0, limit)
      .map(copy);
  }

  async userVotes(
    userId: string,
    targetKind: string,
    targetIds: readonly string[],
  ): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (const id of targetIds) {
      const value = this.votes.get(voteKey(targetKind, id, userId));
      if (value !== undefined) found.set(id, value.value);
    }
    return found;
  }

  async searchText(search: TextSearch): Promise<TextMatch[]> {
    return rankDocuments(this.textIndex.values(), search);
  }

  async reviews(ids: readonly string[]): Promise<Map<string, ReviewRow>> {
    return pick(this.reviewRows, ids);
  }

  async listReviews({
    subject,
    order,
    stars,
    after,
    limit,
  }: ReviewListQuery): Promise<ReviewRow[]> {
    const rows = [...this.reviewRows.values()].filter(
      (row) => row.subject === subject && (stars === undefined || row.stars === stars),
    );
    // The same orders and keysets as the SQLite store's queries; ties newest first.
    const key = (row: ReviewRow): number =>
      order === 'helpful' ? row.helpfulYes : order === 'newest' ? 0 : row.stars;
    const direction = order === 'lowest' ? 1 : -1;
    rows.sort((a, b) => direction * (key(a) - key(b)) || b.seq - a.seq);
    const [first, second] = (after ?? []) as number[];
    const [afterKey, afterSeq] = order === 'newest' ? [0, first] : [first, second];
    return rows
      .filter((row) => {
        if (after === undefined) return true;
        const k = key(row);
        return direction * (k - afterKey!) > 0 || (k === afterKey && row.seq < afterSeq!);
      })
      .slice(0, limit)
      .map(copy);
  }

  async userReview(subject: string, userId: string): Promise<ReviewRow | undefined> {
    for (const row of this.reviewRows.values()) {
      if (row.subject === subject && row.authorId === userId) return copy(row);
    }
    return undefined;
  }

  board = (id: string) => this.ideaTables.board(id);
  ideas = (ids: readonly string[]) => this.ideaTables.ideas(ids);
  listIdeas = (query: IdeaListQuery) => this.ideaTables.listIdeas(query);
  trendingIdeas = (query: TrendingIdeaQuery) => this.ideaTables.trendingIdeas(query);
  listIdeaComments: IdeaStoreReader['listIdeaComments'] = (query) =>
    this.ideaTables.listIdeaComments(query);
  countOpenIdeaVotes = (userId: string, board: string) =>
    this.ideaTables.countOpenIdeaVotes(userId, board);
  ideaVoters = (ideaId: string) => this.ideaTables.ideaVoters(ideaId);
  ideaUpdates: IdeaStoreReader['ideaUpdates'] = (query) => this.ideaTables.ideaUpdates(query);
  ideaUpdatesSeen = (userId: string) => this.ideaTables.ideaUpdatesSeen(userId);

  /** The idea reads, for the transaction object. */
  private ideaReads(): IdeaStoreReader {
    return {
      board: this.board,
      ideas: this.ideas,
      listIdeas: this.listIdeas,
      trendingIdeas: this.trendingIdeas,
      listIdeaComments: this.listIdeaComments,
      countOpenIdeaVotes: this.countOpenIdeaVotes,
      ideaVoters: this.ideaVoters,
      ideaUpdates: this.ideaUpdates,
      ideaUpdatesSeen: this.ideaUpdatesSeen,
    };
  }

  write<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.transact(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async transact<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> {
    const undo: Array<() => void> = [];
    const remember = <V>(map: Map<string, V>, key: string) => {
      const had = map.has(key);
      const before = map.get(key);
      undo.push(() => (had ? map.set(key, before as V) : map.delete(key)));
    };
    const removeVotesOn = (targetKind: string, targetId: string) => {
      const prefix = `${targetKind}\u0000${targetId}\u0000`;
      for (const key of this.votes.keys()) {
        if (key.startsWith(prefix)) {
          remember(this.votes, key);
          this.votes.delete(key);
        }
      }
    };
    const tx: StoreWriter = {
      ratingDistributions: (subjects) => this.ratingDistributions(subjects),
      userRatings: (userId, subjects) => this.userRatings(userId, subjects),
      questions: (ids) => this.questions(ids),
      listQuestions: (query) => this.listQuestions(query),
      answers: (ids) => this.answers(ids),
      listAnswers: (query) => this.listAnswers(query),
      userVotes: (userId, kind, ids) => this.userVotes(userId, kind, ids),
      searchText: (search) => this.searchText(search),
      reviews: (ids) => this.reviews(ids),
      listReviews: (query) => this.listReviews(query),
      userReview: (subject, userId) => this.userReview(subject, userId),
      ...this.ideaReads(),
      ...this.ideaTables.writer(remember),
      experts: this.expertTables.writer(remember),
      upsertRating: async (subject, userId, value, at) => {
        const key = pairKey(subject, userId);
        remember(this.ratings, key);
        this.ratings.set(key, { value, at });
      },
      deleteRating: async (subject, userId) => {
        const key = pairKey(subject, userId);
        remember(this.ratings, key);
        this.ratings.delete(key);
      },
      addToDistribution: async (subject, delta) => {
        remember(this.distributions, subject);
        const current = this.distributions.get(subject) ?? [0, 0, 0, 0, 0];
        this.distributions.set(subject, current.map((n, i) => n + delta[i]!) as Distribution);
      },
      idempotencyRecord: async (userId, key) => {
        const record = this.idempotencyRecords.get(pairKey(userId, key));
        return record && { ...record };
      },
      saveIdempotencyRecord: async (record) => {
        const key = pairKey(record.userId, record.key);
        remember(this.idempotencyRecords, key);
        this.idempotencyRecords.set(key, { ...record });
      },
      pruneIdempotencyRecords: async (before) => {
        for (const [key, record] of this.idempotencyRecords) {
          if (record.createdAt < before) {
            remember(this.idempotencyRecords, key);
            this.idempotencyRecords.delete(key);
          }
        }
      },
      indexText: async (document) => {
        const key = pairKey(document.kind, document.id);
        remember(this.textIndex, key);
        this.textIndex.set(key, tokenizeDocument({ ...document }));
      },
      unindexText: async (kind, id) => {
        const key = pairKey(kind, id);
        remember(this.textIndex, key);
        this.textIndex.delete(key);
      },
      setVote: async (targetKind, targetId, userId, value, at) => {
        const key = voteKey(targetKind, targetId, userId);
        remember(this.votes, key);
        if (value === 0) this.votes.delete(key);
        else this.votes.set(key, { value, at: at.getTime() });
      },
      insertQuestion: async (row) => {
        const stored: QuestionRow = { ...copy(row as QuestionRow), seq: this.nextSeq++ };
        remember(this.questionRows, row.id);
        this.questionRows.set(row.id, stored);
        return copy(stored);
      },
      updateQuestion: async (id, changes) => {
        const row = this.questionRows.get(id);
        if (!row) return;
        remember(this.questionRows, id);
        this.questionRows.set(id, copy({ ...row, ...changes }));
      },
      addToQuestionCounts: async (id, { score = 0, answers = 0 }) => {
        const row = this.questionRows.get(id);
        if (!row) return;
        remember(this.questionRows, id);
        this.questionRows.set(id, {
          ...row,
          score: row.score + score,
          answerCount: row.answerCount + answers,
        });
      },
      deleteQuestion: async (id) => {
        for (const answer of this.answerRows.values()) {
          if (answer.questionId !== id) continue;
          remember(this.answerRows, answer.id);
          this.answerRows.delete(answer.id);
          removeVotesOn('answer', answer.id);
        }
        removeVotesOn('question', id);
        remember(this.questionRows, id);
        this.questionRows.delete(id);
      },
      insertAnswer: async (row) => {
        const stored: AnswerRow = { ...copy(row as AnswerRow), seq: this.nextSeq++ };
        remember(this.answerRows, row.id);
        this.answerRows.set(row.id, stored);
        return copy(stored);
      },
      updateAnswer: async (id, changes) => {
        const row = this.answerRows.get(id);
        if (!row) return;
        remember(this.answerRows, id);
        this.answerRows.set(id, { ...row, ...changes });
      },
      addToAnswerScore: async (id, delta) => {
        const row = this.answerRows.get(id);
        if (!row) return;
        remember(this.answerRows, id);
        this.answerRows.set(id, { ...row, score: row.score + delta });
      },
      deleteAnswer: async (id) => {
        removeVotesOn('answer', id);
        remember(this.answerRows, id);
        this.answerRows.delete(id);
      },
      insertReview: async (row) => {
        if (
          [...this.reviewRows.values()].some(
            (r) => r.subject === row.subject && r.authorId === row.authorId,
          )
        ) {
          throw new Error('UNIQUE constraint failed: reviews.subject, reviews.author_id');
        }
        const stored: ReviewRow = { ...row, seq: this.nextSeq++ };
        remember(this.reviewRows, row.id);
        this.reviewRows.set(row.id, stored);
        return copy(stored);
      },
      updateReview: async (id, changes) => {
        const row = this.reviewRows.get(id);
        if (!row) return;
        remember(this.reviewRows, id);
        this.reviewRows.set(id, { ...row, ...changes });
      },
      addToReviewHelpful: async (id, { yes = 0, no = 0 }) => {
        const row = this.reviewRows.get(id);
        if (!row) return;
        remember(this.reviewRows, id);
        this.reviewRows.set(id, {
          ...row,
          helpfulYes: row.helpfulYes + yes,
          helpfulNo: row.helpfulNo + no,
        });
      },
      deleteReview: async (id) => {
        removeVotesOn(HELPFUL_VOTE_KIND, id);
        remember(this.reviewRows, id);
        this.reviewRows.delete(id);
      },
    };
    try {
      return await work(tx);
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    }
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}

function pairKey(a: string, b: string): string {
  return `${a}\u0000${b}`;
}

function voteKey(targetKind: string, targetId: string, userId: string): string {
  return `${targetKind}\u0000${targetId}\u0000${userId}`;
}

/** Rows leave the store as copies, so a caller's change never edits stored data. */
function copy<R extends object>(row: R): R {
  const topics = (row as { topics?: unknown }).topics;
  return Array.isArray(topics) ? { ...row, topics: [...topics] } : { ...row };
}

function pick<R extends object>(rows: Map<string, R>, ids: readonly string[]): Map<string, R> {
  const found = new Map<string, R>();
  for (const id of ids) {
    const row = rows.get(id);
    if (row) found.set(id, copy(row));
  }
  return found;
}
