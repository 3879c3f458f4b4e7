import { one, sql, type Db, type Migration } from './columns.js';
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
 * Moderation in Postgres (SQLite's migration 10, the same tables). Posts keep their own
 * tables untouched: a post with no row in `moderation_cases` is visible, so every read path
 * pays one primary-key lookup per page. The queue reads the partial index of open cases.
 */
export const moderationMigration: Migration = {
  version: 10,
  name: 'moderation: cases, reports, log, suspensions, posters',
  sql: `
    CREATE SEQUENCE moderation_queue_seq;
    CREATE TABLE moderation_cases (
      kind TEXT NOT NULL,
      target_id TEXT NOT NULL,
      scope TEXT NOT NULL,
      author_id TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('visible', 'held', 'hidden', 'removed')),
      open BOOLEAN NOT NULL,
      seq BIGINT NOT NULL,
      opened_at BIGINT NOT NULL,
      rule TEXT,
      reason TEXT,
      ledger JSONB NOT NULL DEFAULT '[]',
      PRIMARY KEY (kind, target_id)
    );
    CREATE INDEX moderation_queue ON moderation_cases (seq) WHERE open;
    CREATE TABLE moderation_reports (
      kind TEXT NOT NULL,
      target_id TEXT NOT NULL,
      reporter_id TEXT NOT NULL,
      reporter_name TEXT NOT NULL,
      reporter_avatar TEXT,
      reason TEXT NOT NULL,
      note TEXT,
      created_at BIGINT NOT NULL,
      PRIMARY KEY (kind, target_id, reporter_id)
    );
    CREATE TABLE moderation_log (
      id BIGSERIAL PRIMARY KEY,
      action TEXT NOT NULL,
      target_kind TEXT NOT NULL,
      target_id TEXT NOT NULL,
      moderator_id TEXT,
      moderator_name TEXT,
      moderator_avatar TEXT,
      at BIGINT NOT NULL,
      reason TEXT,
      rule TEXT
    );
    CREATE TABLE moderation_suspensions (
      user_id TEXT PRIMARY KEY,
      until BIGINT NOT NULL,
      reason TEXT NOT NULL,
      by_id TEXT NOT NULL,
      by_name TEXT NOT NULL,
      by_avatar TEXT,
      created_at BIGINT NOT NULL
    );
    CREATE INDEX moderation_suspensions_until ON moderation_suspensions (until);
    CREATE TABLE moderation_posters (
      user_id TEXT PRIMARY KEY,
      posts INTEGER NOT NULL,
      last_text TEXT
    );
  `,
};

export class PgModerationReads implements ModerationReader {
  constructor(protected readonly db: Db) {}

  async cases(kind: ModerationKind, ids: readonly string[]) {
    const found = new Map<string, ModerationCaseRow>();
    if (ids.length === 0) return found;
    const rows = await sql<CaseColumns>(
      this.db,
      'SELECT * FROM moderation_cases WHERE kind = $1 AND target_id = ANY($2::text[])',
      [kind, ids],
    );
    for (const row of rows) found.set(row.target_id, caseRow(row));
    return found;
  }

  async openCasesIn(kind: ModerationKind, scope: string) {
    const rows = await sql<CaseColumns>(
      this.db,
      'SELECT * FROM moderation_cases WHERE open AND kind = $1 AND scope = $2 ORDER BY seq',
      [kind, scope],
    );
    return rows.map(caseRow);
  }

  async queue({ kind, reason, after, limit }: ModerationQueueQuery) {
    const rows = await sql<CaseColumns>(
      this.db,
      `SELECT * FROM moderation_cases c
        WHERE open AND seq > $1 AND ($2::text IS NULL OR kind = $2)
          AND ($3::text IS NULL OR EXISTS (
            SELECT 1 FROM moderation_reports r
             WHERE r.kind = c.kind AND r.target_id = c.target_id AND r.reason = $3))
        ORDER BY seq LIMIT $4`,
      [after ?? 0, kind ?? null, reason ?? null, limit],
    );
    return rows.map(caseRow);
  }

  async reports(kind: ModerationKind, ids: readonly string[]) {
    if (ids.length === 0) return [];
    const rows = await sql<ReportColumns>(
      this.db,
      `SELECT * FROM moderation_reports WHERE kind = $1 AND target_id = ANY($2::text[])
        ORDER BY created_at, reporter_id`,
      [kind, ids],
    );
    return rows.map(reportRow);
  }

  async log({ before, limit }: { before?: number | undefined; limit: number }) {
    const rows = await sql<LogColumns>(
      this.db,
      'SELECT * FROM moderation_log WHERE id < $1 ORDER BY id DESC LIMIT $2',
      [before ?? Number.MAX_SAFE_INTEGER, limit],
    );
    return rows.map(logRow);
  }

  async suspension(userId: string) {
    const row = await one<SuspensionColumns>(
      this.db,
      'SELECT * FROM moderation_suspensions WHERE user_id = $1',
      [userId],
    );
    return row && suspensionRow(row);
  }

  async suspensions(now: Date) {
    const rows = await sql<SuspensionColumns>(
      this.db,
      'SELECT * FROM moderation_suspensions WHERE until > $1 ORDER BY until, user_id',
      [now.getTime()],
    );
    return rows.map(suspensionRow);
  }

  async poster(userId: string): Promise<PosterRow | undefined> {
    const row = await one<{ user_id: string; posts: number; last_text: string | null }>(
      this.db,
      'SELECT * FROM moderation_posters WHERE user_id = $1',
      [userId],
    );
    return row && { userId: row.user_id, posts: row.posts, lastText: row.last_text };
  }
}

export class PgModerationWrites extends PgModerationReads implements ModerationWriter {
  async saveCase(row: Omit<ModerationCaseRow, 'seq'>): Promise<void> {
    // A case takes a new place at the back of the queue each time it opens; the sequence is
    // never rolled back, so two instances never hand out the same place.
    await sql(
      this.db,
      `INSERT INTO moderation_cases
         (kind, target_id, scope, author_id, state, open, seq, opened_at, rule, reason, ledger)
       VALUES ($1, $2, $3, $4, $5, $6,
         CASE WHEN $6 THEN nextval('moderation_queue_seq') ELSE 0 END, $7, $8, $9, $10::jsonb)
       ON CONFLICT (kind, target_id) DO UPDATE SET
         scope = excluded.scope, author_id = excluded.author_id, state = excluded.state,
         seq = CASE WHEN excluded.open AND NOT moderation_cases.open
           THEN excluded.seq ELSE moderation_cases.seq END,
         open = excluded.open, opened_at = excluded.opened_at, rule = excluded.rule,
         reason = excluded.reason, ledger = excluded.ledger`,
      [
        row.kind,
        row.targetId,
        row.scope,
        row.authorId,
        row.state,
        row.open,
        row.openedAt.getTime(),
        row.rule,
        row.reason,
        JSON.stringify(row.ledger),
      ],
    );
  }

  async saveReport(row: ReportRow): Promise<void> {
    await sql(
      this.db,
      `INSERT INTO moderation_reports
         (kind, target_id, reporter_id, reporter_name, reporter_avatar, reason, note, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (kind, target_id, reporter_id) DO UPDATE SET
         reporter_name = excluded.reporter_name, reporter_avatar = excluded.reporter_avatar,
         reason = excluded.reason, note = excluded.note, created_at = excluded.created_at`,
      [
        row.kind,
        row.targetId,
        row.reporterId,
        row.reporterName,
        row.reporterAvatar,
        row.reason,
        row.note,
        row.createdAt.getTime(),
      ],
    );
  }

  async clearReports(kind: ModerationKind, targetId: string): Promise<void> {
    await sql(this.db, 'DELETE FROM moderation_reports WHERE kind = $1 AND target_id = $2', [
      kind,
      targetId,
    ]);
  }

  async appendLog(row: Omit<ModerationLogRow, 'id'>): Promise<void> {
    await sql(
      this.db,
      `INSERT INTO moderation_log
         (action, target_kind, target_id, moderator_id, moderator_name, moderator_avatar, at, reason, rule)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        row.action,
        row.targetKind,
        row.targetId,
        row.moderator?.id ?? null,
        row.moderator?.name ?? null,
        row.moderator?.avatar ?? null,
        row.at.getTime(),
        row.reason,
        row.rule,
      ],
    );
  }

  async saveSuspension(row: SuspensionRow): Promise<void> {
    await sql(
      this.db,
      `INSERT INTO moderation_suspensions
         (user_id, until, reason, by_id, by_name, by_avatar, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (user_id) DO UPDATE SET until = excluded.until, reason = excluded.reason,
         by_id = excluded.by_id, by_name = excluded.by_name, by_avatar = excluded.by_avatar,
         created_at = excluded.created_at`,
      [
        row.userId,
        row.until.getTime(),
        row.reason,
        row.by.id,
        row.by.name,
        row.by.avatar,
        row.createdAt.getTime(),
      ],
    );
  }

  async deleteSuspension(userId: string): Promise<void> {
    await sql(this.db, 'DELETE FROM moderation_suspensions WHERE user_id = $1', [userId]);
  }

  async savePoster(row: PosterRow): Promise<void> {
    await sql(
      this.db,
      `INSERT INTO moderation_posters (user_id, posts, last_text) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET posts = excluded.posts, last_text = excluded.last_text`,
      [row.userId, row.posts, row.lastText],
    );
  }
}
