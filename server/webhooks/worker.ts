import { randomUUID } from 'node:crypto';
import {
  eventEnvelope,
  retryDelayMs,
  wantsEvent,
  type DeliveryPolicy,
  type WebhookEndpoint,
} from '../domain/webhook-rules.js';
import type { DeliveryStore, DueDelivery, NextState } from './delivery-store.js';
import { signedHeaders } from './signature.js';

/** One attempt's outcome, as the worker tells its listener (logs, the demo's console). */
export interface DeliveryReport {
  endpointId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  outcome: 'delivered' | 'failed';
  responseCode: number | null;
  error: string | null;
  durationMs: number;
  /** Milliseconds from the event's commit to this attempt's end. */
  sinceEventMs: number;
  /** What happens next: nothing (delivered), another attempt at a time, or nothing more (gave up). */
  next: NextState;
}

export interface WorkerOptions {
  store: DeliveryStore;
  endpoints: WebhookEndpoint[];
  policy: DeliveryPolicy;
  /** How often the log is read when nothing nudges the worker (other instances' writes). */
  pollMs?: number;
  /** Attempts in flight at once. */
  concurrency?: number;
  onAttempt?: (report: DeliveryReport) => void;
  onError?: (error: unknown) => void;
  now?: () => Date;
  random?: () => number;
}

/** Events read from the log per endpoint per round. */
const ENQUEUE_BATCH = 500;
/** How long a stopping worker lets attempts in flight finish before it abandons them. */
const STOP_GRACE_MS = 3_000;
/** Added to the attempt's timeout to make the lease: the attempt always ends inside it. */
const LEASE_MARGIN_MS = 5_000;
const RETENTION_EVERY_MS = 60 * 60_000;

/**
 * Sends the community's events to the host's endpoints, at least once each: reads the event
 * log after each endpoint's cursor into deliveries (server/webhooks/delivery-store.ts), leases
 * the due ones, POSTs each signed, and records every attempt. A failed attempt is tried again
 * after an exponential, jittered wait until `maxAttempts`. The log is the outbox, so a crash
 * loses nothing: undelivered work is in the store, and a lease that dies with its worker
 * runs out.
 */
export class WebhookWorker {
  /** Names this worker's leases; several instances share a Postgres store. */
  readonly owner = randomUUID();
  private readonly endpoints: Map<string, WebhookEndpoint>;
  private readonly inFlight = new Map<number, { done: Promise<void>; abort: AbortController }>();
  private readonly options: Required<Omit<WorkerOptions, 'onAttempt'>> &
    Pick<WorkerOptions, 'onAttempt'>;
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private nudged = false;
  private timer: NodeJS.Timeout | undefined;
  /** Retries this worker scheduled: it wakes for each instead of waiting for a poll. */
  private retries: number[] = [];
  private lastPrune = 0;

