import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Store, StoreReader, StoreWriter } from '../domain/store.js';
import { SqliteEventReads, SqliteEventWrites } from './sqlite/events.js';
import { SqliteExpertReads, SqliteExpertWrites } from './sqlite/experts.js';
import { WalCheckpointer, WRITER_AUTOCHECKPOINT_PAGES } from './sqlite/checkpointer.js';
import { SqliteHealthProbe } from './sqlite/health.js';
import { SqliteIdempotency } from './sqlite/idempotency.js';
import { SqliteIdeaReads, SqliteIdeaWrites } from './sqlite/ideas.js';
import { InsightReadsInTurns, SqliteInsightReads, SqliteInsightWrites } from './sqlite/insights.js';
import { currentVersion, migrate } from './sqlite/migrations.js';
import {
  SqliteModerationReads,
  SqliteModerationWrites,
  SuspensionCache,
} from './sqlite/moderation.js';
import { SqliteNotificationReads, SqliteNotificationWrites } from './sqlite/notifications.js';
import { SqliteQuestionReads, SqliteQuestionWrites } from './sqlite/questions.js';
import { DistributionCache, SqliteRatingReads, SqliteRatingWrites } from './sqlite/ratings.js';
import { SqliteReviewReads, SqliteReviewWrites } from './sqlite/reviews.js';
import { SqliteTextReads, SqliteTextWrites } from './sqlite/text.js';
import { SqliteVoteReads, SqliteVoteWrites } from './sqlite/votes.js';
import { SqliteDeliveries } from './sqlite/webhooks.js';
import { StorageError, explainSqliteFault } from './storage-error.js';

export { migrations } from './sqlite/migrations.js';

/**
 * How hard a commit waits for the disk. `NORMAL` (the default) writes the WAL on every
 * commit but syncs it only at checkpoints: an acknowledged write survives the process
 * being killed (the OS still holds the pages) but can be lost if the machine loses power.
 * `FULL` syncs the WAL on every commit and survives power loss, at a cost per write.
 */
export type SqliteSynchronous = 'NORMAL' | 'FULL';

export interface SqliteStoreOptions {
  /** Directory holding the database file; created when missing. */
  dataDir: string;
  fileName?: string;
  synchronous?: SqliteSynchronous;
  /** How long a connection waits for another process's lock before failing. */
  busyTimeoutMs?: number;
}

