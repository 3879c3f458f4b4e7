import type pg from 'pg';
import type {
  AttemptRecord,
  DeliveryLogEntry,
  DeliveryState,
  DeliveryStore,
  DueDelivery,
  EndpointFilter,
  NextState,
} from '../../webhooks/delivery-store.js';
import { eventFromColumns, type EventColumns } from '../rows/events.js';
import {
  ATTEMPT_INSERT_COLUMNS,
  attemptValues,
  DELIVERY_COUNTS_SQL,
  DELIVERY_LOG_ORDER,
  DELIVERY_LOG_SELECT,
  deliveryCounts,
  deliveryLogEntry,
  type DeliveryLogColumns,
} from '../rows/webhooks.js';
import { sql, type Db, type Migration } from './columns.js';

/**
 * Migration 15: the webhook worker's state, as in SQLite (server/store/sqlite/webhooks.ts).
 * Several instances share it: each endpoint's cursor row is locked while its deliveries are
 * created, and deliveries are leased with `FOR UPDATE SKIP LOCKED`, so two workers never
 * create or claim the same delivery and never wait for each other.
 */
export const webhooksMigration: Migration = {
  version: 15,
  name: 'webhook cursors, deliveries and attempts',
  sql: `CREATE TABLE webhook_cursors (
    endpoint_id TEXT PRIMARY KEY,
    after_seq BIGINT NOT NULL
  );
  CREATE TABLE webhook_deliveries (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    endpoint_id TEXT NOT NULL,
    event_seq BIGINT NOT NULL,
    event_id TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    due_at BIGINT NOT NULL,
    lease_owner TEXT,
    created_at BIGINT NOT NULL,
    settled_at BIGINT,
    UNIQUE (endpoint_id, event_id)
  );
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries (due_at) WHERE state = 'pending';
  CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (event_seq);
  CREATE INDEX webhook_deliveries_settled ON webhook_deliveries (settled_at) WHERE state = 'delivered';
  CREATE TABLE webhook_attempts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id BIGINT NOT NULL,
    attempt INTEGER NOT NULL,
    at BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    response_code INTEGER,
    error TEXT,
    duration_ms INTEGER NOT NULL
  );
  CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (delivery_id, attempt);`,
};

/** Events of transactions older than every running one (see PgEventReads). */
const SETTLED = 'xid < pg_snapshot_xmin(pg_current_snapshot())';

