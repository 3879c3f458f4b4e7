import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Store, StoreReader, StoreWriter } from '../domain/store.js';
import type { Distribution } from '../domain/types.js';

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

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Forward-only schema changes, applied in order and recorded in `schema_migrations`.
 * Never edit or reorder a released migration: add a new one.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'ratings',
    sql: `
      CREATE TABLE ratings (
        subject TEXT NOT NULL,
        user_id TEXT NOT NULL,
        value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (subject, user_id)
      ) WITHOUT ROWID;

      -- Kept in step with ratings inside the same transaction, so a summary is one row read.
      CREATE TABLE rating_distributions (
        subject TEXT PRIMARY KEY,
        c1 INTEGER NOT NULL DEFAULT 0 CHECK (c1 >= 0),
        c2 INTEGER NOT NULL DEFAULT 0 CHECK (c2 >= 0),
        c3 INTEGER NOT NULL DEFAULT 0 CHECK (c3 >= 0),
        c4 INTEGER NOT NULL DEFAULT 0 CHECK (c4 >= 0),
        c5 INTEGER NOT NULL DEFAULT 0 CHECK (c5 >= 0)
      ) WITHOUT ROWID;
    `,
  },
];

/** `[subject, c1, c2, c3, c4, c5]` per row, aggregated to one JSON text by SQLite. */
type DistributionRows = Array<[string, number, number, number, number, number]>;

/**
 * The read queries, prepared once per connection; one query per call however many subjects.
 * Each answers a single JSON text built by SQLite: measured twice as fast as returning one
 * JavaScript object per row, which dominates the cost of a batched read.
 */
class Reads implements StoreReader {
  private readonly distributions: Database.Statement<[string], string>;
  private readonly userRatingRows: Database.Statement<[string, string], string>;
  private readonly one: Database.Statement<[], unknown>;

  constructor(db: Database.Database) {
    this.distributions = db
      .prepare<[string], string>(
        `SELECT json_group_array(json_array(subject, c1, c2, c3, c4, c5)) FROM rating_distributions
         WHERE subject IN (SELECT value FROM json_each(?))`,
      )
      .pluck();
    this.userRatingRows = db
      .prepare<[string, string], string>(
        `SELECT json_group_object(subject, value) FROM ratings
         WHERE user_id = ? AND subject IN (SELECT value FROM json_each(?))`,
      )
      .pluck();
    this.one = db.prepare('SELECT 1');
  }

  async ratingDistributions(subjects: readonly string[]): Promise<Map<string, Distribution>> {
    const found = new Map<string, Distribution>();
    if (subjects.length === 0) return found;
    const rows = JSON.parse(this.distributions.get(JSON.stringify(subjects))!) as DistributionRows;
    for (const [subject, ...counts] of rows) found.set(subject, counts);
    return found;
  }

  async userRatings(userId: string, subjects: readonly string[]): Promise<Map<string, number>> {
    if (subjects.length === 0) return new Map();
    const values = JSON.parse(this.userRatingRows.get(userId, JSON.stringify(subjects))!) as Record<
      string,
      number
    >;
    return new Map(Object.entries(values));
  }

  ping(): void {
    this.one.get();
  }
}

/** Writes on the writer connection; reachable only while `SqliteStore.write` holds the transaction. */
class Writes extends Reads implements StoreWriter {
  private readonly upsert: Database.Statement<[string, string, number, number]>;
  private readonly remove: Database.Statement<[string, string]>;
  private readonly addCounts: Database.Statement<[number, number, number, number, number, string]>;
  private readonly insertCounts: Database.Statement<
    [string, number, number, number, number, number]
  >;

