import { CLOSED_STATUSES, roundTrend, trendingWeight } from '../domain/idea-rules.js';
import type {
  BoardRow,
  IdeaCommentRow,
  IdeaListQuery,
  IdeaRow,
  IdeaStoreReader,
  IdeaStoreWriter,
  IdeaUpdateRow,
  TrendingIdeaQuery,
} from '../domain/idea-store.js';

/** A vote as the memory store keeps it, keyed `kind\0target\0user`. */
export interface MemoryVote {
  value: number;
  at: number;
}

/** Records a map entry's old value so a failed transaction can put it back. */
export type Remember = <V>(map: Map<string, V>, key: string) => void;

/**
 * The idea tables of `MemoryStore`, in their own module so the shared store stays small.
 * Orders are the SQLite store's, row for row (the contract suite runs both).
 */
export class MemoryIdeaTables implements IdeaStoreReader {
  readonly boards = new Map<string, BoardRow>();
  readonly ideaRows = new Map<string, IdeaRow>();
  readonly comments = new Map<string, IdeaCommentRow>();
  readonly updates = new Map<string, IdeaUpdateRow>();
  readonly seen = new Map<string, number>();
  private nextUpdate = 1;

  constructor(
    /** The store's generic votes, shared with Q&A. */
    private readonly votes: () => Map<string, MemoryVote>,
    private readonly nextSeq: () => number,
  ) {}

  async board(id: string): Promise<BoardRow | undefined> {
    const row = this.boards.get(id);
    return row && { ...row };
  }

  async ideas(ids: readonly string[]): Promise<Map<string, IdeaRow>> {
    const found = new Map<string, IdeaRow>();
    for (const id of ids) {
      const row = this.ideaRows.get(id);
      if (row) found.set(id, { ...row });
    }
    return found;
  }

  private ofBoard(board: string, status: IdeaRow['status'] | undefined): IdeaRow[] {
    return [...this.ideaRows.values()].filter(
      (row) =>
        row.board === board &&
        (status === undefined ? row.mergedInto === null : row.status === status),
    );
  }

  async listIdeas({ board, order, status, after, limit }: IdeaListQuery): Promise<IdeaRow[]> {
    const rows = this.ofBoard(board, status);
    if (order === 'top') {
      const [votes, seq] = (after ?? []) as number[];
      return rows
        .sort((a, b) => b.votes - a.votes || b.seq - a.seq)
        .filter(
          (row) =>
            after === undefined || row.votes < votes! || (row.votes === votes && row.seq < seq!),
        )
        .slice(0, limit)
        .map((row) => ({ ...row }));
    }
    const [seq] = (after ?? []) as number[];
    return rows
      .sort((a, b) => b.seq - a.seq)
      .filter((row) => after === undefined || row.seq < seq!)
      .slice(0, limit)
      .map((row) => ({ ...row }));
  }

  async trendingIdeas({ board, status, at, offset, limit }: TrendingIdeaQuery): Promise<IdeaRow[]> {
    const sums = new Map<string, number>();
    for (const [key, vote] of this.votes()) {
      const [kind, target] = key.split('\u0000');
      if (kind !== 'idea') continue;
      sums.set(target!, (sums.get(target!) ?? 0) + trendingWeight(at, vote.at));
    }
    return this.ofBoard(board, status)
      .map((row) => ({ row, trend: roundTrend(sums.get(row.id) ?? 0) }))
      .sort((a, b) => b.trend - a.trend || b.row.seq - a.row.seq)
      .slice(offset, offset + limit)
      .map(({ row }) => ({ ...row }));
  }

  async listIdeaComments({
    ideaId,
    afterSeq,
    limit,
  }: {
    ideaId: string;
    afterSeq?: number | undefined;
    limit: number;
  }): Promise<IdeaCommentRow[]> {
    return [...this.comments.values()]
      .filter((row) => row.ideaId === ideaId && (afterSeq === undefined || row.seq > afterSeq))
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit)
      .map((row) => ({ ...row }));
  }

  async countOpenIdeaVotes(userId: string, board: string): Promise<number> {
    let count = 0;
    for (const key of this.votes().keys()) {
      const [kind, target, user] = key.split('\u0000');
      if (kind !== 'idea' || user !== userId) continue;
      const idea = this.ideaRows.get(target!);
      if (idea && idea.board === board && !CLOSED_STATUSES.includes(idea.status)) count += 1;
    }
    return count;
  }

  async ideaVoters(ideaId: string): Promise<string[]> {
    const prefix = `idea\u0000${ideaId}\u0000`;
    return [...this.votes().keys()]
      .filter((key) => key.startsWith(prefix))
      .map((key) => key.slice(prefix.length))
      .sort();
  }

  async ideaUpdates({
    userId,
    afterSeq,
    board,
    limit,
  }: {
    userId: string;
    afterSeq: number;
    board?: string | undefined;
    limit: number;
  }): Promise<IdeaUpdateRow[]> {
    return [...this.updates.values()]
      .filter(
        (row) =>
          row.userId === userId &&
          row.seq > afterSeq &&
          (board === undefined || row.board === board),
      )
      .sort((a, b) => b.seq - a.seq)
      .slice(0, limit)
      .map((row) => ({ ...row }));
  }

  async ideaUpdatesSeen(userId: string): Promise<number> {
    return this.seen.get(userId) ?? 0;
  }

  /** The writes, recording every change with `remember` so a failed transaction undoes it. */
  writer(remember: Remember): IdeaStoreWriter {
    return {
      saveBoard: async (row) => {
        remember(this.boards, row.id);
        this.boards.set(row.id, { ...row });
      },
      insertIdea: async (row) => {
        const stored: IdeaRow = { ...row, seq: this.nextSeq() };
        remember(this.ideaRows, row.id);
        this.ideaRows.set(row.id, stored);
        return { ...stored };
      },
      updateIdea: async (id, changes) => {
        const row = this.ideaRows.get(id);
        if (!row) return;
        remember(this.ideaRows, id);
        this.ideaRows.set(id, { ...row, ...changes });
      },
      addToIdeaCounts: async (id, { votes = 0, comments = 0 }) => {
        const row = this.ideaRows.get(id);
        if (!row) return;
        remember(this.ideaRows, id);
        this.ideaRows.set(id, {
          ...row,
          votes: row.votes + votes,
          commentCount: row.commentCount + comments,
        });
      },
      insertIdeaComment: async (row) => {
        const stored: IdeaCommentRow = { ...row, seq: this.nextSeq() };
        remember(this.comments, row.id);
        this.comments.set(row.id, stored);
        return { ...stored };
      },
      insertIdeaUpdates: async (rows) => {
        for (const row of rows) {
          const seq = this.nextUpdate++;
          const key = String(seq);
          remember(this.updates, key);
          this.updates.set(key, { ...row, seq });
        }
      },
      setIdeaUpdatesSeen: async (userId, seq) => {
        remember(this.seen, userId);
        this.seen.set(userId, seq);
      },
    };
  }
}