  constructor(options: WorkerOptions) {
    this.options = {
      pollMs: 1_000,
      concurrency: 32,
      onError: () => undefined,
      now: () => new Date(),
      random: Math.random,
      ...options,
    };
    this.endpoints = new Map(options.endpoints.map((endpoint) => [endpoint.id, endpoint]));
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Something was written: read the log now rather than at the next poll. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /**
   * Stops claiming, lets attempts in flight finish for a moment, then abandons the rest and
   * gives their leases back (they are sent again later, by this worker after a restart or by
   * another instance). Safe to call twice.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    const pending = [...this.inFlight.values()];
    if (pending.length === 0) return;
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(pending.map((attempt) => attempt.done)),
      new Promise((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS))),
    ]);
    clearTimeout(grace);
    for (const attempt of this.inFlight.values()) attempt.abort.abort();
    await Promise.all([...this.inFlight.values()].map((attempt) => attempt.done));
  }

  private async loop(): Promise<void> {
    const { store, concurrency, pollMs, now } = this.options;
    const endpointIds = [...this.endpoints.keys()];
    const filters = [...this.endpoints.values()].map((endpoint) => ({
      id: endpoint.id,
      wants: (type: string) => wantsEvent(endpoint, type),
    }));
    while (!this.stopping) {
      let busy = false;
      try {
        this.nudged = false;
        busy = (await store.enqueue(filters, ENQUEUE_BATCH, now())) > 0;
        const room = concurrency - this.inFlight.size;
        if (room > 0 && !this.stopping) {
          const at = now();
          this.retries = this.retries.filter((due) => due > at.getTime());
          const due = await store.claim({
            endpoints: endpointIds,
            now: at,
            limit: room,
            leaseUntil: new Date(at.getTime() + this.options.policy.timeoutMs + LEASE_MARGIN_MS),
            owner: this.owner,
          });
          for (const delivery of due) this.send(delivery);
          busy ||= due.length === room;
        }
        await this.pruneWhenDue();
      } catch (error) {
        // The store is unreachable for a moment: the work is still there next round.
        this.options.onError(error);
        busy = false;
      }
      if (busy || this.nudged) continue;
      const nextRetry = this.retries.length > 0 ? Math.min(...this.retries) : Infinity;
      await this.sleep(Math.max(0, Math.min(pollMs, nextRetry - now().getTime())));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        clearTimeout(this.timer);
        this.wake = undefined;
        resolve();
      };
      this.timer = setTimeout(this.wake, ms);
    });
  }

  private send(delivery: DueDelivery): void {
    const abort = new AbortController();
    const done = this.attempt(delivery, abort.signal)
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => {
        this.inFlight.delete(delivery.deliveryId);
        // A free slot: due deliveries may be waiting for it.
        this.wake?.();
      });
    this.inFlight.set(delivery.deliveryId, { done, abort });
  }

  private async attempt(delivery: DueDelivery, stopped: AbortSignal): Promise<void> {
    const { store, policy, now, random } = this.options;
    const endpoint = this.endpoints.get(delivery.endpointId)!;
    const body = JSON.stringify(eventEnvelope(delivery.event));
    const started = performance.now();
    let responseCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: signedHeaders(endpoint.secret, delivery.event.id, body, now()),
        body,
        redirect: 'manual',
        signal: AbortSignal.any([stopped, AbortSignal.timeout(policy.timeoutMs)]),
      });
      responseCode = response.status;
      // Read to the end, so the connection is reused, within the same timeout.
      await response.arrayBuffer();
      if (response.status < 200 || response.status > 299) {
        error = `The receiver answered ${response.status}; only 2xx counts as delivered.`;
      }
    } catch (failure) {
      if (stopped.aborted) {
        await store.release(delivery.deliveryId, this.owner, now());
        return;
      }
      error = describeFailure(failure, policy.timeoutMs);
    }
    const durationMs = performance.now() - started;
    const attempt = delivery.attempts + 1;
    const at = now();
    let next: NextState;
    if (error === null) next = { state: 'delivered' };
    else if (attempt >= policy.maxAttempts) next = { state: 'failed' };
    else {
      const dueAt = new Date(at.getTime() + retryDelayMs(attempt, policy, random));
      next = { state: 'pending', dueAt };
      this.retries.push(dueAt.getTime());
    }
    await store.settle(
      {
        deliveryId: delivery.deliveryId,
        at,
        outcome: error === null ? 'delivered' : 'failed',
        responseCode,
        error,
        durationMs,
      },
      next,
      this.owner,
    );
    this.options.onAttempt?.({
      endpointId: endpoint.id,
      eventId: delivery.event.id,
      eventType: delivery.event.type,
      attempt,
      outcome: error === null ? 'delivered' : 'failed',
      responseCode,
      error,
      durationMs,
      sinceEventMs: at.getTime() - delivery.event.at.getTime(),
      next,
    });
  }

  private async pruneWhenDue(): Promise<void> {
    const { retentionDays } = this.options.policy;
    const at = this.options.now().getTime();
    if (retentionDays === null || at - this.lastPrune < RETENTION_EVERY_MS) return;
    this.lastPrune = at;
    await this.options.store.prune(new Date(at - retentionDays * 24 * 60 * 60_000));
  }
}

/** A failed attempt's cause as the delivery log's sentence. */
function describeFailure(failure: unknown, timeoutMs: number): string {
  const error = failure as { name?: string; message?: string; cause?: { code?: string } };
  if (error.name === 'TimeoutError') return `No answer within ${timeoutMs} ms.`;
  const code = error.cause?.code;
  if (code === 'ECONNREFUSED') return 'The receiver refused the connection.';
  if (code === 'ENOTFOUND') return "The receiver's host name does not resolve.";
  return `The request failed: ${code ?? error.message ?? String(failure)}.`;
}