  constructor(db: Database.Database) {
    super(db);
    this.upsert = db.prepare(
      `INSERT INTO ratings (subject, user_id, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (subject, user_id) DO UPDATE
       SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM ratings WHERE subject = ? AND user_id = ?');
    // Not an upsert: SQLite checks the CHECK constraints on the row proposed for insertion,
    // which for a negative delta would fail before the conflict turned it into an update.
    this.addCounts = db.prepare(
      `UPDATE rating_distributions
       SET c1 = c1 + ?, c2 = c2 + ?, c3 = c3 + ?, c4 = c4 + ?, c5 = c5 + ?
       WHERE subject = ?`,
    );
    this.insertCounts = db.prepare(
      'INSERT INTO rating_distributions (subject, c1, c2, c3, c4, c5) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  async upsertRating(subject: string, userId: string, value: number, at: Date): Promise<void> {
    this.upsert.run(subject, userId, value, at.getTime());
  }

  async deleteRating(subject: string, userId: string): Promise<void> {
    this.remove.run(subject, userId);
  }

  async addToDistribution(subject: string, delta: Distribution): Promise<void> {
    if (this.addCounts.run(...delta, subject).changes === 0)
      this.insertCounts.run(subject, ...delta);
  }
}

/**
 * The embedded default store: one SQLite file in WAL mode with two connections. Write
 * transactions run one at a time on the writer connection (`BEGIN IMMEDIATE`, queued
 * in-process); reads outside transactions use a second connection, so they only ever see
 * committed data even while a transaction is open between awaits.
 */
export class SqliteStore implements Store {
  /** Whether opening this store created the database (first start: seed it). */
  readonly created: boolean;
  readonly file: string;
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private readonly reads: Reads;
  private readonly writes: Writes;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private queue: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | undefined;

  constructor({
    dataDir,
    fileName = 'community.sqlite',
    synchronous = 'NORMAL',
    busyTimeoutMs = 5000,
  }: SqliteStoreOptions) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, fileName);
    this.writer = new Database(this.file);
    configure(this.writer, synchronous, busyTimeoutMs);
    this.created = migrate(this.writer) === 0;
    this.reader = new Database(this.file, { readonly: true, fileMustExist: true });
    configure(this.reader, synchronous, busyTimeoutMs);
    this.reads = new Reads(this.reader);
    this.writes = new Writes(this.writer);
    this.begin = this.writer.prepare('BEGIN IMMEDIATE');
    this.commit = this.writer.prepare('COMMIT');
    this.rollback = this.writer.prepare('ROLLBACK');
  }

  /** The schema version recorded in the file. */
  get schemaVersion(): number {
    return currentVersion(this.writer);
  }

  ratingDistributions(subjects: readonly string[]): Promise<Map<string, Distribution>> {
    return this.reads.ratingDistributions(subjects);
  }

  userRatings(userId: string, subjects: readonly string[]): Promise<Map<string, number>> {
    return this.reads.userRatings(userId, subjects);
  }

  write<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new Error('The store is closed.'));
    const run = this.queue.then(() => this.transact(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async transact<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> {
    this.begin.run();
    try {
      const result = await work(this.writes);
      this.commit.run();
      return result;
    } catch (error) {
      // A failed COMMIT or a constraint error may already have ended the transaction.
      if (this.writer.inTransaction) this.rollback.run();
      throw error;
    }
  }

  async ping(): Promise<void> {
    this.reads.ping();
  }

  /** Lets queued transactions finish, then closes both connections. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.queue.then(() => {
      this.reader.close();
      this.writer.close();
    });
    return this.closing;
  }
}

function configure(db: Database.Database, synchronous: SqliteSynchronous, busyTimeoutMs: number) {
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  if (!db.readonly) db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
}

function currentVersion(db: Database.Database): number {
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

/**
 * Applies the migrations the file has not seen, each in its own immediate transaction so
 * two processes starting at once cannot both apply one. Returns the version found before.
 */
function migrate(db: Database.Database): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const found = currentVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (found > newest) {
    throw new Error(
      `The database is at schema version ${found}, newer than this server knows (${newest}). ` +
        'Run a newer server; migrations only go forward.',
    );
  }
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  for (const migration of migrations) {
    const apply = db.transaction(() => {
      // Re-read inside the lock: another process may have applied it meanwhile.
      if (currentVersion(db) >= migration.version) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
    });
    apply.immediate();
  }
  return found;
}
