import { DomainError } from './errors.js';
import type { EventLogReader } from './events.js';
import { requireIdentity } from './ratings.js';
import type { Identity } from './types.js';
import { eventEnvelope, type EventEnvelope } from './webhook-rules.js';

export const DEFAULT_EXPORT_LIMIT = 1000;
export const MAX_EXPORT_LIMIT = 10_000;
/** Events read from the store at a time while the export streams. */
const PAGE = 500;

/** The last line of an export: where the next one starts. */
export interface ExportEnd {
  nextCursor: string;
  /** Whether events after `nextCursor` were already there when this export ended. */
  more: boolean;
}

/**
 * `GET /events/export`: the community's event log for a warehouse, oldest first, in pages
 * read as the answer streams so an export of 10,000 events never holds them all. The cursor
 * is the log's `seq`, which the store only lets a reader pass once every earlier transaction
 * has settled (ADR 014), so resuming from it never skips an event.
 */
export class EventExport {
  constructor(private readonly events: EventLogReader) {}

  /**
   * Checks the viewer and the query before anything is sent (a refusal is a problem answer,
   * not a broken stream), then yields each event's envelope and, last, the cursor line.
   */
  open(
    viewer: Identity | null,
    query: { since?: unknown; limit?: unknown },
  ): AsyncIterable<EventEnvelope | ExportEnd> {
    const actor = requireIdentity(viewer, 'Sign in to export the community events.');
    if (!actor.roles.some((role) => role === 'moderator' || role === 'analyst')) {
      throw new DomainError('forbidden', 'Only moderators and analysts can export the events.');
    }
    const since = parseSince(query.since);
    const limit = parseLimit(query.limit);
    return this.stream(since, limit);
  }

  private async *stream(since: number, limit: number): AsyncGenerator<EventEnvelope | ExportEnd> {
    let cursor = since;
    let sent = 0;
    while (sent < limit) {
      const want = Math.min(PAGE, limit - sent);
      const page = await this.events.after({ after: cursor, limit: want });
      for (const event of page) yield eventEnvelope(event);
      sent += page.length;
      if (page.length > 0) cursor = page.at(-1)!.seq;
      if (page.length < want) {
        yield { nextCursor: String(cursor), more: false };
        return;
      }
    }
    const more = (await this.events.after({ after: cursor, limit: 1 })).length > 0;
    yield { nextCursor: String(cursor), more };
  }
}

function parseSince(value: unknown): number {
  if (value === undefined || value === '') return 0;
  if (typeof value === 'string' && /^[0-9]{1,15}$/.test(value)) return Number(value);
  throw DomainError.invalid([
    { pointer: '#since', detail: 'since must be the nextCursor of a previous export.' },
  ]);
}

function parseLimit(value: unknown): number {
  if (value === undefined || value === '') return DEFAULT_EXPORT_LIMIT;
  const limit = typeof value === 'string' && /^[0-9]{1,5}$/.test(value) ? Number(value) : NaN;
  if (limit >= 1 && limit <= MAX_EXPORT_LIMIT) return limit;
  throw DomainError.invalid([
    { pointer: '#limit', detail: `limit must be a whole number from 1 to ${MAX_EXPORT_LIMIT}.` },
  ]);
}
