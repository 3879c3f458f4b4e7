import type { Visibility } from './moderation-store.js';
import type { AuthorColumns } from './store.js';
import type { BoardPosting, IdeaOrder, IdeaStatus } from './idea-rules.js';

export interface BoardRow {
  id: string;
  title: string;
  /** Votes per person; null for unlimited. */
  voteBudget: number | null;
  posting: BoardPosting;
}

export interface IdeaRow extends AuthorColumns {
  id: string;
  /** Insertion order, assigned by the store: the stable tie-breaker of every order. */
  seq: number;
  board: string;
  title: string;
  body: string;
  createdAt: Date;
  status: IdeaStatus;
  statusNote: string | null;
  statusChangedAt: Date | null;
  /** Number of voters, kept in step with the `idea` votes in the same transaction. */
  votes: number;
  /** The maintained trending score (idea-rules.ts `addToTrend`), kept in step likewise. */
  trend: number;
  commentCount: number;
  mergedInto: string | null;
}

export interface IdeaCommentRow extends AuthorColumns {
  id: string;
  seq: number;
  ideaId: string;
  body: string;
  createdAt: Date;
  official: boolean;
}

/** One status change as one voter sees it (fanned out to each voter when it happens). */
export interface IdeaUpdateRow {
  /** Assigned by the store, increasing. */
  seq: number;
  userId: string;
  ideaId: string;
  board: string;
  status: IdeaStatus;
  note: string | null;
  at: Date;
}

export interface IdeaListQuery {
  board: string;
  order: IdeaOrder;
  /** Only this status; without it every idea except merged duplicates. */
  status?: IdeaStatus | undefined;
  /** `[votes, seq]` for top, `[trend, seq]` for trending, `[seq]` for new: the keyset of the last row shown. */
  after?: ReadonlyArray<string | number> | undefined;
  limit: number;
  /** Rows this reader may not see are not in the page. */
  visibleTo: Visibility;
}

/** The idea tables' reads; `StoreReader.ideas`. */
export interface IdeaStoreReader {
  board(id: string): Promise<BoardRow | undefined>;
  /** Every board of the site, by id (a site has a handful). */
  boards(): Promise<BoardRow[]>;
  byIds(ids: readonly string[]): Promise<Map<string, IdeaRow>>;
  list(query: IdeaListQuery): Promise<IdeaRow[]>;
  /** Oldest first, after the comment with `afterSeq`. */
  comments(query: {
    ideaId: string;
    afterSeq?: number | undefined;
    limit: number;
    visibleTo: Visibility;
  }): Promise<IdeaCommentRow[]>;
  /** Comments by id (moderation reads the one it is asked about). */
  commentsByIds(ids: readonly string[]): Promise<Map<string, IdeaCommentRow>>;
  /**
   * How many of the user's idea votes on `board` count against its budget: votes on ideas
   * not in `CLOSED_STATUSES` and not taken down by moderators (removed, or hidden by reports),
   * which voters can no longer see. A restored idea's votes count again.
   */
  countOpenVotes(userId: string, board: string): Promise<number>;
  /** Everyone with a vote on the idea. */
  voters(ideaId: string): Promise<string[]>;
  /** Updates for the user after `afterSeq`, newest first, optionally of one board. */
  updates(query: {
    userId: string;
    afterSeq: number;
    board?: string | undefined;
    limit: number;
  }): Promise<IdeaUpdateRow[]>;
  /** The largest update seq the user marked seen (0 when none). */
  updatesSeen(userId: string): Promise<number>;
}

/** The idea tables' writes; `StoreWriter.ideas`. */
export interface IdeaStoreWriter extends IdeaStoreReader {
  /** Adds or replaces a board (boards come from configuration and seeds). */
  saveBoard(row: BoardRow): Promise<void>;
  insert(row: Omit<IdeaRow, 'seq'>): Promise<IdeaRow>;
  update(
    id: string,
    changes: Partial<
      Pick<IdeaRow, 'status' | 'statusNote' | 'statusChangedAt' | 'mergedInto' | 'trend'>
    >,
  ): Promise<void>;
  addToCounts(id: string, delta: { votes?: number; comments?: number }): Promise<void>;
  insertComment(row: Omit<IdeaCommentRow, 'seq'>): Promise<IdeaCommentRow>;
  /**
   * Moves every comment of `fromIdeaId` to `toIdeaId`, keeping each comment's id and seq (so
   * they interleave by age with the target's own); returns how many moved.
   */
  moveComments(fromIdeaId: string, toIdeaId: string): Promise<number>;
  insertUpdates(rows: ReadonlyArray<Omit<IdeaUpdateRow, 'seq'>>): Promise<void>;
  setUpdatesSeen(userId: string, seq: number): Promise<void>;
}
