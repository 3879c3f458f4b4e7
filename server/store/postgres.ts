import pg from 'pg';
import type { Store, StoreReader, StoreWriter } from '../domain/store.js';
import type { Db } from './postgres/columns.js';
import { PgEventReads, PgEventWrites } from './postgres/events.js';
import { PgNotificationReads, PgNotificationWrites } from './postgres/notifications.js';
import { PgExpertReads, PgExpertWrites } from './postgres/experts.js';
import { runHealthProbe } from './postgres/health.js';
import { PgIdempotency } from './postgres/idempotency.js';
import { PgIdeaReads, PgIdeaWrites } from './postgres/ideas.js';
import { PgInsightReads, PgInsightWrites } from './postgres/insights.js';
import { migrate } from './postgres/migrations.js';
import { PgModerationReads, PgModerationWrites } from './postgres/moderation.js';
import { PgQuestionReads, PgQuestionWrites } from './postgres/questions.js';
import { PgRatingReads, PgRatingWrites } from './postgres/ratings.js';
import { PgRateLimits } from './postgres/rate-limits.js';
import { PgReviewReads, PgReviewWrites } from './postgres/reviews.js';
import { PgTextReads, PgTextWrites } from './postgres/text.js';
import { PgVoteReads, PgVoteWrites } from './postgres/votes.js';
import { PgDeliveries } from './postgres/webhooks.js';

export { migrations } from './postgres/migrations.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (CW_DATABASE_URL). */
  url: string;
  /** Connections kept open: reads run on any, a write transaction holds one. */
  poolSize?: number;
}

/** Serialization failure and deadlock: the transaction lost a race and may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);
/** Past this many attempts the conflict is reported; each waits a little longer first. */
export const MAX_WRITE_ATTEMPTS = 12;
/**
 * After this many lost races a transaction runs alone. Every write transaction holds this
 * advisory lock shared; a starved one takes it exclusively before it begins, so it waits for
 * the running ones and the others wait for it. Without it, one instance's queue of writes to
 * a hot row (a subject's summary, today's community counters) can win every race against
 * another instance's retrying transaction until its attempts run out.
 */
const RUN_ALONE_AFTER = 3;
const WRITE_TURN_LOCK = 0x0c0_1212;

/** BIGINT (counts, seqs, epoch ms) as numbers: every value the stores keep fits 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** The URL with its password replaced, for logs and error messages. */
export function maskDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * The store for several instances: PostgreSQL through a pool. Every write transaction is
 * SERIALIZABLE and runs again from the start when Postgres reports it lost a race with
 * another transaction (ADR 012), so the domain's promise holds across instances: a
 * transaction behaves as if none other ran beside it. Within one instance write transactions
 * are also queued, as SQLite's are, so an instance's own writes never conflict with each
 * other and retries only happen between instances. Reads outside transactions run
 * concurrently on the pool and see committed data only.
 */
export class PostgresStore implements Store {
  readonly ratings: StoreReader['ratings'];
  readonly questions: StoreReader['questions'];
  readonly reviews: StoreReader['reviews'];
  readonly ideas: StoreReader['ideas'];
  readonly experts: StoreReader['experts'];
  readonly votes: StoreReader['votes'];
  readonly text: StoreReader['text'];
  readonly moderation: StoreReader['moderation'];
  readonly events: StoreReader['events'];
  readonly notifications: StoreReader['notifications'];
  readonly insights: StoreReader['insights'];
  /** Rate-limit counters shared by every instance on this database. */
  readonly rateLimits: PgRateLimits;
  /** The webhook worker's cursors, deliveries and attempts, shared by every instance. */
  readonly webhooks: PgDeliveries;
  /** The URL with the password masked. */
  readonly location: string;
  /** Write transactions that ran again after a conflict, since the store opened. */
  retries = 0;
  onWarning?: (message: string) => void;
  private readonly pool: pg.Pool;
  private queue: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | undefined;

  private constructor(
    pool: pg.Pool,
    location: string,
    /** Whether opening this store created the schema (first start: seed it). */
    readonly created: boolean,
    /** The schema version after migrating. */
    readonly schemaVersion: number,
  ) {
    this.pool = pool;
    this.location = location;
    const db = pool as unknown as Db;
    this.ratings = new PgRatingReads(db);
    this.questions = new PgQuestionReads(db);
    this.reviews = new PgReviewReads(db);
    this.ideas = new PgIdeaReads(db);
    this.experts = new PgExpertReads(db);
    this.votes = new PgVoteReads(db);
    this.text = new PgTextReads(db);
    this.moderation = new PgModerationReads(db);
    this.events = new PgEventReads(db);
    this.notifications = new PgNotificationReads(db);
    this.insights = new PgInsightReads(db);
    this.rateLimits = new PgRateLimits(db);
    this.webhooks = new PgDeliveries(pool);
  }

