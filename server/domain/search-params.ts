import { DomainError } from './errors.js';
import { DEFAULT_SIMILAR_QUESTIONS, MAX_QUERY_LENGTH, MAX_SIMILAR_QUESTIONS } from './qa-rules.js';

/**
 * The `q` and `limit` parameters of every search and similarity route (questions, ideas),
 * checked one way so both answer the same 422s.
 */

/** Search text: optional when `minLength` is 0 (answers ''), at most `MAX_QUERY_LENGTH` characters. */
export function parseSearchText(q: unknown, minLength: number, pointer = '#q'): string {
  if (q === undefined && minLength === 0) return '';
  if (typeof q !== 'string' || q.length < minLength) {
    throw DomainError.invalid([{ pointer, detail: 'Type something to search for.' }]);
  }
  if (Array.from(q).length > MAX_QUERY_LENGTH) {
    throw DomainError.invalid([
      { pointer, detail: `A search may have at most ${MAX_QUERY_LENGTH} characters.` },
    ]);
  }
  return q;
}

/** How many similar items to answer; `noun` names them in the error ("questions", "ideas"). */
export function parseSimilarLimit(limit: unknown, noun: string): number {
  if (limit === undefined) return DEFAULT_SIMILAR_QUESTIONS;
  const value = typeof limit === 'string' && /^[0-9]{1,2}$/.test(limit) ? Number(limit) : NaN;
  if (!(value >= 1 && value <= MAX_SIMILAR_QUESTIONS)) {
    throw DomainError.invalid([
      { pointer: '#limit', detail: `Ask for 1 to ${MAX_SIMILAR_QUESTIONS} ${noun}.` },
    ]);
  }
  return value;
}