/** A `write` waiting for its turn, with how to answer its caller. */
interface WaitingWrite {
  work: (tx: StoreWriter) => Promise<unknown>;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The most writes one commit answers: a group's first write waits for the others to run
 * (about 0.1–0.3 ms each) before it is answered.
 */
const GROUP_COMMIT_LIMIT = 32;

/**
 * The embedded default store: one SQLite file in WAL mode with two connections. Writes run
 * one at a time on the writer connection (queued in-process), those waiting together in one
 * transaction (`BEGIN IMMEDIATE`, a savepoint per write: see `commitGroup`); reads outside
 * transactions use a second connection, so they only ever see committed data even while a
 * transaction is open between awaits.
 */
export class SqliteStore implements Store {
  /** Whether opening this store created the database (first start: seed it). */
  readonly created: boolean;
  /** The schema version the file had before this open migrated it (0: new). */
  readonly previousVersion: number;
  readonly file: string;
  readonly ratings: StoreReader['ratings'];
  readonly questions: StoreReader['questions'];
  readonly reviews: StoreReader['reviews'];
  readonly ideas: StoreReader['ideas'];
  readonly experts: StoreReader['experts'];
  readonly votes: StoreReader['votes'];
  readonly text: StoreReader['text'];
  readonly moderation: StoreReader['moderation'];
  readonly events: StoreReader['events'];
  /** The webhook worker's cursors, deliveries and attempts (server/webhooks/). */
  readonly webhooks: SqliteDeliveries;
  readonly notifications: StoreReader['notifications'];
  readonly insights: StoreReader['insights'];
  onWarning?: (message: string) => void;
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  /** Every feature's writes on the writer connection: the `tx` of `write`. */
  private readonly tx: StoreWriter;
  /** `tx.insights`, whose counters wait for the group's commit; see SqliteInsightWrites. */
  private readonly insightWrites: SqliteInsightWrites;
  /** Committed rating distributions; see DistributionCache for why only this store may. */
  private readonly distributions = new DistributionCache();
  /** Committed suspensions, asked by every write; see SuspensionCache. */
  private readonly suspensions = new SuspensionCache();
  private readonly one: Database.Statement;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly savepoint: Database.Statement;
  private readonly release: Database.Statement;
  private readonly rollbackToSavepoint: Database.Statement;
  private readonly probe: SqliteHealthProbe;
  private readonly checkpointer: WalCheckpointer;
  /** Writes not yet run, oldest first; see `commitGroup`. */
  private readonly waiting: WaitingWrite[] = [];
  /** Set while groups are being committed. */
  private committing: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor({
    dataDir,
    fileName = 'community.sqlite',
    synchronous = 'NORMAL',
    busyTimeoutMs = 5000,
  }: SqliteStoreOptions) {
    this.file = join(dataDir, fileName);
    // Start-up faults (corrupt file, read-only or full disk, a directory in the file's place)
    // become one sentence naming the path, instead of a raw SqliteError.
    let writer: Database.Database | undefined;
    try {
      mkdirSync(dataDir, { recursive: true });
      if (statSync(this.file, { throwIfNoEntry: false })?.isDirectory()) {
        throw new StorageError(
          `${this.file} is a directory, not a database file: move it away or set CW_DATA_DIR to another directory.`,
        );
      }
      writer = new Database(this.file);
      configure(writer, synchronous, busyTimeoutMs);
      writer.pragma(`wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES}`);
      this.previousVersion = migrate(writer);
      this.reader = new Database(this.file, { readonly: true, fileMustExist: true });
      configure(this.reader, synchronous, busyTimeoutMs);
    } catch (error) {
      writer?.close();
      throw explainSqliteFault(error, dataDir, this.file);
    }
    this.writer = writer;
    this.created = this.previousVersion === 0;
    this.ratings = new SqliteRatingReads(this.reader, this.distributions);
    this.questions = new SqliteQuestionReads(this.reader);
    this.reviews = new SqliteReviewReads(this.reader);
    this.ideas = new SqliteIdeaReads(this.reader);
    this.experts = new SqliteExpertReads(this.reader);
    this.votes = new SqliteVoteReads(this.reader);
    this.text = new SqliteTextReads(this.reader);
    this.moderation = new SqliteModerationReads(this.reader, this.suspensions);
    this.events = new SqliteEventReads(this.reader);
    this.notifications = new SqliteNotificationReads(this.reader);
    this.insights = new InsightReadsInTurns(new SqliteInsightReads(this.reader));
    this.insightWrites = new SqliteInsightWrites(this.writer);
    this.tx = {
      ratings: new SqliteRatingWrites(this.writer, this.distributions),
      questions: new SqliteQuestionWrites(this.writer),
      reviews: new SqliteReviewWrites(this.writer),
      ideas: new SqliteIdeaWrites(this.writer),
      experts: new SqliteExpertWrites(this.writer),
      votes: new SqliteVoteWrites(this.writer),
      text: new SqliteTextWrites(this.writer),
      idempotency: new SqliteIdempotency(this.writer),
      moderation: new SqliteModerationWrites(this.writer, this.suspensions),
      events: new SqliteEventWrites(this.writer),
      notifications: new SqliteNotificationWrites(this.writer),
      insights: this.insightWrites,
    };
    this.webhooks = new SqliteDeliveries(this.writer, this.reader, (work) =>
      this.write(async () => work()),
    );
    this.one = this.reader.prepare('SELECT 1');
    this.begin = this.writer.prepare('BEGIN IMMEDIATE');
    this.commit = this.writer.prepare('COMMIT');
    this.rollback = this.writer.prepare('ROLLBACK');
    this.savepoint = this.writer.prepare('SAVEPOINT one_write');
    this.release = this.writer.prepare('RELEASE one_write');
    this.rollbackToSavepoint = this.writer.prepare('ROLLBACK TO one_write');
    this.probe = new SqliteHealthProbe(this.writer);
    this.checkpointer = new WalCheckpointer(this.file, (error, restartInMs) =>
      this.onWarning?.(
        `The thread that copies ${this.file}-wal into the database file failed ` +
          `(${(error as Error)?.message ?? error}); it starts again in ${restartInMs / 1000} s, ` +
          'and until then commits copy the WAL themselves once it passes 64 MB.',
      ),
    );
  }

