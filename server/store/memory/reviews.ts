import { HELPFUL_VOTE_KIND } from '../../domain/review-rules.js';
import type { ReviewListQuery, ReviewRow, ReviewWriter } from '../../domain/review-store.js';
import { copy, key, pick, type Journal, type Sequence } from './journal.js';
import type { MemoryModeration } from './moderation.js';
import type { MemoryVotes } from './votes.js';

export class MemoryReviews implements ReviewWriter {
  private readonly rows = new Map<string, ReviewRow>();
  private readonly ofSubject = new Map<string, ReadonlySet<string>>();
  /** `subject\0author` → review id: one review per person per subject. */
  private readonly byAuthor = new Map<string, string>();

  constructor(
    private readonly journal: Journal,
    private readonly sequence: Sequence,
    private readonly votes: MemoryVotes,
    private readonly moderation: Pick<MemoryModeration, 'hides'>,
  ) {}

  async byIds(ids: readonly string[]): Promise<Map<string, ReviewRow>> {
    return pick(this.rows, ids);
  }

  async list({
    subject,
    order,
    stars,
    after,
    limit,
    visibleTo,
  }: ReviewListQuery): Promise<ReviewRow[]> {
    const rows = [...(this.ofSubject.get(subject) ?? [])]
      .map((id) => this.rows.get(id)!)
      .filter((row) => stars === undefined || row.stars === stars)
      .filter((row) => !this.moderation.hides('review', row, visibleTo));
    // The same orders and keysets as the SQLite store's queries; ties newest first.
    const sortKey = (row: ReviewRow): number =>
      order === 'helpful' ? row.helpfulYes : order === 'newest' ? 0 : row.stars;
    const direction = order === 'lowest' ? 1 : -1;
    rows.sort((a, b) => direction * (sortKey(a) - sortKey(b)) || b.seq - a.seq);
    const [first, second] = (after ?? []) as number[];
    const [afterKey, afterSeq] = order === 'newest' ? [0, first] : [first, second];
    return rows
      .filter((row) => {
        if (after === undefined) return true;
        const k = sortKey(row);
        return direction * (k - afterKey!) > 0 || (k === afterKey && row.seq < afterSeq!);
      })
      .slice(0, limit)
      .map(copy);
  }

  async ofAuthor(subject: string, userId: string): Promise<ReviewRow | undefined> {
    const id = this.byAuthor.get(key(subject, userId));
    const row = id === undefined ? undefined : this.rows.get(id);
    return row && copy(row);
  }

  async insert(row: Omit<ReviewRow, 'seq'>): Promise<ReviewRow> {
    const author = key(row.subject, row.authorId);
    if (this.byAuthor.has(author)) {
      throw new Error('UNIQUE constraint failed: reviews.subject, reviews.author_id');
    }
    const stored: ReviewRow = { ...row, seq: this.sequence.next() };
    this.journal.remember(this.rows, row.id);
    this.rows.set(row.id, stored);
    this.journal.remember(this.byAuthor, author);
    this.byAuthor.set(author, row.id);
    this.journal.link(this.ofSubject, row.subject, row.id, true);
    return copy(stored);
  }

  async update(
    id: string,
    changes: Partial<Pick<ReviewRow, 'stars' | 'title' | 'body' | 'verified' | 'editedAt'>>,
  ): Promise<void> {
    this.journal.change(this.rows, id, (row) => ({ ...row, ...changes }));
  }

  async addToHelpful(id: string, { yes = 0, no = 0 }: { yes?: number; no?: number }) {
    this.journal.change(this.rows, id, (row) => ({
      ...row,
      helpfulYes: row.helpfulYes + yes,
      helpfulNo: row.helpfulNo + no,
    }));
  }

  async remove(id: string): Promise<void> {
    this.votes.removeAllOn(HELPFUL_VOTE_KIND, id);
    const row = this.rows.get(id);
    if (!row) return;
    this.journal.remember(this.rows, id);
    this.rows.delete(id);
    const author = key(row.subject, row.authorId);
    this.journal.remember(this.byAuthor, author);
    this.byAuthor.delete(author);
    this.journal.link(this.ofSubject, row.subject, id, false);
  }
}
