import type Database from 'better-sqlite3';
import type { Migration } from './columns.js';
import type {
  ModerationCaseRow,
  ModerationKind,
  ModerationLogRow,
  ModerationQueueQuery,
  ModerationReader,
  ModerationWriter,
  PosterRow,
  ReportRow,
  SuspensionRow,
} from '../../domain/moderation-store.js';
import {
  type CaseColumns,
  caseRow,
  type LogColumns,
  logRow,
  type ReportColumns,
  reportRow,
  type SuspensionColumns,
  suspensionRow,
} from '../rows/moderation.js';

/**
 * Moderation in SQLite (migration 10). Posts keep their own tables untouched: a post with no
 * row in `moderation_cases` is visible, so every read path pays one primary-key lookup per
 * page and nothing more. The queue reads the partial index of open cases only.
 */
export const moderationMigration: Migration = {
  version: 10,
  name: 'moderation: cases, reports, log, suspensions, posters',
  sql: `
      CREATE TABLE moderation_cases (
        kind TEXT NOT NULL,
        target_id TEXT NOT NULL,
        scope TEXT NOT NULL,
        author_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('visible', 'held', 'hidden', 'removed')),
        open INTEGER NOT NULL CHECK (open IN (0, 1)),
        seq INTEGER NOT NULL,
        opened_at INTEGER NOT NULL,
        rule TEXT,
        reason TEXT,
        ledger TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (kind, target_id)
      ) WITHOUT ROWID;
      CREATE INDEX moderation_queue ON moderation_cases (seq) WHERE open = 1;
      CREATE TABLE moderation_reports (
        kind TEXT NOT NULL,
        target_id TEXT NOT NULL,
        reporter_id TEXT NOT NULL,
        reporter_name TEXT NOT NULL,
        reporter_avatar TEXT,
        reason TEXT NOT NULL,
        note TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (kind, target_id, reporter_id)
      ) WITHOUT ROWID;
      CREATE TABLE moderation_log (
        id INTEGER PRIMARY KEY,
        action TEXT NOT NULL,
        target_kind TEXT NOT NULL,
        target_id TEXT NOT NULL,
        moderator_id TEXT,
        moderator_name TEXT,
        moderator_avatar TEXT,
        at INTEGER NOT NULL,
        reason TEXT,
        rule TEXT
      );
      CREATE TABLE moderation_suspensions (
        user_id TEXT PRIMARY KEY,
        until INTEGER NOT NULL,
        reason TEXT NOT NULL,
        by_id TEXT NOT NULL,
        by_name TEXT NOT NULL,
        by_avatar TEXT,
        created_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX moderation_suspensions_until ON moderation_suspensions (until);
      CREATE TABLE moderation_posters (
        user_id TEXT PRIMARY KEY,
        posts INTEGER NOT NULL,
        last_text TEXT
      ) WITHOUT ROWID;
    `,
};

/**
 * Every suspension, held in memory for the reader connection: each write asks whether its
 * author is suspended (`ModerationService.assertMayWrite`), and on the reader the first
 * query after another connection's commit starts by dropping that connection's whole page
 * cache, so the one-row lookup cost the write path more than its rating's own statements.
 * Suspensions are few, and change only through this store's write transaction, which marks
 * them changed (`touch`) and has them read afresh right after COMMIT or ROLLBACK (`settle`),
 * synchronously, as `DistributionCache` does and for the same reason: one process owns the
 * file. (Postgres, shared by instances, reads them each time.)
 */
/**
 * Migration 18: every case by queue position. A case that opens takes the place after the
 * highest ever given, and closed cases keep theirs; the partial index holds open cases only,
 * so that maximum read every case (3.2 ms per report or hold at 100k cases, measured).
 */
export const caseOrderMigration: Migration = {
  version: 18,
  name: 'moderation: queue positions indexed',
  sql: 'CREATE INDEX moderation_cases_seq ON moderation_cases (seq);',
};

export class SuspensionCache {
  private rows: Map<string, SuspensionRow> | null = null;
  private touched = false;

  /** The suspensions committed, read with `load` when not known. */
  all(load: () => SuspensionRow[]): ReadonlyMap<string, SuspensionRow> {
    this.rows ??= new Map(load().map((row) => [row.userId, row]));
    return this.rows;
  }

  /** A write transaction changed a suspension (not yet committed). */
  touch(): void {
    this.touched = true;
  }

  /** The write transaction ended, committed or not: what it touched is read afresh. */
  settle(): void {
    if (!this.touched) return;
    this.touched = false;
    this.rows = null;
  }
}