  /** The schema version recorded in the file. */
  get schemaVersion(): number {
    return currentVersion(this.writer);
  }

  write<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new Error('The store is closed.'));
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (result: unknown) => void, reject });
      this.committing ??= this.commitWaiting();
    });
  }

  /**
   * Commits what is waiting, a group at a time, until nothing is. It starts in the event
   * loop's check phase: the requests whose bytes arrived in the same poll phase have asked
   * to write by then, and wait together.
   */
  private async commitWaiting(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.length) await this.commitGroup(this.waiting.splice(0, GROUP_COMMIT_LIMIT));
    this.committing = undefined;
  }

  /**
   * Group commit: the writes waiting together run one after another in ONE transaction, each
   * in a savepoint of its own, and are answered once it commits. A write that fails rolls back
   * to its savepoint alone; the others commit. Under load a commit (BEGIN, COMMIT and writing
   * the pages it changed to the WAL) was a quarter of a rating write's CPU, and the writes of
   * a busy second change the same pages (a subject's distribution, today's insight buckets,
   * the log's last page): a group writes each such page once. A write never waits for others
   * to arrive: a group is what was waiting when the loop reached its check phase, or when the
   * previous group committed.
   */
  private async commitGroup(group: WaitingWrite[]): Promise<void> {
    try {
      this.begin.run();
    } catch (error) {
      for (const write of group) write.reject(error);
      return;
    }
    const ran: Array<{ write: WaitingWrite; result: unknown }> = [];
    let next = 0;
    try {
      for (; next < group.length; next += 1) {
        const write = group[next]!;
        this.savepoint.run();
        let result: unknown;
        try {
          result = await write.work(this.tx);
        } catch (error) {
          write.reject(error);
          // A fault that ends the transaction (a full disk, an I/O error) takes the group's
          // earlier writes with it; a domain or constraint error undoes this write alone.
          if (!this.writer.inTransaction) throw error;
          this.rollbackToSavepoint.run();
          this.release.run();
          continue;
        }
        this.release.run();
        ran.push({ write, result });
      }
      this.insightWrites.flush();
      this.commit.run();
      this.checkpointer.start();
    } catch (error) {
      if (this.writer.inTransaction) this.rollback.run();
      // Nothing of the group is kept (a write already refused keeps its own error).
      for (const write of group.slice(0, next + 1)) write.reject(error);
      // Those not run yet go first in the next group.
      this.waiting.unshift(...group.slice(next + 1));
      return;
    } finally {
      // In the same synchronous step as COMMIT or ROLLBACK: no read can see the old value
      // remembered after the new one is committed.
      this.distributions.settle();
      this.suspensions.settle();
    }
    for (const { write, result } of ran) write.resolve(result);
  }

  async ping(): Promise<void> {
    this.one.get();
  }

  checkWrite(): Promise<void> {
    // Through the queue and a real transaction, exactly as a visitor's write would go.
    return this.write(async () => this.probe.run());
  }

  /** Lets queued transactions finish, then closes both connections. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (this.committing ?? Promise.resolve()).then(async () => {
      await this.checkpointer.stop();
      this.reader.close();
      this.writer.close();
    });
    return this.closing;
  }
}

/**
 * Sized for a community's file of a few GB: SQLite's default page cache (2 MB) holds almost
 * none of a 1M-row table's index, so a batched read of 20 random subjects went to the OS on
 * most lookups. Measured on 1M ratings over 100k subjects (20-subject batched read, both
 * queries, in-process, busy 2-core machine): 572 µs with the defaults, 381 µs with a 64 MB
 * cache, 268 µs with the cache and 256 MB of memory-mapped I/O. Both are upper bounds, per
 * connection; the OS shares the mapped pages between the two connections.
 */
const CACHE_KIB = 64 * 1024;
const MMAP_BYTES = 256 * 1024 * 1024;

function configure(db: Database.Database, synchronous: SqliteSynchronous, busyTimeoutMs: number) {
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  if (!db.readonly) db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
  db.pragma(`cache_size = -${CACHE_KIB}`);
  db.pragma(`mmap_size = ${MMAP_BYTES}`);
}
