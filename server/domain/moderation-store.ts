import type { ReputationEntryRow } from './expert-store.js';

export type ModerationKind = 'question' | 'answer' | 'review' | 'idea' | 'comment';
export type ModerationState = 'visible' | 'held' | 'hidden' | 'removed';
/**
 * Who reads a list, as the store's query needs it: moderators see every row; anyone else
 * sees no row moderation took out of sight (held, hidden, removed) except their own. Lists
 * leave those rows out in the query, so every page but the last is full.
 */
export interface Visibility {
  seesAll: boolean;
  viewerId: string | null;
}

export type ReportReason = 'spam' | 'abuse' | 'off-topic' | 'other';

/**
 * A post moderation has touched. Posts nobody held, reported or decided have no case: they
 * are visible, so the visibility rule costs one key lookup per page and nothing else.
 */
export interface ModerationCaseRow {
  kind: ModerationKind;
  targetId: string;
  /** Where the post lives (subject, board, question or idea id), for the queue's context. */
  scope: string;
  authorId: string;
  state: ModerationState;
  /** Waiting in the queue: held, hidden by reports, or reported while visible. */
  open: boolean;
  /** Queue order (oldest first), assigned by the store each time the case opens. */
  seq: number;
  openedAt: Date;
  /** The posting rule that held it, or `reports`. */
  rule: string | null;
  /** The statement of reasons of the last removal. */
  reason: string | null;
  /** The reputation the post had earned when it was taken down, given back on restore. */
  ledger: ReputationEntryRow[];
}

export interface ReportRow {
  kind: ModerationKind;
  targetId: string;
  reporterId: string;
  reporterName: string;
  reporterAvatar: string | null;
  reason: ReportReason;
  note: string | null;
  createdAt: Date;
}

export interface ModerationLogRow {
  /** Assigned by the store, increasing. */
  id: number;
  action: 'hold' | 'hide' | 'approve' | 'remove' | 'restore' | 'suspend' | 'lift';
  targetKind: ModerationKind | 'person';
  targetId: string;
  /** `null` when a posting rule or a report threshold acted. */
  moderator: { id: string; name: string; avatar: string | null } | null;
  at: Date;
  reason: string | null;
  rule: string | null;
}

export interface SuspensionRow {
  userId: string;
  until: Date;
  reason: string;
  by: { id: string; name: string; avatar: string | null };
  createdAt: Date;
}

/** What the posting rules remember per person: how much they posted, and their last text. */
export interface PosterRow {
  userId: string;
  posts: number;
  lastText: string | null;
}

export interface ModerationQueueQuery {
  kind?: ModerationKind | undefined;
  reason?: ReportReason | undefined;
  /** `seq` of the last case shown. */
  after?: number | undefined;
  limit: number;
}

/** The moderation reads; `StoreReader.moderation`. */
export interface ModerationReader {
  /** The cases of these posts (absent: never touched, so visible). */
  cases(kind: ModerationKind, ids: readonly string[]): Promise<Map<string, ModerationCaseRow>>;
  /** Open cases, oldest first. */
  queue(query: ModerationQueueQuery): Promise<ModerationCaseRow[]>;
  /** The open cases of `kind` posts in `scope` (a question's answers), read from the open ones only. */
  openCasesIn(kind: ModerationKind, scope: string): Promise<ModerationCaseRow[]>;
  /** Reports of these posts still waiting for a decision, oldest first. */
  reports(kind: ModerationKind, ids: readonly string[]): Promise<ReportRow[]>;
  /** The log, newest first, from before `before` (an entry id). */
  log(query: { before?: number | undefined; limit: number }): Promise<ModerationLogRow[]>;
  suspension(userId: string): Promise<SuspensionRow | undefined>;
  /** Suspensions ending after `now`, ending soonest first. */
  suspensions(now: Date): Promise<SuspensionRow[]>;
  poster(userId: string): Promise<PosterRow | undefined>;
}

/** The moderation writes; `StoreWriter.moderation`. */
export interface ModerationWriter extends ModerationReader {
  /** Inserts or replaces the case of (kind, targetId); `seq` is new whenever it opens. */
  saveCase(row: Omit<ModerationCaseRow, 'seq'>): Promise<void>;
  /** One report per person per post: a second one replaces the first. */
  saveReport(row: ReportRow): Promise<void>;
  /** A decision settles every report of the post. */
  clearReports(kind: ModerationKind, targetId: string): Promise<void>;
  appendLog(row: Omit<ModerationLogRow, 'id'>): Promise<void>;
  saveSuspension(row: SuspensionRow): Promise<void>;
  deleteSuspension(userId: string): Promise<void>;
  savePoster(row: PosterRow): Promise<void>;
}
