import { CLOSED_STATUSES } from '../../domain/idea-rules.js';
import type {
  BoardRow,
  IdeaCommentRow,
  IdeaListQuery,
  IdeaRow,
  IdeaStoreWriter,
  IdeaUpdateRow,
} from '../../domain/idea-store.js';
import { pick, type Journal, type Sequence } from './journal.js';
import type { Visibility } from '../../domain/moderation-store.js';
import type { MemoryModeration } from './moderation.js';
import type { MemoryVotes } from './votes.js';

/** Idea boards; orders are the SQLite store's, row for row (the contract suite runs both). */
export class MemoryIdeas implements IdeaStoreWriter {
  private readonly boardsById = new Map<string, BoardRow>();
  private readonly rows = new Map<string, IdeaRow>();
  private readonly commentRows = new Map<string, IdeaCommentRow>();
  private readonly updateRows = new Map<string, IdeaUpdateRow>();
  private readonly seen = new Map<string, number>();
  /** Board → its ideas; idea → its comments; user → their updates. */
  private readonly ofBoard = new Map<string, ReadonlySet<string>>();
  private readonly commentsOf = new Map<string, ReadonlySet<string>>();
  private readonly updatesOf = new Map<string, ReadonlySet<string>>();
  private nextUpdate = 1;

  constructor(
    private readonly journal: Journal,
    private readonly sequence: Sequence,
    /** The store's generic votes, shared with Q&A and reviews. */
    private readonly votes: MemoryVotes,
    /** Whether moderators took an idea down, which gives its votes back to the budget. */
    private readonly moderation: Pick<MemoryModeration, 'isTakenDown' | 'hides'>,
  ) {}

  async board(id: string): Promise<BoardRow | undefined> {
    const row = this.boardsById.get(id);
    return row && { ...row };
  }

  async boards(): Promise<BoardRow[]> {
    return [...this.boardsById.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((row) => ({ ...row }));
  }

  async byIds(ids: readonly string[]): Promise<Map<string, IdeaRow>> {
    return pick(this.rows, ids);
  }

  private listed(board: string, status: IdeaRow['status'] | undefined): IdeaRow[] {
    return [...(this.ofBoard.get(board) ?? [])]
      .map((id) => this.rows.get(id)!)
      .filter((row) => (status === undefined ? row.mergedInto === null : row.status === status));
  }

  async list({ board, order, status, after, limit, visibleTo }: IdeaListQuery): Promise<IdeaRow[]> {
    // The same keysets as the SQLite store's queries: `[key, seq]`, or `[seq]` for new.
    const sortKey = (row: IdeaRow): number =>
      order === 'top' ? row.votes : order === 'trending' ? row.trend : 0;
    const [first, second] = (after ?? []) as number[];
    const [afterKey, afterSeq] = order === 'new' ? [0, first] : [first, second];
    return this.listed(board, status)
      .filter((row) => !this.moderation.hides('idea', row, visibleTo))
      .sort((a, b) => sortKey(b) - sortKey(a) || b.seq - a.seq)
      .filter((row) => {
        if (after === undefined) return true;
        const k = sortKey(row);
        return k < afterKey! || (k === afterKey && row.seq < afterSeq!);
      })
      .slice(0, limit)
      .map((row) => ({ ...row }));
  }

  async commentsByIds(ids: readonly string[]): Promise<Map<string, IdeaCommentRow>> {
    return pick(this.commentRows, ids);
  }

  async comments({
    ideaId,
    afterSeq,
    limit,
    visibleTo,
  }: {
    ideaId: string;
    afterSeq?: number | undefined;
    limit: number;
    visibleTo: Visibility;
  }): Promise<IdeaCommentRow[]> {
    return [...(this.commentsOf.get(ideaId) ?? [])]
      .map((id) => this.commentRows.get(id)!)
      .filter((row) => !this.moderation.hides('comment', row, visibleTo))
      .filter((row) => afterSeq === undefined || row.seq > afterSeq)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit)
      .map((row) => ({ ...row }));
  }

  async countOpenVotes(userId: string, board: string): Promise<number> {
    let count = 0;
    for (const target of this.votes.targetsOf(userId, 'idea')) {
      const idea = this.rows.get(target);
      if (
        idea &&
        idea.board === board &&
        !CLOSED_STATUSES.includes(idea.status) &&
        !this.moderation.isTakenDown('idea', idea.id)
      ) {
        count += 1;
      }
    }
    return count;
  }

  async voters(ideaId: string): Promise<string[]> {
    return [...this.votes.on('idea', ideaId).keys()].sort();
  }

  async updates({
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
    return [...(this.updatesOf.get(userId) ?? [])]
      .map((k) => this.updateRows.get(k)!)
      .filter((row) => row.seq > afterSeq && (board === undefined || row.board === board))
      .sort((a, b) => b.seq - a.seq)
      .slice(0, limit)
      .map((row) => ({ ...row }));
  }

  async updatesSeen(userId: string): Promise<number> {
    return this.seen.get(userId) ?? 0;
  }

  async saveBoard(row: BoardRow): Promise<void> {
    this.journal.remember(this.boardsById, row.id);
    this.boardsById.set(row.id, { ...row });
  }

  async insert(row: Omit<IdeaRow, 'seq'>): Promise<IdeaRow> {
    const stored: IdeaRow = { ...row, seq: this.sequence.next() };
    this.journal.remember(this.rows, row.id);
    this.rows.set(row.id, stored);
    this.journal.link(this.ofBoard, row.board, row.id, true);
    return { ...stored };
  }

  async update(id: string, changes: Parameters<IdeaStoreWriter['update']>[1]): Promise<void> {
    this.journal.change(this.rows, id, (row) => ({ ...row, ...changes }));
  }

  async addToCounts(
    id: string,
    { votes = 0, comments = 0 }: { votes?: number; comments?: number },
  ): Promise<void> {
    this.journal.change(this.rows, id, (row) => ({
      ...row,
      votes: row.votes + votes,
      commentCount: row.commentCount + comments,
    }));
  }

  async insertComment(row: Omit<IdeaCommentRow, 'seq'>): Promise<IdeaCommentRow> {
    const stored: IdeaCommentRow = { ...row, seq: this.sequence.next() };
    this.journal.remember(this.commentRows, row.id);
    this.commentRows.set(row.id, stored);
    this.journal.link(this.commentsOf, row.ideaId, row.id, true);
    return { ...stored };
  }

  async moveComments(fromIdeaId: string, toIdeaId: string): Promise<number> {
    const ids = [...(this.commentsOf.get(fromIdeaId) ?? [])];
    for (const id of ids) {
      this.journal.change(this.commentRows, id, (row) => ({ ...row, ideaId: toIdeaId }));
      this.journal.link(this.commentsOf, fromIdeaId, id, false);
      this.journal.link(this.commentsOf, toIdeaId, id, true);
    }
    return ids.length;
  }

  async insertUpdates(rows: ReadonlyArray<Omit<IdeaUpdateRow, 'seq'>>): Promise<void> {
    for (const row of rows) {
      const seq = this.nextUpdate++;
      const k = String(seq);
      this.journal.remember(this.updateRows, k);
      this.updateRows.set(k, { ...row, seq });
      this.journal.link(this.updatesOf, row.userId, k, true);
    }
  }

  async setUpdatesSeen(userId: string, seq: number): Promise<void> {
    this.journal.remember(this.seen, userId);
    this.seen.set(userId, seq);
  }
}
