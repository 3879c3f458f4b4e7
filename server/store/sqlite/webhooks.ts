import type Database from 'better-sqlite3';
import type {
  DeliveryLogEntry,
  DeliveryState,
  DeliveryStore,
  DueDelivery,
  EndpointFilter,
  AttemptRecord,
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
import type { Migration } from './columns.js';

/**
 * Migration 15: the webhook worker's state (server/webhooks/). A delivery's `due_at` is also
 * its lease: claiming moves it past the attempt's timeout, so a worker that dies mid-attempt
 * leaves the delivery due again once the lease runs out.
 */
export const webhooksMigration: Migration = {
  version: 15,
  name: 'webhook cursors, deliveries and attempts',
  sql: `CREATE TABLE webhook_cursors (
    endpoint_id TEXT PRIMARY KEY,
    after_seq INTEGER NOT NULL
  );
  CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    endpoint_id TEXT NOT NULL,
    event_seq INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    due_at INTEGER NOT NULL,
    lease_owner TEXT,
    created_at INTEGER NOT NULL,
    settled_at INTEGER,
    UNIQUE (endpoint_id, event_id)
  );
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries (due_at) WHERE state = 'pending';
  CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (event_seq);
  CREATE INDEX webhook_deliveries_settled ON webhook_deliveries (settled_at) WHERE state = 'delivered';
  CREATE TABLE webhook_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    at INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    response_code INTEGER,
    error TEXT,
    duration_ms INTEGER NOT NULL
  );
  CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (delivery_id, attempt);`,
};

/** Runs synchronous statements as one write transaction, in the store's queue. */
type Transact = <T>(work: () => T) => Promise<T>;

/** SQLite serves one instance: the write queue already keeps two claims apart. */
export class SqliteDeliveries implements DeliveryStore {
  private readonly statements;

  constructor(
    writer: Database.Database,
    reader: Database.Database,
    private readonly transact: Transact,
  ) {
    this.statements = {
      cursor: writer.prepare<[string], { after_seq: number }>(
        'SELECT after_seq FROM webhook_cursors WHERE endpoint_id = ?',
      ),
      startCursor: writer.prepare<[string]>(
        `INSERT INTO webhook_cursors (endpoint_id, after_seq)
         VALUES (?, (SELECT coalesce(max(seq), 0) FROM community_events))`,
      ),
      moveCursor: writer.prepare<[number, string]>(
        'UPDATE webhook_cursors SET after_seq = ? WHERE endpoint_id = ?',
      ),
      events: writer.prepare<[number, number], EventColumns>(
        'SELECT seq, id, type, at, actor_id, place, data FROM community_events WHERE seq > ? ORDER BY seq LIMIT ?',
      ),
      insert: writer.prepare<[string, number, string, number, number]>(
        `INSERT OR IGNORE INTO webhook_deliveries (endpoint_id, event_seq, event_id, state, due_at, created_at)
         VALUES (?, ?, ?, 'pending', ?, ?)`,
      ),
      due: writer.prepare<
        [number, string, number],
        EventColumns & { delivery_id: number; endpoint_id: string; attempts: number }
      >(
        `SELECT d.id AS delivery_id, d.endpoint_id, d.attempts,
                e.seq, e.id, e.type, e.at, e.actor_id, e.place, e.data
         FROM webhook_deliveries d JOIN community_events e ON e.seq = d.event_seq
         WHERE d.state = 'pending' AND d.due_at <= ?
           AND d.endpoint_id IN (SELECT value FROM json_each(?))
         ORDER BY d.due_at LIMIT ?`,
      ),
      lease: writer.prepare<[number, string, number]>(
        'UPDATE webhook_deliveries SET due_at = ?, lease_owner = ? WHERE id = ?',
      ),
      delivery: writer.prepare<
        [number],
        { attempts: number; state: string; lease_owner: string | null }
      >('SELECT attempts, state, lease_owner FROM webhook_deliveries WHERE id = ?'),
      settle: writer.prepare<[string, number, number | null, number, number]>(
        `UPDATE webhook_deliveries SET state = ?, due_at = ?, settled_at = ?, attempts = ?, lease_owner = NULL
         WHERE id = ?`,
      ),
      count: writer.prepare<[number, number]>(
        'UPDATE webhook_deliveries SET attempts = ? WHERE id = ?',
      ),
      attempt: writer.prepare<unknown[]>(
        `INSERT INTO webhook_attempts (${ATTEMPT_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      release: writer.prepare<[number, number, string]>(
        `UPDATE webhook_deliveries SET due_at = ?, lease_owner = NULL
         WHERE id = ? AND lease_owner = ? AND state = 'pending'`,
      ),
      pruneAttempts: writer.prepare<[number]>(
        `DELETE FROM webhook_attempts WHERE delivery_id IN (
           SELECT id FROM webhook_deliveries WHERE state = 'delivered' AND settled_at < ?)`,
      ),
      pruneDeliveries: writer.prepare<[number]>(
        "DELETE FROM webhook_deliveries WHERE state = 'delivered' AND settled_at < ?",
      ),
      pruneEvents: writer.prepare<[number]>(
        `DELETE FROM community_events
         WHERE at < ? AND seq <= (SELECT min(after_seq) FROM webhook_cursors)
           AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
                           WHERE d.event_seq = community_events.seq AND d.state <> 'delivered')`,
      ),
      log: reader.prepare<[string], DeliveryLogColumns>(
        `${DELIVERY_LOG_SELECT} WHERE d.event_id = ? ${DELIVERY_LOG_ORDER}`,
      ),
      counts: reader.prepare<[], { state: DeliveryState; n: number }>(DELIVERY_COUNTS_SQL),
    };
  }

  enqueue(endpoints: EndpointFilter[], limit: number, now: Date): Promise<number> {
    const s = this.statements;
    return this.transact(() => {
      let created = 0;
      for (const endpoint of endpoints) {
        let cursor = s.cursor.get(endpoint.id)?.after_seq;
        if (cursor === undefined) {
          s.startCursor.run(endpoint.id);
          cursor = s.cursor.get(endpoint.id)!.after_seq;
        }
        const events = s.events.all(cursor, limit);
        if (events.length === 0) continue;
        for (const event of events) {
          if (!endpoint.wants(event.type)) continue;
          created += s.insert.run(
            endpoint.id,
            event.seq,
            event.id,
            now.getTime(),
            now.getTime(),
          ).changes;
        }
        s.moveCursor.run(events.at(-1)!.seq, endpoint.id);
      }
      return created;
    });
  }

  claim({
    endpoints,
    now,
    limit,
    leaseUntil,
    owner,
  }: Parameters<DeliveryStore['claim']>[0]): Promise<DueDelivery[]> {
    const s = this.statements;
    return this.transact(() =>
      s.due.all(now.getTime(), JSON.stringify(endpoints), limit).map((row) => {
        s.lease.run(leaseUntil.getTime(), owner, row.delivery_id);
        return {
          deliveryId: row.delivery_id,
          endpointId: row.endpoint_id,
          attempts: row.attempts,
          event: eventFromColumns(row),
        };
      }),
    );
  }

  settle(attempt: AttemptRecord, next: NextState, owner: string): Promise<void> {
    const s = this.statements;
    return this.transact(() => {
      const row = s.delivery.get(attempt.deliveryId);
      if (!row) return;
      const number = row.attempts + 1;
      s.attempt.run(...attemptValues(attempt, number));
      const ours = row.state === 'pending' && row.lease_owner === owner;
      if (next.state === 'delivered' && row.state !== 'delivered') {
        s.settle.run('delivered', 0, attempt.at.getTime(), number, attempt.deliveryId);
      } else if (ours && next.state === 'failed') {
        s.settle.run('failed', 0, attempt.at.getTime(), number, attempt.deliveryId);
      } else if (ours && next.state === 'pending') {
        s.settle.run('pending', next.dueAt.getTime(), null, number, attempt.deliveryId);
      } else {
        s.count.run(number, attempt.deliveryId);
      }
    });
  }

  async release(deliveryId: number, owner: string, now: Date): Promise<void> {
    await this.transact(() => this.statements.release.run(now.getTime(), deliveryId, owner));
  }

  prune(before: Date): Promise<{ events: number; deliveries: number }> {
    const s = this.statements;
    return this.transact(() => {
      const at = before.getTime();
      s.pruneAttempts.run(at);
      const deliveries = s.pruneDeliveries.run(at).changes;
      const events = s.pruneEvents.run(at).changes;
      return { events, deliveries };
    });
  }

  async attempts(eventId: string): Promise<DeliveryLogEntry[]> {
    return this.statements.log.all(eventId).map(deliveryLogEntry);
  }

  async counts(): Promise<Record<DeliveryState, number>> {
    return deliveryCounts(this.statements.counts.all());
  }
}
