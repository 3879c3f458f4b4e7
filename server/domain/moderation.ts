import type { components } from '../../api/contract.js';
import { normalizeUserText } from '../../api/shared/user-text.js';
import { accessPolicy, mayEnter, readersOf, type AccessPolicy } from './access-rules.js';
import { DomainError, type Issue } from './errors.js';
import type { CommunityEvents } from './events.js';
import type { ReputationEntryRow } from './expert-store.js';
import {
  moderationPolicy,
  normalise,
  screen,
  type ModerationPolicy,
  type PostingRules,
} from './moderation-rules.js';
import type {
  ModerationCaseRow,
  ModerationKind,
  ModerationLogRow,
  ModerationState,
  ReportReason,
  ReportRow,
  SuspensionRow,
  Visibility,
} from './moderation-store.js';
import { decodeCursor, pageOf, parsePageSize, type Page } from './pagination.js';
import { requireIdentity } from './ratings.js';
import type { AuthorColumns, Store, StoreReader, StoreWriter } from './store.js';
import type { Author, Identity, Role } from './types.js';

type Schemas = components['schemas'];
export type ModerationNote = Schemas['ModerationNote'];
export type ModerationItem = Schemas['ModerationItem'];
export type ModerationLogEntry = Schemas['ModerationLogEntry'];
export type ReportReceipt = Schemas['ReportReceipt'];
export type Suspension = Schemas['Suspension'];
type Target = Schemas['ModerationTarget'];

export const MODERATION_KINDS: readonly ModerationKind[] = [
  'question',
  'answer',
  'review',
  'idea',
  'comment',
];
const REPORT_REASONS: readonly ReportReason[] = ['spam', 'abuse', 'off-topic', 'other'];
const ACTIONS = ['approve', 'remove', 'restore'] as const;
type Action = (typeof ACTIONS)[number];
const MAX_REASON = 500;
const MAX_TARGETS = 50;

/** A post as moderation sees it, whatever its feature. */
export interface ModeratedPost {
  kind: ModerationKind;
  id: string;
  /** The subject, board, question or idea it belongs to. */
  scope: string;
  /** `subject:<id>` or `board:<id>`: whose posting rules apply. */
  place: string;
  title: string;
  body: string;
  authorId: string;
  authorName: string;
  authorAvatar: string | null;
  createdAt: Date;
}

/** A stored post as moderation sees it: its kind, where it lives, its text and author. */
export function moderatedPost(
  kind: ModerationKind,
  row: AuthorColumns & { id: string; body: string; createdAt: Date },
  scope: string,
  place: string,
  title = '',
): ModeratedPost {
  const { id, body, authorId, authorName, authorAvatar, createdAt } = row;
  return { kind, id, scope, place, title, body, authorId, authorName, authorAvatar, createdAt };
}

/**
 * What each feature does when one of its posts leaves or joins what everyone sees. The
 * invariant: a post's counts, search entry and reputation exist exactly while it is visible.
 */
export interface PostEffects {
  posts(reader: StoreReader, ids: readonly string[]): Promise<Map<string, ModeratedPost>>;
  /** Takes a visible post out of counts and search; returns the reputation it had earned. */
  withdraw(tx: StoreWriter, post: ModeratedPost): Promise<ReputationEntryRow[]>;
  /** Puts a post into counts and search, with the reputation `withdraw` took. */
  publish(tx: StoreWriter, post: ModeratedPost, ledger: ReputationEntryRow[]): Promise<void>;
}

/**
 * Reports, posting rules, the moderators' decisions and their log, and suspensions: the
 * one visibility rule every read path applies (`shown`) lives here, private spaces included.
 */
