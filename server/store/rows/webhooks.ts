import type {
  AttemptRecord,
  DeliveryLogEntry,
  DeliveryState,
} from '../../webhooks/delivery-store.js';

// The webhook worker's rows as both SQL stores read and write them (Postgres hands BIGINT
// times back as strings, SQLite as numbers).

/** One attempt of a delivery, joined to its delivery: the operators' log of an event. */
export interface DeliveryLogColumns {
  endpoint_id: string;
  event_id: string;
  state: DeliveryState;
  attempt: number;
  at: number | string;
  outcome: 'delivered' | 'failed';
  response_code: number | null;
  error: string | null;
  duration_ms: number;
}

/** The log's select and join; each store adds `WHERE d.event_id = <its placeholder>`. */
export const DELIVERY_LOG_SELECT = `SELECT d.endpoint_id, d.event_id, d.state, a.attempt, a.at,
    a.outcome, a.response_code, a.error, a.duration_ms
  FROM webhook_deliveries d JOIN webhook_attempts a ON a.delivery_id = d.id`;

export const DELIVERY_LOG_ORDER = 'ORDER BY d.endpoint_id, a.attempt, a.id';

export function deliveryLogEntry(row: DeliveryLogColumns): DeliveryLogEntry {
  return {
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    state: row.state,
    attempt: row.attempt,
    at: new Date(Number(row.at)),
    outcome: row.outcome,
    responseCode: row.response_code,
    error: row.error,
    durationMs: row.duration_ms,
  };
}

/** The columns an attempt's insert names, in the order of `attemptValues`. */
export const ATTEMPT_INSERT_COLUMNS =
  'delivery_id, attempt, at, outcome, response_code, error, duration_ms';

export function attemptValues(attempt: AttemptRecord, number: number): unknown[] {
  return [
    attempt.deliveryId,
    number,
    attempt.at.getTime(),
    attempt.outcome,
    attempt.responseCode,
    attempt.error,
    Math.round(attempt.durationMs),
  ];
}

/** Deliveries by state, from `SELECT state, count(*) AS n ... GROUP BY state`. */
export function deliveryCounts(
  rows: ReadonlyArray<{ state: DeliveryState; n: number | string }>,
): Record<DeliveryState, number> {
  const counts = { pending: 0, delivered: 0, failed: 0 };
  for (const row of rows) counts[row.state] = Number(row.n);
  return counts;
}

export const DELIVERY_COUNTS_SQL =
  'SELECT state, count(*) AS n FROM webhook_deliveries GROUP BY state';
