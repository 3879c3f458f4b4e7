import type {
  ModerationCaseRow,
  ModerationKind,
  ModerationLogRow,
  ModerationQueueQuery,
  ModerationWriter,
  PosterRow,
  ReportRow,
  SuspensionRow,
  Visibility,
} from '../../domain/moderation-store.js';
import { key, type Journal, type Sequence } from './journal.js';

/** Moderation in Maps; the queue and log orders are the SQLite store's. */
export class MemoryModeration implements ModerationWriter {
  private readonly caseRows = new Map<string, ModerationCaseRow>();
  /** Open cases by key: the queue reads these, not every case ever made. */
  private readonly openCases = new Map<string, ReadonlySet<string>>();
  /** `kind\0id` → reporter id → report. */
  private readonly reportRows = new Map<string, ReadonlyMap<string, ReportRow>>();
  private readonly logRows = new Map<number, ModerationLogRow>();
  private readonly suspensionRows = new Map<string, SuspensionRow>();
  private readonly posters = new Map<string, PosterRow>();
  private lastLogId = 0;

  constructor(
    private readonly journal: Journal,
    private readonly sequence: Sequence,
  ) {}

  /** Removed, or hidden by reports until a moderator decides: its votes leave budgets. */
  isTakenDown(kind: ModerationKind, id: string): boolean {
    const state = this.caseRows.get(key(kind, id))?.state;
    return state === 'removed' || state === 'hidden';
  }

  /** Whether a list leaves the row out for this reader, as the SQL stores' `visibleTo`. */
  hides(kind: ModerationKind, row: { id: string; authorId: string }, reader: Visibility): boolean {
    if (reader.seesAll) return false;
    const found = this.caseRows.get(key(kind, row.id));
    return found !== undefined && found.state !== 'visible' && found.authorId !== reader.viewerId;
  }

  async cases(kind: ModerationKind, ids: readonly string[]) {
    const found = new Map<string, ModerationCaseRow>();
    for (const id of ids) {
      const row = this.caseRows.get(key(kind, id));
      if (row) found.set(id, copyCase(row));
    }
    return found;
  }

  async openCasesIn(kind: ModerationKind, scope: string): Promise<ModerationCaseRow[]> {
    return [...(this.openCases.get('') ?? [])]
      .map((k) => this.caseRows.get(k)!)
      .filter((row) => row.kind === kind && row.scope === scope)
      .sort((a, b) => a.seq - b.seq)
      .map(copyCase);
  }

  async queue({ kind, reason, after, limit }: ModerationQueueQuery): Promise<ModerationCaseRow[]> {
    return [...(this.openCases.get('') ?? [])]
      .map((k) => this.caseRows.get(k)!)
      .filter(
        (row) =>
          (kind === undefined || row.kind === kind) &&
          (after === undefined || row.seq > after) &&
          (reason === undefined ||
            [...(this.reportRows.get(key(row.kind, row.targetId))?.values() ?? [])].some(
              (report) => report.reason === reason,
            )),
      )
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit)
      .map(copyCase);
  }

  async reports(kind: ModerationKind, ids: readonly string[]): Promise<ReportRow[]> {
    return ids
      .flatMap((id) => [...(this.reportRows.get(key(kind, id))?.values() ?? [])])
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((row) => ({ ...row }));
  }

  async log({ before, limit }: { before?: number | undefined; limit: number }) {
    const rows: ModerationLogRow[] = [];
    for (let id = Math.min(before ?? Infinity, this.lastLogId + 1) - 1; id > 0; id -= 1) {
      const row = this.logRows.get(id);
      if (row) rows.push({ ...row });
      if (rows.length === limit) break;
    }
    return rows;
  }

  async suspension(userId: string) {
    const row = this.suspensionRows.get(userId);
    return row && { ...row };
  }

  async suspensions(now: Date): Promise<SuspensionRow[]> {
    return [...this.suspensionRows.values()]
      .filter((row) => row.until > now)
      .sort((a, b) => a.until.getTime() - b.until.getTime() || (a.userId < b.userId ? -1 : 1))
      .map((row) => ({ ...row }));
  }

  async poster(userId: string) {
    const row = this.posters.get(userId);
    return row && { ...row };
  }

  async saveCase(row: Omit<ModerationCaseRow, 'seq'>): Promise<void> {
    const k = key(row.kind, row.targetId);
    const before = this.caseRows.get(k);
    const seq = row.open && !before?.open ? this.sequence.next() : (before?.seq ?? 0);
    this.journal.remember(this.caseRows, k);
    this.caseRows.set(k, { ...copyCase(row as ModerationCaseRow), seq });
    if (row.open !== Boolean(before?.open)) this.journal.link(this.openCases, '', k, row.open);
  }

  async saveReport(row: ReportRow): Promise<void> {
    const k = key(row.kind, row.targetId);
    this.journal.remember(this.reportRows, k);
    this.reportRows.set(k, new Map(this.reportRows.get(k)).set(row.reporterId, { ...row }));
  }

  async clearReports(kind: ModerationKind, targetId: string): Promise<void> {
    const k = key(kind, targetId);
    this.journal.remember(this.reportRows, k);
    this.reportRows.delete(k);
  }

  async appendLog(row: Omit<ModerationLogRow, 'id'>): Promise<void> {
    const id = this.lastLogId + 1;
    this.journal.remember(this.logRows, id);
    this.logRows.set(id, { ...row, id });
    // A rolled-back entry leaves a gap, as a SQLite rowid would not; `log` skips gaps.
    this.lastLogId = id;
  }

  async saveSuspension(row: SuspensionRow): Promise<void> {
    this.journal.remember(this.suspensionRows, row.userId);
    this.suspensionRows.set(row.userId, { ...row });
  }

  async deleteSuspension(userId: string): Promise<void> {
    this.journal.remember(this.suspensionRows, userId);
    this.suspensionRows.delete(userId);
  }

  async savePoster(row: PosterRow): Promise<void> {
    this.journal.remember(this.posters, row.userId);
    this.posters.set(row.userId, { ...row });
  }
}

function copyCase<R extends Omit<ModerationCaseRow, 'seq'>>(row: R): R {
  return { ...row, ledger: row.ledger.map((entry) => ({ ...entry, topics: [...entry.topics] })) };
}