export class ModerationService {
  policy: ModerationPolicy;
  /** Who may enter each private place (access-rules.ts); every other place is open. */
  access: AccessPolicy;
  private readonly effects = new Map<ModerationKind, PostEffects>();

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly events: CommunityEvents,
    policy: Partial<ModerationPolicy> = {},
    access: AccessPolicy = {},
  ) {
    this.policy = moderationPolicy(policy);
    this.access = accessPolicy(access);
  }

  /**
   * Makes a place private to `roles`, or open again with null; not an API operation: who may
   * enter belongs to the site's configuration, as posting rules do.
   */
  setPlaceReaders(place: string, roles: readonly Role[] | null): void {
    const places = Object.entries(this.access).filter(([key]) => key !== place);
    this.access = accessPolicy(
      Object.fromEntries(roles === null ? places : [...places, [place, roles]]),
    );
  }

  /** The roles that may enter `place`, or null when it is open to everyone. */
  readersOf(place: string): readonly Role[] | null {
    return readersOf(this.access, place);
  }

  /** Whether the viewer may read and write in `place` (`board:<id>`, `subject:<id>`). */
  mayEnter(viewer: Identity | null, place: string): boolean {
    return mayEnter(this.access, viewer, place);
  }

  /**
   * Throws the very not-found a missing thing gets unless the viewer may enter `place`, so
   * someone outside a private space cannot tell it from nothing.
   */
  requireEnter(viewer: Identity | null, place: string, missing: string): void {
    if (!this.mayEnter(viewer, place)) throw new DomainError('not-found', missing);
  }

  /**
   * Sets the posting rules of one place (`subject:<id>`, `board:<id>`) over the site's; not an
   * API operation: rules belong to the site, as boards do.
   */
  setPlaceRules(place: string, rules: Partial<PostingRules>): void {
    this.policy = moderationPolicy({
      ...this.policy,
      scopes: { ...this.policy.scopes, [place]: rules },
    });
  }

  /** Each feature names its posts' effects once, when the community is made. */
  register(kind: ModerationKind, effects: PostEffects): void {
    this.effects.set(kind, effects);
  }

  /**
   * The visibility rule: which of `rows` the viewer sees, each with the note its author and
   * moderators get on a post not visible to everyone. Rows absent from the answer are hidden:
   * those in a place the viewer may not enter (`placeOf`: one place for all rows, or each
   * row's own), and those moderation took out of sight.
   */
  async shown<Row extends { id: string; authorId: string }>(
    reader: StoreReader,
    viewer: Identity | null,
    kind: ModerationKind,
    rows: readonly Row[],
    placeOf: string | ((row: Row) => string),
  ): Promise<Map<string, ModerationNote | undefined>> {
    const answer = new Map<string, ModerationNote | undefined>();
    const inside = rows.filter((row) =>
      this.mayEnter(viewer, typeof placeOf === 'string' ? placeOf : placeOf(row)),
    );
    if (inside.length === 0) return answer;
    const cases = await reader.moderation.cases(
      kind,
      inside.map((row) => row.id),
    );
    for (const row of inside) {
      const found = cases.get(row.id);
      if (!found || found.state === 'visible') answer.set(row.id, undefined);
      else if (viewer && (isModerator(viewer) || viewer.id === row.authorId)) {
        answer.set(row.id, { state: found.state, reason: found.reason });
      }
    }
    return answer;
  }

  /** What a list query needs to leave out the rows `viewer` may not see (`shown`'s rule). */
  visibilityFor(viewer: Identity | null): Visibility {
    return { seesAll: viewer !== null && isModerator(viewer), viewerId: viewer?.id ?? null };
  }

  /** Throws not-found unless the viewer sees the post; answers its note. */
  async requireShown(
    reader: StoreReader,
    viewer: Identity | null,
    kind: ModerationKind,
    row: { id: string; authorId: string },
    place: string,
    missing: string,
  ): Promise<ModerationNote | undefined> {
    const shown = await this.shown(reader, viewer, kind, [row], place);
    if (!shown.has(row.id)) throw new DomainError('not-found', missing);
    return shown.get(row.id);
  }

  /**
   * Screens a post just stored: held posts get a case and wait (their feature skips
   * `publish`); published ones are `publish`ed here. A refused word throws, undoing the post.
   */
  async admit(
    tx: StoreWriter,
    author: Identity,
    post: ModeratedPost,
  ): Promise<ModerationNote | undefined> {
    const poster = await tx.moderation.poster(author.id);
    const text = post.title ? `${post.title}\n${post.body}` : post.body;
    const rule = screen(this.policy, {
      kind: post.kind,
      place: post.place,
      text,
      posts: poster?.posts ?? 0,
      lastText: poster?.lastText ?? null,
      isModerator: isModerator(author),
    });
    await tx.moderation.savePoster({
      userId: author.id,
      posts: (poster?.posts ?? 0) + 1,
      lastText: normalise(text),
    });
    if (rule === null) {
      await this.effectsOf(post.kind).publish(tx, post, []);
      return undefined;
    }
    const at = this.now();
    await tx.moderation.saveCase({
      kind: post.kind,
      targetId: post.id,
      scope: post.scope,
      authorId: post.authorId,
      state: 'held',
      open: true,
      openedAt: at,
      rule,
      reason: null,
      ledger: [],
    });
    await this.logDecision(tx, post, 'visible', {
      action: 'hold',
      targetKind: post.kind,
      targetId: post.id,
      moderator: null,
      at,
      reason: null,
      rule,
    });
    return { state: 'held', reason: null };
  }

  /**
   * Closes the cases of deleted posts — these `ids`, or every `kind` post in `scope` (a deleted
   * question's answers) — with their waiting reports: nothing is left to decide, so the queue
   * does not read past them. The log keeps every decision taken on them.
   */
  async closeDeleted(
    tx: StoreWriter,
    kind: ModerationKind,
    posts: { ids: readonly string[] } | { scope: string },
  ): Promise<void> {
    const open =
      'ids' in posts
        ? [...(await tx.moderation.cases(kind, posts.ids)).values()].filter((row) => row.open)
        : await tx.moderation.openCasesIn(kind, posts.scope);
    for (const row of open) {
      await tx.moderation.saveCase({ ...row, open: false });
      await tx.moderation.clearReports(kind, row.targetId);
    }
  }

  /** Whether a post's counts are in place (visible), for features undoing them on delete. */
  async isPublished(reader: StoreReader, kind: ModerationKind, id: string): Promise<boolean> {
    const found = (await reader.moderation.cases(kind, [id])).get(id);
    return !found || found.state === 'visible';
  }

  /** One open report per person per post; enough distinct reporters hide the post. */
  async report(viewer: Identity | null, input: unknown): Promise<ReportReceipt> {
    const reporter = requireIdentity(viewer, 'Sign in to report a post.');
    const { target, reason, note } = parseReport(input);
    return this.store.write(async (tx) => {
      const post = await this.requirePost(tx, target);
      await this.requireShown(
        tx,
        reporter,
        target.kind,
        post,
        post.place,
        notFoundSentence(target.kind),
      );
      if (post.authorId === reporter.id) {
        throw new DomainError('forbidden', 'You cannot report your own post.');
      }
      const at = this.now();
      await tx.moderation.saveReport({
        kind: target.kind,
        targetId: target.id,
        reporterId: reporter.id,
        reporterName: reporter.name,
        reporterAvatar: reporter.avatar,
        reason,
        note,
        createdAt: at,
      });
      const reports = await tx.moderation.reports(target.kind, [target.id]);
      const found = (await tx.moderation.cases(target.kind, [target.id])).get(target.id);
      let state: ModerationState = found?.state ?? 'visible';
      const base: Omit<ModerationCaseRow, 'seq'> = found ?? {
        kind: target.kind,
        targetId: target.id,
        scope: post.scope,
        authorId: post.authorId,
        state: 'visible',
        open: true,
        openedAt: at,
        rule: 'reports',
        reason: null,
        ledger: [],
      };
      if (state === 'visible' && reports.length >= this.policy.reportThreshold) {
        const ledger = await this.effectsOf(target.kind).withdraw(tx, post);
        state = 'hidden';
        await tx.moderation.saveCase({ ...base, state, open: true, rule: 'reports', ledger });
        await this.logDecision(tx, post, 'visible', {
          action: 'hide',
          targetKind: target.kind,
          targetId: target.id,
          moderator: null,
          at,
          reason: null,
          rule: 'reports',
        });
      } else if (!found || !found.open) {
        await tx.moderation.saveCase({ ...base, open: true, openedAt: at });
      }
      await this.events.record(tx, {
        type: 'post.reported',
        actorId: reporter.id,
        place: post.place,
        data: { ...postFacts(post), reason, reports: reports.length },
      });
      return { target, reason, state };
    });
  }

  /** Open cases with their posts and reports, oldest first (moderators). */
  async queue(
    viewer: Identity | null,
    options: { kind?: unknown; reason?: unknown; cursor?: unknown; limit?: unknown } = {},
  ): Promise<Page<ModerationItem>> {
    requireModerator(viewer);
    const kind = parseOptional(options.kind, MODERATION_KINDS, '#kind', 'Filter by a kind');
    const reason = parseOptional(options.reason, REPORT_REASONS, '#reason', 'Filter by a reason');
    const size = parsePageSize(options.limit);
    const order = `moderation-queue:${kind ?? '*'}:${reason ?? '*'}`;
    const position = decodeCursor(options.cursor, order);
    // Deleting a post closes its case; one deleted before that rule (or by a store outside
    // the domain) is skipped, and the store is read on past it so the page is still full.
    const found: Array<{ row: ModerationCaseRow; item: ModerationItem }> = [];
    let after = position && 'after' in position ? Number(position.after[0]) : undefined;
    for (;;) {
      const wanted = size + 1 - found.length;
      const rows = await this.store.moderation.queue({ kind, reason, after, limit: wanted });
      const items = await this.itemsOf(this.store, rows);
      for (const row of rows) {
        const item = items.get(caseKey(row));
        if (item) found.push({ row, item });
      }
      if (rows.length < wanted || found.length > size) break;
      after = rows.at(-1)!.seq;
    }
    return pageOf(
      found,
      size,
      ({ item }) => item,
      ({ row }) => ({ order, after: [row.seq] }),
    );
  }

  /** Approve, remove (with a reason) or restore up to 50 posts in one transaction. */
  async decide(
    viewer: Identity | null,
    input: unknown,
  ): Promise<{ items: Array<{ target: Target; state: ModerationState }> }> {
    const moderator = requireModerator(viewer);
    const { action, targets, reason } = parseDecision(input);
    return this.store.write(async (tx) => {
      const items: Array<{ target: Target; state: ModerationState }> = [];
      for (const target of targets) {
        items.push({ target, state: await this.decideOne(tx, moderator, action, target, reason) });
      }
      return { items };
    });
  }

  private async decideOne(
    tx: StoreWriter,
    moderator: Identity,
    action: Action,
    target: Target,
    reason: string | null,
  ): Promise<ModerationState> {
    const post = await this.requirePost(tx, target);
    const effects = this.effectsOf(target.kind);
    const at = this.now();
    const found = (await tx.moderation.cases(target.kind, [target.id])).get(target.id);
    const current: Omit<ModerationCaseRow, 'seq'> = found ?? {
      kind: target.kind,
      targetId: target.id,
      scope: post.scope,
      authorId: post.authorId,
      state: 'visible',
      open: false,
      openedAt: at,
      rule: null,
      reason: null,
      ledger: [],
    };
    let next: Omit<ModerationCaseRow, 'seq'>;
    if (action === 'remove') {
      const ledger =
        current.state === 'visible' ? await effects.withdraw(tx, post) : current.ledger;
      next = { ...current, state: 'removed', open: false, reason, ledger };
    } else {
      if (action === 'approve' && current.state === 'removed') {
        throw new DomainError('conflict', 'This post was removed: restore it instead.');
      }
      if (action === 'restore' && current.state !== 'removed') {
        throw new DomainError('conflict', 'Only a removed post can be restored.');
      }
      if (current.state !== 'visible') await effects.publish(tx, post, current.ledger);
      next = { ...current, state: 'visible', open: false, reason: null, ledger: [] };
    }
    await tx.moderation.saveCase(next);
    await tx.moderation.clearReports(target.kind, target.id);
    await this.logDecision(tx, post, current.state, {
      action,
      targetKind: target.kind,
      targetId: target.id,
      moderator: authorOf(moderator),
      at,
      reason,
      rule: current.rule,
    });
    return next.state;
  }

  /** Every decision, newest first (moderators). */
  async log(
    viewer: Identity | null,
    { cursor, limit }: { cursor?: unknown; limit?: unknown } = {},
  ): Promise<Page<ModerationLogEntry>> {
    requireModerator(viewer);
    const size = parsePageSize(limit);
    const position = decodeCursor(cursor, 'moderation-log');
    const rows = await this.store.moderation.log({
      before: position && 'after' in position ? Number(position.after[0]) : undefined,
      limit: size + 1,
    });
    return pageOf(rows, size, toLogEntry, (row) => ({ order: 'moderation-log', after: [row.id] }));
  }

  async suspensions(viewer: Identity | null): Promise<{ items: Suspension[] }> {
    requireModerator(viewer);
    return { items: (await this.store.moderation.suspensions(this.now())).map(toSuspension) };
  }

  async suspend(viewer: Identity | null, userId: unknown, input: unknown): Promise<Suspension> {
    const moderator = requireModerator(viewer);
    assertUserId(userId);
    const { until, reason } = parseSuspension(input, this.now());
    if (userId === moderator.id) {
      throw DomainError.invalid([{ pointer: '#userId', detail: 'You cannot suspend yourself.' }]);
    }
    return this.store.write(async (tx) => {
      const row: SuspensionRow = {
        userId,
        until,
        reason,
        by: authorOf(moderator),
        createdAt: this.now(),
      };
      await tx.moderation.saveSuspension(row);
      await this.events.record(tx, {
        type: 'person.suspended',
        actorId: moderator.id,
        place: null,
        data: { personId: userId, until: until.toISOString(), reason },
      });
      await tx.moderation.appendLog({
        action: 'suspend',
        targetKind: 'person',
        targetId: userId,
        moderator: authorOf(moderator),
        at: row.createdAt,
        reason,
        rule: null,
      });
      return toSuspension(row);
    });
  }

  async lift(viewer: Identity | null, userId: unknown): Promise<void> {
    const moderator = requireModerator(viewer);
    assertUserId(userId);
    await this.store.write(async (tx) => {
      if (!(await tx.moderation.suspension(userId))) return;
      await tx.moderation.deleteSuspension(userId);
      await this.events.record(tx, {
        type: 'person.unsuspended',
        actorId: moderator.id,
        place: null,
        data: { personId: userId },
      });
      await tx.moderation.appendLog({
        action: 'lift',
        targetKind: 'person',
        targetId: userId,
        moderator: authorOf(moderator),
        at: this.now(),
        reason: null,
        rule: null,
      });
    });
  }

  /** Writes a decision on a post to the moderation log and to the community's events. */
  private async logDecision(
    tx: StoreWriter,
    post: ModeratedPost,
    from: ModerationState,
    row: Omit<ModerationLogRow, 'id'> & { action: 'hold' | 'hide' | Action },
  ): Promise<void> {
    await tx.moderation.appendLog(row);
    await this.events.record(tx, {
      type: 'moderation.decided',
      actorId: row.moderator?.id ?? null,
      place: post.place,
      data: { ...postFacts(post), action: row.action, from, reason: row.reason, rule: row.rule },
    });
  }

  /** Refuses every write of a suspended person, saying until when. Moderators are never refused. */
  async assertMayWrite(identity: Identity | null): Promise<void> {
    if (!identity || isModerator(identity)) return;
    const suspension = await this.store.moderation.suspension(identity.id);
    if (!suspension || suspension.until <= this.now()) return;
    throw new DomainError(
      'forbidden',
      `Your account is suspended until ${formatUntil(suspension.until)}: ${suspension.reason}`,
    );
  }

  private effectsOf(kind: ModerationKind): PostEffects {
    const effects = this.effects.get(kind);
    if (!effects) throw new Error(`No moderation effects registered for ${kind}.`);
    return effects;
  }

  private async requirePost(reader: StoreReader, target: Target): Promise<ModeratedPost> {
    const post = (await this.effectsOf(target.kind).posts(reader, [target.id])).get(target.id);
    if (!post) throw new DomainError('not-found', notFoundSentence(target.kind));
    return post;
  }

  private async itemsOf(
    reader: StoreReader,
    rows: ModerationCaseRow[],
  ): Promise<Map<string, ModerationItem>> {
    const items = new Map<string, ModerationItem>();
    for (const kind of MODERATION_KINDS) {
      const ofKind = rows.filter((row) => row.kind === kind);
      if (ofKind.length === 0) continue;
      const ids = ofKind.map((row) => row.targetId);
      const posts = await this.effectsOf(kind).posts(reader, ids);
      const reports = await reader.moderation.reports(kind, ids);
      for (const row of ofKind) {
        const post = posts.get(row.targetId);
        if (!post) continue;
        items.set(caseKey(row), {
          target: { kind, id: row.targetId },
          state: row.state,
          scope: post.scope,
          title: post.title,
          body: post.body,
          author: { id: post.authorId, name: post.authorName, avatar: post.authorAvatar },
          createdAt: post.createdAt.toISOString(),
          rule: row.rule,
          reports: reports.filter((report) => report.targetId === row.targetId).map(toReport),
        });
      }
    }
    return items;
  }
}