export class SqliteModerationReads implements ModerationReader {
  private readonly byIds: Database.Statement<[string, string], CaseColumns>;
  private readonly queued: Database.Statement<
    { kind: string | null; reason: string | null; after: number; limit: number },
    CaseColumns
  >;
  private readonly openIn: Database.Statement<[string, string], CaseColumns>;
  private readonly reportsOf: Database.Statement<[string, string], ReportColumns>;
  private readonly logPage: Database.Statement<[number, number], LogColumns>;
  private readonly oneSuspension: Database.Statement<[string], SuspensionColumns>;
  private readonly everySuspension: Database.Statement<[], SuspensionColumns>;
  private readonly current: Database.Statement<[number], SuspensionColumns>;
  private readonly onePoster: Database.Statement<
    [string],
    { user_id: string; posts: number; last_text: string | null }
  >;

  constructor(
    db: Database.Database,
    private readonly cache: SuspensionCache | null = null,
  ) {
    this.byIds = db.prepare(
      `SELECT * FROM moderation_cases
        WHERE kind = ? AND target_id IN (SELECT value FROM json_each(?))`,
    );
    this.queued = db.prepare(
      `SELECT * FROM moderation_cases c
        WHERE open = 1 AND seq > @after AND (@kind IS NULL OR kind = @kind)
          AND (@reason IS NULL OR EXISTS (
            SELECT 1 FROM moderation_reports r
             WHERE r.kind = c.kind AND r.target_id = c.target_id AND r.reason = @reason))
        ORDER BY seq LIMIT @limit`,
    );
    // The partial index of open cases bounds it by the queue's length, not by every case.
    this.openIn = db.prepare(
      `SELECT * FROM moderation_cases INDEXED BY moderation_queue
        WHERE open = 1 AND kind = ? AND scope = ? ORDER BY seq`,
    );
    this.reportsOf = db.prepare(
      `SELECT * FROM moderation_reports
        WHERE kind = ? AND target_id IN (SELECT value FROM json_each(?))
        ORDER BY created_at, reporter_id`,
    );
    this.logPage = db.prepare('SELECT * FROM moderation_log WHERE id < ? ORDER BY id DESC LIMIT ?');
    this.oneSuspension = db.prepare('SELECT * FROM moderation_suspensions WHERE user_id = ?');
    this.everySuspension = db.prepare('SELECT * FROM moderation_suspensions');
    this.current = db.prepare(
      'SELECT * FROM moderation_suspensions WHERE until > ? ORDER BY until, user_id',
    );
    this.onePoster = db.prepare('SELECT * FROM moderation_posters WHERE user_id = ?');
  }

  async cases(kind: ModerationKind, ids: readonly string[]) {
    const found = new Map<string, ModerationCaseRow>();
    if (ids.length === 0) return found;
    for (const row of this.byIds.all(kind, JSON.stringify(ids))) {
      found.set(row.target_id, caseRow(row));
    }
    return found;
  }

  async openCasesIn(kind: ModerationKind, scope: string) {
    return this.openIn.all(kind, scope).map(caseRow);
  }

  async queue({ kind, reason, after, limit }: ModerationQueueQuery) {
    return this.queued
      .all({ kind: kind ?? null, reason: reason ?? null, after: after ?? 0, limit })
      .map(caseRow);
  }

  async reports(kind: ModerationKind, ids: readonly string[]) {
    if (ids.length === 0) return [];
    return this.reportsOf.all(kind, JSON.stringify(ids)).map(reportRow);
  }

  async log({ before, limit }: { before?: number | undefined; limit: number }) {
    return this.logPage.all(before ?? Number.MAX_SAFE_INTEGER, limit).map(logRow);
  }

  async suspension(userId: string) {
    if (this.cache) {
      return this.cache.all(() => this.everySuspension.all().map(suspensionRow)).get(userId);
    }
    const row = this.oneSuspension.get(userId);
    return row && suspensionRow(row);
  }

  async suspensions(now: Date) {
    return this.current.all(now.getTime()).map(suspensionRow);
  }

  async poster(userId: string): Promise<PosterRow | undefined> {
    const row = this.onePoster.get(userId);
    return row && { userId: row.user_id, posts: row.posts, lastText: row.last_text };
  }
}

export class SqliteModerationWrites extends SqliteModerationReads implements ModerationWriter {
  private readonly upsertCase: Database.Statement;
  private readonly upsertReport: Database.Statement;
  private readonly deleteReports: Database.Statement;
  private readonly insertLog: Database.Statement;
  private readonly upsertSuspension: Database.Statement;
  private readonly removeSuspension: Database.Statement;
  private readonly upsertPoster: Database.Statement;