  /** Connects and brings the schema up to date. */
  static async open({ url, poolSize = 10 }: PostgresStoreOptions): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
    const location = maskDatabaseUrl(url);
    let store: PostgresStore | undefined;
    // An idle client's error (the server restarting) must not crash the process: the pool
    // drops that client and the next query opens a fresh connection, or says what is wrong.
    pool.on('error', (error) =>
      store?.onWarning?.(
        `A pooled connection to ${location} failed while idle (${error.message}); the pool drops it and opens another when needed.`,
      ),
    );
    try {
      const client = await pool.connect();
      try {
        const { found, now } = await migrate(client);
        store = new PostgresStore(pool, location, found === 0, now);
        return store;
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  write<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new Error('The store is closed.'));
    const run = this.queue.then(() => this.transact(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async transact<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      // pg's pool drops a client whose connection broke when it is released.
      const client = await this.pool.connect();
      try {
        return await this.attempt(client, work, attempt > RUN_ALONE_AFTER);
      } catch (error) {
        if (!isRetryable(error) || attempt >= MAX_WRITE_ATTEMPTS) throw error;
        this.retries += 1;
      } finally {
        client.release();
      }
      // Jittered backoff, so two instances that collided do not collide again in step.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.random() * 2 ** Math.min(attempt, 7)),
      );
    }
  }

  /** One try: in turn with the others, or alone once it lost too many races. */
  private async attempt<T>(
    client: pg.PoolClient,
    work: (tx: StoreWriter) => Promise<T>,
    alone: boolean,
  ): Promise<T> {
    if (!alone) return this.attemptInTurn(client, work);
    // Taken before BEGIN, so the transaction's snapshot is made once the others have ended.
    await client.query('SELECT pg_advisory_lock($1)', [WRITE_TURN_LOCK]);
    try {
      return await this.attemptInTurn(client, work);
    } finally {
      // A broken connection releases it with the session; pg drops that client on release.
      await client.query('SELECT pg_advisory_unlock($1)', [WRITE_TURN_LOCK]).catch(() => undefined);
    }
  }

  /**
   * One try. When `work` throws (a rule broken, say), its writes are undone but the
   * transaction still commits its reads: under SERIALIZABLE, what a transaction read is only
   * known to be consistent once it commits, so a refusal based on a read that lost a race
   * becomes a retry instead of a wrong answer.
   */
  private async attemptInTurn<T>(client: pg.PoolClient, work: (tx: StoreWriter) => Promise<T>) {
    await client.query(
      `BEGIN ISOLATION LEVEL SERIALIZABLE; SELECT pg_advisory_xact_lock_shared(${WRITE_TURN_LOCK}); SAVEPOINT work`,
    );
    let result: T;
    try {
      result = await work(writer(client as unknown as Db));
    } catch (error) {
      if (isRetryable(error)) {
        await client.query('ROLLBACK');
        throw error;
      }
      try {
        await client.query('ROLLBACK TO SAVEPOINT work; COMMIT');
      } catch (commitError) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw isRetryable(commitError) ? commitError : error;
      }
      throw error;
    }
    try {
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    return result;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  checkWrite(): Promise<void> {
    // Through the queue and a committed transaction, as a visitor's write would go.
    const run = this.queue.then(async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await runHealthProbe(client as unknown as Db);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Lets queued transactions finish, then closes the pool. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.queue.then(() => this.pool.end());
    return this.closing;
  }
}

function writer(db: Db): StoreWriter {
  return {
    ratings: new PgRatingWrites(db),
    questions: new PgQuestionWrites(db),
    reviews: new PgReviewWrites(db),
    ideas: new PgIdeaWrites(db),
    experts: new PgExpertWrites(db),
    votes: new PgVoteWrites(db),
    text: new PgTextWrites(db),
    idempotency: new PgIdempotency(db),
    moderation: new PgModerationWrites(db),
    events: new PgEventWrites(db),
    notifications: new PgNotificationWrites(db),
    insights: new PgInsightWrites(db),
  };
}

function isRetryable(error: unknown): boolean {
  return RETRYABLE.has((error as { code?: unknown } | null)?.code as string);
}