export function isModerator(identity: Identity): boolean {
  return identity.roles.includes('moderator');
}

function requireModerator(viewer: Identity | null): Identity {
  const actor = requireIdentity(viewer, 'Sign in to moderate.');
  if (!isModerator(actor)) throw new DomainError('forbidden', 'Only moderators can do this.');
  return actor;
}

function authorOf(identity: Identity): Author {
  return { id: identity.id, name: identity.name, avatar: identity.avatar };
}

const caseKey = (row: { kind: string; targetId: string }) => `${row.kind}:${row.targetId}`;

function notFoundSentence(kind: ModerationKind): string {
  return `There is no such ${kind} (it may have been deleted).`;
}

/** "1 December 2026, 10:00 UTC": the same words in the mock and on the server. */
function formatUntil(at: Date): string {
  const months =
    'January February March April May June July August September October November December';
  const time = at.toISOString().slice(11, 16);
  return `${at.getUTCDate()} ${months.split(' ')[at.getUTCMonth()]} ${at.getUTCFullYear()}, ${time} UTC`;
}

function toReport(row: ReportRow): Schemas['ModerationReport'] {
  return {
    reason: row.reason,
    note: row.note,
    reporter: { id: row.reporterId, name: row.reporterName, avatar: row.reporterAvatar },
    createdAt: row.createdAt.toISOString(),
  };
}

