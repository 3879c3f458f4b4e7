import type {
  CommunityEventRow,
  CommunityEventType,
  EventLogReader,
  EventLogWriter,
} from '../../domain/events.js';
import { eventFromColumns, eventToValues, type EventColumns } from '../rows/events.js';
import { one, sql, type Db, type Migration } from './columns.js';

/**
 * Migration 11: the community's event log. `xid` is the writing transaction's id: several
 * instances commit concurrently, so a smaller `seq` can become visible after a larger one.
 */
export const eventsMigration: Migration = {
  version: 11,
  name: 'community event log',
  sql: `CREATE TABLE community_events (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    at BIGINT NOT NULL,
    actor_id TEXT,
    place TEXT,
    data JSONB NOT NULL,
    xid XID8 NOT NULL DEFAULT pg_current_xact_id()
  );`,
};

export class PgEventReads implements EventLogReader {
  constructor(protected readonly db: Db) {}

  /**
   * Only events of transactions older than every transaction still running: a reader's
   * cursor then never passes a `seq` that a slower transaction is about to commit.
   */
  async after({ after, limit }: { after: number; limit: number }): Promise<CommunityEventRow[]> {
    const rows = await sql<EventColumns>(
      this.db,
      `SELECT seq, id, type, at, actor_id, place, data FROM community_events
       WHERE seq > $1 AND xid < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY seq LIMIT $2`,
      [after, limit],
    );
    return rows.map(eventFromColumns);
  }
}

/**
 * Held from a transaction's first event to its end. `xid` order alone does not keep a reader
 * safe: a transaction takes its xid at its first write, often before its event, so one with an
 * older xid can append a larger `seq` and commit while a younger one still holds a smaller
 * `seq` — `xid < xmin` then lets a cursor pass that smaller `seq` for good (two instances lost
 * 1 webhook in 200 this way). Under this lock `seq`s are handed out in commit order.
 */
const EVENT_APPEND_LOCK = 0x0c0_1414;

export class PgEventWrites extends PgEventReads implements EventLogWriter {
  async append<T extends CommunityEventType>(
    row: Omit<CommunityEventRow<T>, 'seq'>,
  ): Promise<CommunityEventRow<T>> {
    // Re-taking a lock the transaction holds is immediate: only its first event waits.
    await sql(this.db, 'SELECT pg_advisory_xact_lock($1)', [EVENT_APPEND_LOCK]);
    const inserted = await one<{ seq: number }>(
      this.db,
      `INSERT INTO community_events (id, type, at, actor_id, place, data)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING seq`,
      eventToValues(row),
    );
    return { ...row, seq: Number(inserted!.seq) };
  }
}
