import type { CommunityEventRow } from '../domain/events.js';

/**
 * Where the webhook worker keeps its state, beside the event log it reads (ADR 014): each
 * endpoint's cursor in the log, one delivery per endpoint and event, and every attempt.
 * Implemented by the SQLite store (one instance) and the Postgres store (several instances,
 * which lease deliveries to each other with `FOR UPDATE SKIP LOCKED`).
 */
export interface DeliveryStore {
  /**
   * For each endpoint, reads up to `limit` events after its cursor, creates a pending delivery
   * (due at `now`) for each event it `wants`, and moves its cursor past every event read, in
   * the same transaction: a crash leaves either both or neither. An endpoint seen for the first
   * time starts after the newest event, so adding one does not replay the community's past.
   * Returns the deliveries created.
   */
  enqueue(endpoints: EndpointFilter[], limit: number, now: Date): Promise<number>;
  /**
   * Leases up to `limit` pending deliveries that are due, of the given endpoints, to `owner`
   * until `leaseUntil` (their new due time): until then no other worker gets them, and if this
   * one dies they become due again.
   */
  claim(query: {
    endpoints: string[];
    now: Date;
    limit: number;
    leaseUntil: Date;
    owner: string;
  }): Promise<DueDelivery[]>;
  /**
   * Records one attempt and the delivery's next state. A failed attempt only reschedules a
   * delivery `owner` still leases (another worker may hold it since the lease ran out); a
   * successful one always marks it delivered.
   */
  settle(attempt: AttemptRecord, next: NextState, owner: string): Promise<void>;
  /** Gives back a leased delivery without an attempt (the worker is stopping). */
  release(deliveryId: number, owner: string, now: Date): Promise<void>;
  /**
   * Retention: deletes delivered deliveries (and their attempts) settled before `before`, and
   * the events older than that which every endpoint's cursor has passed and whose deliveries
   * all succeeded.
   */
  prune(before: Date): Promise<{ events: number; deliveries: number }>;
  /** The delivery log of one event, attempts in order: for operators and tests. */
  attempts(eventId: string): Promise<DeliveryLogEntry[]>;
  /** Deliveries by state. */
  counts(): Promise<Record<DeliveryState, number>>;
}

export type DeliveryState = 'pending' | 'delivered' | 'failed';

export interface EndpointFilter {
  id: string;
  wants(type: string): boolean;
}

export interface DueDelivery {
  deliveryId: number;
  endpointId: string;
  /** Attempts made before this one. */
  attempts: number;
  event: CommunityEventRow;
}

export interface AttemptRecord {
  deliveryId: number;
  at: Date;
  outcome: 'delivered' | 'failed';
  /** The receiver's HTTP status; null when none came (refused, timed out). */
  responseCode: number | null;
  /** Why it failed, as a sentence; null when delivered. */
  error: string | null;
  durationMs: number;
}

export type NextState =
  { state: 'delivered' } | { state: 'pending'; dueAt: Date } | { state: 'failed' };

export interface DeliveryLogEntry {
  endpointId: string;
  eventId: string;
  state: DeliveryState;
  attempt: number;
  at: Date;
  outcome: 'delivered' | 'failed';
  responseCode: number | null;
  error: string | null;
  durationMs: number;
}
