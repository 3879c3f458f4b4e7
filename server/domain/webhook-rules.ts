import type { CommunityEventRow, CommunityEventType } from './events.js';

/**
 * The host's webhooks, as pure rules: which endpoint wants which event, what a delivery
 * carries, and when a failed one is tried again. The worker that sends them over HTTP lives in
 * server/webhooks/; the event log (ADR 014) is the outbox it reads.
 */

/** One endpoint of the site configuration (`webhooks` in server/config.ts). */
export interface WebhookEndpoint {
  /** Stable name: the delivery cursor and the delivery log are kept under it. */
  id: string;
  url: string;
  /** `whsec_` + base64 of the key bytes, as Standard Webhooks writes it. */
  secret: string;
  /** Event types (`answer.posted`), families (`idea.*`), or `*` for every event. */
  events: string[];
}

/** How the worker retries; `webhookDelivery` in server/config.ts. */
export interface DeliveryPolicy {
  /** Attempts per delivery before it is given up (kept in the log as `failed`). */
  maxAttempts: number;
  /** Wait before the 2nd attempt; each later wait doubles, up to `backoffCapMs`. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** One attempt is abandoned (and counted as failed) after this long. */
  timeoutMs: number;
  /** Delivered events, their deliveries and attempts older than this many days are pruned; null keeps all. */
  retentionDays: number | null;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  maxAttempts: 12,
  backoffBaseMs: 5_000,
  backoffCapMs: 60 * 60_000,
  timeoutMs: 10_000,
  retentionDays: null,
};

/**
 * Every event type, as a record so the compiler refuses a catalogue that forgets one:
 * configuration checks patterns against it.
 */
const CATALOGUE: Record<CommunityEventType, true> = {
  'rating.set': true,
  'review.posted': true,
  'review.edited': true,
  'review.deleted': true,
  'review.voted': true,
  'question.asked': true,
  'question.edited': true,
  'question.deleted': true,
  'question.voted': true,
  'answer.posted': true,
  'answer.edited': true,
  'answer.deleted': true,
  'answer.voted': true,
  'answer.accepted': true,
  'idea.submitted': true,
  'idea.voted': true,
  'idea.status-changed': true,
  'idea.merged': true,
  'idea.commented': true,
  'expert.endorsed': true,
  'expert.invited': true,
  'post.reported': true,
  'moderation.decided': true,
  'person.suspended': true,
  'person.unsuspended': true,
};

export const EVENT_TYPES = Object.keys(CATALOGUE) as CommunityEventType[];

/** The families a pattern may name (`idea.*`): each type's prefix before the dot. */
export const EVENT_FAMILIES = [...new Set(EVENT_TYPES.map((type) => type.split('.')[0]!))];

/** Why a pattern names no event (null: it names at least one). */
export function eventPatternProblem(pattern: string): string | null {
  if (pattern === '*') return null;
  const family = /^([a-z]+)\.\*$/.exec(pattern)?.[1];
  if (family !== undefined) {
    return EVENT_FAMILIES.includes(family)
      ? null
      : `"${pattern}" names no family of events (families: ${EVENT_FAMILIES.join(', ')}).`;
  }
  return (EVENT_TYPES as readonly string[]).includes(pattern)
    ? null
    : `"${pattern}" is not an event type (see docs/webhooks.md for the catalogue).`;
}

export function wantsEvent(endpoint: Pick<WebhookEndpoint, 'events'>, type: string): boolean {
  return endpoint.events.some(
    (pattern) =>
      pattern === '*' ||
      pattern === type ||
      (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))),
  );
}

/**
 * The wait before attempt `attempt + 1`, after `attempt` failed ones: exponential from
 * `backoffBaseMs`, capped, with "full jitter" (a uniform draw up to that bound) so endpoints
 * that failed together — a receiver back from an outage — are not retried in step.
 * Never below a tenth of the bound, so a retry is never immediate.
 */
export function retryDelayMs(
  attempt: number,
  policy: Pick<DeliveryPolicy, 'backoffBaseMs' | 'backoffCapMs'>,
  random: () => number = Math.random,
): number {
  const bound = Math.min(policy.backoffCapMs, policy.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(bound * (0.1 + 0.9 * random()));
}

/** What every receiver gets for one event: the webhook body and the export's line alike. */
export interface EventEnvelope {
  id: string;
  type: CommunityEventType;
  /** ISO 8601, when the change committed. */
  occurredAt: string;
  /** Who caused it; null when the community itself did (an automatic hold or hide). */
  actor: { id: string } | null;
  /** `subject:<id>` or `board:<id>`; null for a change about a person. */
  place: string | null;
  data: CommunityEventRow['data'];
}

export function eventEnvelope(event: CommunityEventRow): EventEnvelope {
  return {
    id: event.id,
    type: event.type,
    occurredAt: event.at.toISOString(),
    actor: event.actorId === null ? null : { id: event.actorId },
    place: event.place,
    data: event.data,
  };
}
