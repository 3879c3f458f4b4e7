import type { CommunityEventRow, CommunityEventType } from '../../domain/events.js';

/** An event as both SQL stores keep it: `at` in epoch ms, `data` as JSON. */
export interface EventColumns {
  seq: number;
  id: string;
  type: string;
  at: number;
  actor_id: string | null;
  place: string | null;
  data: unknown;
}

export function eventFromColumns(row: EventColumns): CommunityEventRow {
  return {
    seq: Number(row.seq),
    id: row.id,
    type: row.type as CommunityEventType,
    at: new Date(Number(row.at)),
    actorId: row.actor_id,
    place: row.place,
    data: (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as never,
  };
}

export function eventToValues(row: Omit<CommunityEventRow, 'seq'>): unknown[] {
  return [row.id, row.type, row.at.getTime(), row.actorId, row.place, JSON.stringify(row.data)];
}