function toLogEntry(row: ModerationLogRow): ModerationLogEntry {
  return {
    id: row.id,
    action: row.action,
    target:
      row.targetKind === 'person'
        ? { kind: 'person', id: row.targetId }
        : { kind: row.targetKind, id: row.targetId },
    moderator: row.moderator,
    at: row.at.toISOString(),
    reason: row.reason,
    rule: row.rule,
  };
}

function toSuspension(row: SuspensionRow): Suspension {
  return {
    userId: row.userId,
    until: row.until.toISOString(),
    reason: row.reason,
    by: row.by,
    createdAt: row.createdAt.toISOString(),
  };
}

function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw DomainError.invalid([{ pointer: '', detail: 'The body must be a JSON object.' }]);
  }
  return body as Record<string, unknown>;
}

function unknownFields(body: Record<string, unknown>, known: readonly string[]): Issue[] {
  return Object.keys(body)
    .filter((key) => !known.includes(key))
    .map((key) => ({ pointer: `/${key}`, detail: `Unknown field "${key}".` }));
}

function parseTarget(value: unknown, pointer: string, issues: Issue[]): Target | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({ pointer, detail: 'Name the post as { kind, id }.' });
    return undefined;
  }
  const { kind, id, ...rest } = value as Record<string, unknown>;
  for (const key of Object.keys(rest)) {
    issues.push({ pointer: `${pointer}/${key}`, detail: `Unknown field "${key}".` });
  }
  if (!MODERATION_KINDS.includes(kind as ModerationKind)) {
    issues.push({
      pointer: `${pointer}/kind`,
      detail: `The kind is one of: ${MODERATION_KINDS.join(', ')}.`,
    });
  }
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
    issues.push({ pointer: `${pointer}/id`, detail: 'This is not a valid id.' });
  }
  return { kind: kind as ModerationKind, id: id as string };
}

