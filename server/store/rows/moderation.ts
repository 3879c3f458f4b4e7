import type {
  ModerationCaseRow,
  ModerationKind,
  ModerationLogRow,
  ReportRow,
  SuspensionRow,
  Visibility,
} from '../../domain/moderation-store.js';
import { fromJson } from './values.js';

// Moderation cases, reports, the log and suspensions as both SQL stores return them.

export interface CaseColumns {
  kind: ModerationKind;
  target_id: string;
  scope: string;
  author_id: string;
  state: ModerationCaseRow['state'];
  open: number | boolean;
  seq: number;
  opened_at: number;
  rule: string | null;
  reason: string | null;
  ledger: string | ModerationCaseRow['ledger'];
}

export interface ReportColumns {
  kind: ModerationKind;
  target_id: string;
  reporter_id: string;
  reporter_name: string;
  reporter_avatar: string | null;
  reason: ReportRow['reason'];
  note: string | null;
  created_at: number;
}

export interface LogColumns {
  id: number;
  action: ModerationLogRow['action'];
  target_kind: ModerationLogRow['targetKind'];
  target_id: string;
  moderator_id: string | null;
  moderator_name: string | null;
  moderator_avatar: string | null;
  at: number;
  reason: string | null;
  rule: string | null;
}

export interface SuspensionColumns {
  user_id: string;
  until: number;
  reason: string;
  by_id: string;
  by_name: string;
  by_avatar: string | null;
  created_at: number;
}

export const caseRow = (c: CaseColumns): ModerationCaseRow => ({
  kind: c.kind,
  targetId: c.target_id,
  scope: c.scope,
  authorId: c.author_id,
  state: c.state,
  open: Boolean(c.open),
  seq: c.seq,
  openedAt: new Date(c.opened_at),
  rule: c.rule,
  reason: c.reason,
  ledger: fromJson(c.ledger),
});

export const reportRow = (c: ReportColumns): ReportRow => ({
  kind: c.kind,
  targetId: c.target_id,
  reporterId: c.reporter_id,
  reporterName: c.reporter_name,
  reporterAvatar: c.reporter_avatar,
  reason: c.reason,
  note: c.note,
  createdAt: new Date(c.created_at),
});

export const logRow = (c: LogColumns): ModerationLogRow => ({
  id: c.id,
  action: c.action,
  targetKind: c.target_kind,
  targetId: c.target_id,
  moderator:
    c.moderator_id === null
      ? null
      : { id: c.moderator_id, name: c.moderator_name ?? '', avatar: c.moderator_avatar },
  at: new Date(c.at),
  reason: c.reason,
  rule: c.rule,
});

export const suspensionRow = (c: SuspensionColumns): SuspensionRow => ({
  userId: c.user_id,
  until: new Date(c.until),
  reason: c.reason,
  by: { id: c.by_id, name: c.by_name, avatar: c.by_avatar },
  createdAt: new Date(c.created_at),
});

/**
 * The condition a list query adds so that rows the reader may not see never reach its page
 * (`Visibility`): `seesAll` and `viewer` are the two placeholders `visibilityValues` fills.
 * One primary-key probe of `moderation_cases` per candidate row.
 */
export function visibleTo(
  kind: ModerationKind,
  idColumn: string,
  seesAll: string,
  viewer: string,
): string {
  return `(${seesAll} OR NOT EXISTS (SELECT 1 FROM moderation_cases mc
    WHERE mc.kind = '${kind}' AND mc.target_id = ${idColumn} AND mc.state <> 'visible'
      AND mc.author_id IS DISTINCT FROM ${viewer}))`;
}

/** The values of `visibleTo`'s placeholders in SQLite, which has no booleans. */
export const sqliteVisibility = (v: Visibility): [number, string | null] => [
  Number(v.seesAll),
  v.viewerId,
];

/** The values of `visibleTo`'s placeholders in Postgres (`$n::boolean`, `$m::text`). */
export const pgVisibility = (v: Visibility): [boolean, string | null] => [v.seesAll, v.viewerId];
