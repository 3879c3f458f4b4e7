import { DomainError } from './errors.js';

/**
 * Cursor pagination shared by every list: a page is `{ items, nextCursor }` and the client
 * passes `nextCursor` back to get the next page (null: the list is complete).
 *
 * Cursors are opaque to clients (base64url JSON) but carry which list order they belong to,
 * so a cursor from one sort or search is refused for another instead of skipping items.
 * Two kinds of position:
 * - `after`: the sort key of the last item shown (keyset), for orders that stay stable while
 *   people post (newest, votes): no item is shown twice or skipped when new ones arrive;
 * - `offset`: how many items were shown, for relevance-ranked search, whose scores the
 *   store computes and cannot seek to.
 */

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null when there is nothing more. */
  nextCursor: string | null;
}

/** Where a page starts, decoded. */
export type CursorPosition =
  { order: string; after: ReadonlyArray<string | number> } | { order: string; offset: number };

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;
const MAX_CURSOR_LENGTH = 512;

export function encodeCursor(position: CursorPosition): string {
  return toBase64Url(JSON.stringify(position));
}

/**
 * Reads `cursor` for a list in `order`; undefined (first page) when absent. Anything else
 * that does not decode to a position of that order is a 422 naming `#cursor`.
 */
export function decodeCursor(cursor: unknown, order: string): CursorPosition | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const refuse = (detail: string) => DomainError.invalid([{ pointer: '#cursor', detail }]);
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH) {
    throw refuse('This cursor is not one the server gave out.');
  }
  let position: unknown;
  try {
    position = JSON.parse(fromBase64Url(cursor));
  } catch {
    throw refuse('This cursor is not one the server gave out.');
  }
  if (!isPosition(position)) throw refuse('This cursor is not one the server gave out.');
  if (position.order !== order) {
    throw refuse('This cursor belongs to another order or search; start from the first page.');
  }
  return position;
}

function isPosition(value: unknown): value is CursorPosition {
  if (typeof value !== 'object' || value === null) return false;
  const { order, after, offset } = value as Record<string, unknown>;
  if (typeof order !== 'string') return false;
  if (Array.isArray(after)) {
    return after.every(
      (v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)),
    );
  }
  return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0;
}

/** The `limit` query parameter: a whole number from 1 to `MAX_PAGE_SIZE`, default 20. */
export function parsePageSize(limit: unknown, fallback = DEFAULT_PAGE_SIZE): number {
  if (limit === undefined || limit === '') return fallback;
  const value = typeof limit === 'string' && /^\d{1,3}$/.test(limit) ? Number(limit) : limit;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw DomainError.invalid([
      { pointer: '#limit', detail: `Ask for 1 to ${MAX_PAGE_SIZE} items per page.` },
    ]);
  }
  return value;
}

/**
 * Builds a page from `rows`, which the store fetched with `limit + 1` so one extra row tells
 * whether another page exists; `positionOf` gives the cursor after a row.
 */
export function pageOf<R, T>(
  rows: readonly R[],
  limit: number,
  toItem: (row: R) => T,
  positionOf: (row: R, index: number) => CursorPosition,
): Page<T> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown.map(toItem),
    nextCursor:
      rows.length > limit && last !== undefined
        ? encodeCursor(positionOf(last, shown.length - 1))
        : null,
  };
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(
    Uint8Array.from(binary, (char) => char.charCodeAt(0)),
  );
}