function parseText(value: unknown, pointer: string, what: string, issues: Issue[]): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string') {
    issues.push({ pointer, detail: `${what} must be text.` });
    return null;
  }
  const text = normalizeUserText(value);
  if (text.length > MAX_REASON) {
    issues.push({ pointer, detail: `${what} is at most ${MAX_REASON} characters.` });
  }
  return text === '' ? null : text;
}

function parseReport(input: unknown): {
  target: Target;
  reason: ReportReason;
  note: string | null;
} {
  const body = bodyObject(input);
  const issues = unknownFields(body, ['target', 'reason', 'note']);
  const target = parseTarget(body.target, '/target', issues);
  if (!REPORT_REASONS.includes(body.reason as ReportReason)) {
    issues.push({
      pointer: '/reason',
      detail: `The reason is one of: ${REPORT_REASONS.join(', ')}.`,
    });
  }
  const note = parseText(body.note, '/note', 'The note', issues);
  if (issues.length > 0) throw DomainError.invalid(issues.slice(0, 10));
  return { target: target!, reason: body.reason as ReportReason, note };
}

function parseDecision(input: unknown): {
  action: Action;
  targets: Target[];
  reason: string | null;
} {
  const body = bodyObject(input);
  const issues = unknownFields(body, ['action', 'targets', 'reason']);
  if (!ACTIONS.includes(body.action as Action)) {
    issues.push({ pointer: '/action', detail: `The action is one of: ${ACTIONS.join(', ')}.` });
  }
  const targets: Target[] = [];
  if (!Array.isArray(body.targets) || body.targets.length === 0) {
    issues.push({ pointer: '/targets', detail: 'Name at least one post.' });
  } else if (body.targets.length > MAX_TARGETS) {
    issues.push({ pointer: '/targets', detail: `Decide on at most ${MAX_TARGETS} posts at once.` });
  } else {
    const seen = new Set<string>();
    body.targets.forEach((value, index) => {
      const target = parseTarget(value, `/targets/${index}`, issues);
      if (!target) return;
      const key = `${target.kind}:${target.id}`;
      if (seen.has(key))
        issues.push({ pointer: `/targets/${index}`, detail: 'Name each post once.' });
      seen.add(key);
      targets.push(target);
    });
  }
  const reason = parseText(body.reason, '/reason', 'The reason', issues);
  if (body.action === 'remove' && reason === null && issues.length === 0) {
    issues.push({
      pointer: '/reason',
      detail: 'Say why it is removed: its author will read the reason.',
    });
  }
  if (issues.length > 0) throw DomainError.invalid(issues.slice(0, 10));
  return { action: body.action as Action, targets, reason };
}