export class PgDeliveries implements DeliveryStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Runs `work` in one READ COMMITTED transaction: row locks, not SERIALIZABLE retries, order it. */
  private async transaction<T>(work: (db: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client as unknown as Db);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async enqueue(endpoints: EndpointFilter[], limit: number, now: Date): Promise<number> {
    let created = 0;
    for (const endpoint of endpoints) {
      created += await this.transaction(async (db) => {
        let [cursor] = await sql<{ after_seq: number }>(
          db,
          'SELECT after_seq FROM webhook_cursors WHERE endpoint_id = $1 FOR UPDATE',
          [endpoint.id],
        );
        if (cursor === undefined) {
          await sql(
            db,
            `INSERT INTO webhook_cursors (endpoint_id, after_seq)
             VALUES ($1, (SELECT coalesce(max(seq), 0) FROM community_events WHERE ${SETTLED}))
             ON CONFLICT (endpoint_id) DO NOTHING`,
            [endpoint.id],
          );
          [cursor] = await sql<{ after_seq: number }>(
            db,
            'SELECT after_seq FROM webhook_cursors WHERE endpoint_id = $1 FOR UPDATE',
            [endpoint.id],
          );
        }
        const events = await sql<{ seq: number; id: string; type: string }>(
          db,
          `SELECT seq, id, type FROM community_events WHERE seq > $1 AND ${SETTLED}
           ORDER BY seq LIMIT $2`,
          [cursor!.after_seq, limit],
        );
        if (events.length === 0) return 0;
        const wanted = events.filter((event) => endpoint.wants(event.type));
        const inserted = await sql(
          db,
          `INSERT INTO webhook_deliveries (endpoint_id, event_seq, event_id, state, due_at, created_at)
           SELECT $1, seq, id, 'pending', $4, $4 FROM unnest($2::bigint[], $3::text[]) AS t(seq, id)
           ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING id`,
          [
            endpoint.id,
            wanted.map((event) => event.seq),
            wanted.map((event) => event.id),
            now.getTime(),
          ],
        );
        await sql(db, 'UPDATE webhook_cursors SET after_seq = $2 WHERE endpoint_id = $1', [
          endpoint.id,
          events.at(-1)!.seq,
        ]);
        return inserted.length;
      });
    }
    return created;
  }

  async claim({
    endpoints,
    now,
    limit,
    leaseUntil,
    owner,
  }: Parameters<DeliveryStore['claim']>[0]): Promise<DueDelivery[]> {
    const db = this.pool as unknown as Db;
    const leased = await sql<{
      id: number;
      endpoint_id: string;
      attempts: number;
      event_seq: number;
    }>(
      db,
      `UPDATE webhook_deliveries d SET due_at = $1, lease_owner = $2
       FROM (SELECT id FROM webhook_deliveries
             WHERE state = 'pending' AND due_at <= $3 AND endpoint_id = ANY($4::text[])
             ORDER BY due_at LIMIT $5 FOR UPDATE SKIP LOCKED) due
       WHERE d.id = due.id
       RETURNING d.id, d.endpoint_id, d.attempts, d.event_seq`,
      [leaseUntil.getTime(), owner, now.getTime(), endpoints, limit],
    );
    if (leased.length === 0) return [];
    const events = new Map(
      (
        await sql<EventColumns>(
          db,
          `SELECT seq, id, type, at, actor_id, place, data FROM community_events
           WHERE seq = ANY($1::bigint[])`,
          [leased.map((row) => row.event_seq)],
        )
      ).map((row) => [Number(row.seq), eventFromColumns(row)]),
    );
    return leased.map((row) => ({
      deliveryId: row.id,
      endpointId: row.endpoint_id,
      attempts: row.attempts,
      event: events.get(row.event_seq)!,
    }));
  }

  async settle(attempt: AttemptRecord, next: NextState, owner: string): Promise<void> {
    await this.transaction(async (db) => {
      const [row] = await sql<{ attempts: number; state: string; lease_owner: string | null }>(
        db,
        'SELECT attempts, state, lease_owner FROM webhook_deliveries WHERE id = $1 FOR UPDATE',
        [attempt.deliveryId],
      );
      if (!row) return;
      const number = row.attempts + 1;
      await sql(
        db,
        `INSERT INTO webhook_attempts (${ATTEMPT_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        attemptValues(attempt, number),
      );
      const ours = row.state === 'pending' && row.lease_owner === owner;
      const settle = (state: DeliveryState, dueAt: number, settledAt: number | null) =>
        sql(
          db,
          `UPDATE webhook_deliveries SET state = $1, due_at = $2, settled_at = $3, attempts = $4,
             lease_owner = NULL WHERE id = $5`,
          [state, dueAt, settledAt, number, attempt.deliveryId],
        );
      if (next.state === 'delivered' && row.state !== 'delivered') {
        await settle('delivered', 0, attempt.at.getTime());
      } else if (ours && next.state === 'failed') {
        await settle('failed', 0, attempt.at.getTime());
      } else if (ours && next.state === 'pending') {
        await settle('pending', next.dueAt.getTime(), null);
      } else {
        await sql(db, 'UPDATE webhook_deliveries SET attempts = $1 WHERE id = $2', [
          number,
          attempt.deliveryId,
        ]);
      }
    });
  }

  async release(deliveryId: number, owner: string, now: Date): Promise<void> {
    await sql(
      this.pool as unknown as Db,
      `UPDATE webhook_deliveries SET due_at = $1, lease_owner = NULL
       WHERE id = $2 AND lease_owner = $3 AND state = 'pending'`,
      [now.getTime(), deliveryId, owner],
    );
  }

  prune(before: Date): Promise<{ events: number; deliveries: number }> {
    return this.transaction(async (db) => {
      const at = before.getTime();
      await sql(
        db,
        `DELETE FROM webhook_attempts WHERE delivery_id IN (
           SELECT id FROM webhook_deliveries WHERE state = 'delivered' AND settled_at < $1)`,
        [at],
      );
      const deliveries = await sql(
        db,
        "DELETE FROM webhook_deliveries WHERE state = 'delivered' AND settled_at < $1 RETURNING id",
        [at],
      );
      const events = await sql(
        db,
        `DELETE FROM community_events e
         WHERE e.at < $1 AND e.seq <= (SELECT min(after_seq) FROM webhook_cursors)
           AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
                           WHERE d.event_seq = e.seq AND d.state <> 'delivered')
         RETURNING e.seq`,
        [at],
      );
      return { events: events.length, deliveries: deliveries.length };
    });
  }

  async attempts(eventId: string): Promise<DeliveryLogEntry[]> {
    const rows = await sql<DeliveryLogColumns>(
      this.pool as unknown as Db,
      `${DELIVERY_LOG_SELECT} WHERE d.event_id = $1 ${DELIVERY_LOG_ORDER}`,
      [eventId],
    );
    return rows.map(deliveryLogEntry);
  }

  async counts(): Promise<Record<DeliveryState, number>> {
    return deliveryCounts(
      await sql<{ state: DeliveryState; n: number }>(
        this.pool as unknown as Db,
        DELIVERY_COUNTS_SQL,
      ),
    );
  }
}