  /**
   * Reads inside the transaction see its own uncommitted changes, so they never use the
   * reader's cache; `changes` is told when a suspension changed.
   */
  constructor(
    db: Database.Database,
    private readonly changes: SuspensionCache | null = null,
  ) {
    super(db);
    // A case takes a new place at the back of the queue each time it opens.
    this.upsertCase = db.prepare(
      `INSERT INTO moderation_cases
         (kind, target_id, scope, author_id, state, open, seq, opened_at, rule, reason, ledger)
       VALUES (@kind, @targetId, @scope, @authorId, @state, @open,
         CASE WHEN @open = 1 THEN (SELECT coalesce(max(seq), 0) + 1 FROM moderation_cases) ELSE 0 END,
         @openedAt, @rule, @reason, @ledger)
       ON CONFLICT (kind, target_id) DO UPDATE SET
         scope = excluded.scope, author_id = excluded.author_id, state = excluded.state,
         seq = CASE WHEN excluded.open = 1 AND open = 0 THEN excluded.seq ELSE seq END,
         open = excluded.open, opened_at = excluded.opened_at, rule = excluded.rule,
         reason = excluded.reason, ledger = excluded.ledger`,
    );
    this.upsertReport = db.prepare(
      `INSERT OR REPLACE INTO moderation_reports
         (kind, target_id, reporter_id, reporter_name, reporter_avatar, reason, note, created_at)
       VALUES (@kind, @targetId, @reporterId, @reporterName, @reporterAvatar, @reason, @note, @createdAt)`,
    );
    this.deleteReports = db.prepare(
      'DELETE FROM moderation_reports WHERE kind = ? AND target_id = ?',
    );
    this.insertLog = db.prepare(
      `INSERT INTO moderation_log
         (action, target_kind, target_id, moderator_id, moderator_name, moderator_avatar, at, reason, rule)
       VALUES (@action, @targetKind, @targetId, @moderatorId, @moderatorName, @moderatorAvatar, @at, @reason, @rule)`,
    );
    this.upsertSuspension = db.prepare(
      `INSERT OR REPLACE INTO moderation_suspensions
         (user_id, until, reason, by_id, by_name, by_avatar, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.removeSuspension = db.prepare('DELETE FROM moderation_suspensions WHERE user_id = ?');
    this.upsertPoster = db.prepare(
      'INSERT OR REPLACE INTO moderation_posters (user_id, posts, last_text) VALUES (?, ?, ?)',
    );
  }

  async saveCase(row: Omit<ModerationCaseRow, 'seq'>): Promise<void> {
    this.upsertCase.run({
      kind: row.kind,
      targetId: row.targetId,
      scope: row.scope,
      authorId: row.authorId,
      state: row.state,
      open: row.open ? 1 : 0,
      openedAt: row.openedAt.getTime(),
      rule: row.rule,
      reason: row.reason,
      ledger: JSON.stringify(row.ledger),
    });
  }

  async saveReport(row: ReportRow): Promise<void> {
    this.upsertReport.run({
      kind: row.kind,
      targetId: row.targetId,
      reporterId: row.reporterId,
      reporterName: row.reporterName,
      reporterAvatar: row.reporterAvatar,
      reason: row.reason,
      note: row.note,
      createdAt: row.createdAt.getTime(),
    });
  }

  async clearReports(kind: ModerationKind, targetId: string): Promise<void> {
    this.deleteReports.run(kind, targetId);
  }

  async appendLog(row: Omit<ModerationLogRow, 'id'>): Promise<void> {
    this.insertLog.run({
      action: row.action,
      targetKind: row.targetKind,
      targetId: row.targetId,
      moderatorId: row.moderator?.id ?? null,
      moderatorName: row.moderator?.name ?? null,
      moderatorAvatar: row.moderator?.avatar ?? null,
      at: row.at.getTime(),
      reason: row.reason,
      rule: row.rule,
    });
  }

  async saveSuspension(row: SuspensionRow): Promise<void> {
    this.changes?.touch();
    this.upsertSuspension.run(
      row.userId,
      row.until.getTime(),
      row.reason,
      row.by.id,
      row.by.name,
      row.by.avatar,
      row.createdAt.getTime(),
    );
  }

  async deleteSuspension(userId: string): Promise<void> {
    this.changes?.touch();
    this.removeSuspension.run(userId);
  }

  async savePoster(row: PosterRow): Promise<void> {
    this.upsertPoster.run(row.userId, row.posts, row.lastText);
  }
}