function parseSuspension(input: unknown, now: Date): { until: Date; reason: string } {
  const body = bodyObject(input);
  const issues = unknownFields(body, ['until', 'reason']);
  const until = typeof body.until === 'string' ? new Date(body.until) : new Date(NaN);
  if (Number.isNaN(until.getTime())) {
    issues.push({ pointer: '/until', detail: 'Give the end as a date and time.' });
  } else if (until <= now) {
    issues.push({ pointer: '/until', detail: 'A suspension ends in the future.' });
  }
  const reason = parseText(body.reason, '/reason', 'The reason', issues);
  if (reason === null && issues.length === 0) {
    issues.push({ pointer: '/reason', detail: 'Say why: the person will read it.' });
  }
  if (issues.length > 0) throw DomainError.invalid(issues);
  return { until, reason: reason! };
}

function parseOptional<T extends string>(
  value: unknown,
  allowed: readonly T[],
  pointer: string,
  what: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (allowed.includes(value as T)) return value as T;
  throw DomainError.invalid([{ pointer, detail: `${what}: one of ${allowed.join(', ')}.` }]);
}

function assertUserId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || !/^[^,]{1,256}$/.test(id)) {
    throw DomainError.invalid([{ pointer: '#userId', detail: 'This is not a valid person id.' }]);
  }
}

function postFacts(post: ModeratedPost) {
  return { kind: post.kind, postId: post.id, authorId: post.authorId, title: post.title };
}
