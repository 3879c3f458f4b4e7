import { withViewerRating } from '../../api/shared/rating-math.js';
import { subjectIdIssue } from '../../api/shared/subject-id.js';
import type { CommunityBackend } from './backend.js';
import { createBatcher } from './batcher.js';
import { CwError, toCwError } from './errors.js';
import { OptimisticWrites } from './optimistic.js';
import type { RatingSummary } from './types.js';

/** What a widget knows about one subject's ratings at a moment. */
export type RatingState =
  | { status: 'loading' }
  | { status: 'ready'; summary: RatingSummary; saving: boolean }
  | { status: 'error'; error: CwError };

export type RatingListener = (state: RatingState) => void;

interface Entry {
  state: RatingState;
  listeners: Set<RatingListener>;
  /** The last summary the backend confirmed; what a failed optimistic write rolls back to. */
  confirmed: RatingSummary | undefined;
}

/**
 * The shared cache of rating summaries. Every widget on a subject sees the same state;
 * reads are batched; writes are optimistic, serialised per subject and rolled back on failure.
 */
export class RatingsStore {
  readonly #entries = new Map<string, Entry>();
  readonly #writes = new OptimisticWrites();
  readonly #loadSummary: (subject: string) => Promise<RatingSummary>;

  readonly #backend: CommunityBackend;

  constructor(backend: CommunityBackend) {
    this.#backend = backend;
    this.#loadSummary = createBatcher(async (subjects: string[]) => {
      const summaries = await backend.getRatingSummaries(subjects);
      return new Map(summaries.map((summary) => [summary.subject, summary]));
    });
  }

  /** Calls `listener` now and on every change; loads the subject on first interest. */
  subscribe(subject: string, listener: RatingListener): () => void {
    const entry = this.#entry(subject);
    entry.listeners.add(listener);
    listener(entry.state);
    return () => entry.listeners.delete(listener);
  }

  /** The current state, without starting a load. */
  peek(subject: string): RatingState {
    return this.#entries.get(subject)?.state ?? { status: 'loading' };
  }

  /** Loads the subject again (after an error, or when the viewer changed). */
  reload(subject: string): void {
    const entry = this.#entries.get(subject);
    if (!entry) return;
    this.#set(entry, { status: 'loading' });
    this.#load(subject, entry);
  }

  /** Reloads every known subject, e.g. after sign-in, so each shows the viewer's own rating. */
  reloadAll(): void {
    for (const subject of this.#entries.keys()) this.reload(subject);
  }

  /**
   * Sets (1–5) or removes (null) the viewer's rating. The new summary shows at once; when
   * the backend refuses, the last confirmed summary returns and the promise rejects with
   * the reason. A write superseded by a newer one resolves quietly.
   */
  rate(subject: string, value: number | null): Promise<void> {
    const entry = this.#entry(subject);
    return this.#writes.run(subject, {
      predict: () => {
        if (entry.state.status !== 'ready') return;
        const summary = withViewerRating(entry.state.summary, value);
        this.#set(entry, { status: 'ready', summary, saving: true });
      },
      send: () =>
        value === null
          ? this.#backend.clearRating(subject)
          : this.#backend.setRating(subject, value),
      confirm: (summary, latest) => {
        entry.confirmed = summary;
        if (latest) this.#set(entry, { status: 'ready', summary, saving: false });
      },
      rollBack: (error) =>
        this.#set(
          entry,
          entry.confirmed
            ? { status: 'ready', summary: entry.confirmed, saving: false }
            : { status: 'error', error },
        ),
    });
  }

  /**
   * Takes a summary another write already confirmed (a review carries its subject's rating),
   * so every widget on the subject shows it without a request of its own. Reads and
   * optimistic writes still in flight for the subject yield to it. Subjects nobody follows
   * are left alone: they load fresh when someone does.
   */
  accept(summary: RatingSummary): void {
    const entry = this.#entries.get(summary.subject);
    if (!entry) return;
    this.#writes.supersede(summary.subject);
    entry.confirmed = summary;
    this.#set(entry, { status: 'ready', summary, saving: false });
  }

  #entry(subject: string): Entry {
    let entry = this.#entries.get(subject);
    if (!entry) {
      entry = {
        state: { status: 'loading' },
        listeners: new Set(),
        confirmed: undefined,
      };
      this.#entries.set(subject, entry);
      this.#load(subject, entry);
    }
    return entry;
  }

  #load(subject: string, entry: Entry): void {
    // One malformed id must not fail the whole batch it would travel in.
    const issue = subjectIdIssue(subject, '#subject');
    if (issue) {
      const problem = {
        // The contract's kind for a refused value, as the backend would have answered it.
        type: 'https://community-widgets.dev/problems/invalid' as const,
        title: 'Invalid input',
        status: 422,
        detail: issue.detail,
        errors: [issue],
      };
      this.#set(entry, { status: 'error', error: CwError.fromStatus(422, problem) });
      return;
    }
    const versionAtStart = this.#writes.version(subject);
    this.#loadSummary(subject).then(
      (summary) => {
        // A write made while loading knows better than this older read.
        if (this.#writes.version(subject) !== versionAtStart) return;
        entry.confirmed = summary;
        this.#set(entry, { status: 'ready', summary, saving: false });
      },
      (error: unknown) => {
        if (this.#writes.version(subject) !== versionAtStart) return;
        this.#set(entry, { status: 'error', error: toCwError(error) });
      },
    );
  }

  #set(entry: Entry, state: RatingState): void {
    entry.state = state;
    for (const listener of entry.listeners) listener(state);
  }
}
