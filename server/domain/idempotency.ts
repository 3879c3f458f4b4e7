import { IDEMPOTENCY_KEY_PATTERN } from '../../api/limits.js';
import { DomainError } from './errors.js';
import type { Store, StoreWriter } from './store.js';
import type { Identity } from './types.js';

/**
 * `Idempotency-Key` for every request that creates something, shared by every widget's
 * creating operation (questions, answers, reviews, ideas, comments):
 *
 * - the first request with a key runs and its response is kept with the key;
 * - a retry with the same key and the same request returns that first response and creates
 *   nothing;
 * - the same key with a different request (or for another operation) is refused (422), since
 *   answering it with the first response would silently drop what the client meant;
 * - keys belong to one viewer and are kept for `IDEMPOTENCY_KEY_TTL_MS`.
 *
 * The lookup, the work and the recording run in ONE `Store.write` transaction, and
 * transactions never interleave, so concurrent duplicates create exactly one thing.
 */

/** How long a key is remembered; a retry after that creates again. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
export { IDEMPOTENCY_KEY_PATTERN };
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** The pointer 422 issues use for the header. */
export const IDEMPOTENCY_KEY_POINTER = '#Idempotency-Key';

/** Idempotency keys; `StoreWriter.idempotency` (only used inside write transactions). */
export interface IdempotencyStore {
  /** The record of an `Idempotency-Key`, expired or not. */
  get(userId: string, key: string): Promise<IdempotencyRecord | undefined>;
  save(record: IdempotencyRecord): Promise<void>;
  /** Forgets keys created before `before`. */
  prune(before: Date): Promise<void>;
}

/** What the store keeps per (viewer, key). */
export interface IdempotencyRecord {
  userId: string;
  key: string;
  /** The operationId the key was first used for. */
  operation: string;
  /** Canonical JSON of the request's parameters and body; see `requestFingerprint`. */
  fingerprint: string;
  /** The JSON response the first request produced. */
  response: string;
  createdAt: Date;
}

/** What a creating operation passes along with its work. */
export interface IdempotentRequest {
  /** The `Idempotency-Key` header; without one the work simply runs. */
  key: string | undefined;
  /** The operationId, so one key cannot be replayed against another operation. */
  operation: string;
  /** Everything that makes the request what it is: path parameters and body. */
  request: unknown;
}

/**
 * A stable text for any JSON value: object keys sorted, so `{"a":1,"b":2}` and
 * `{"b":2,"a":1}` are the same request.
 */
export function requestFingerprint(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export function assertIdempotencyKey(key: unknown): asserts key is string | undefined {
  if (key === undefined) return;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw DomainError.invalid([
      {
        pointer: IDEMPOTENCY_KEY_POINTER,
        detail:
          'An Idempotency-Key has 8 to 128 characters: letters, digits and . _ : - (a UUID fits).',
      },
    ]);
  }
}

/** Runs creating work at most once per (viewer, key); see the module comment. */
export class Idempotency {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  /**
   * Runs `work` in a write transaction unless `author` already sent `key`: then returns the
   * first response (a JSON copy) without running it. `work`'s result must be JSON.
   */
  async write<T>(
    author: Identity,
    { key, operation, request }: IdempotentRequest,
    work: (tx: StoreWriter) => Promise<T>,
  ): Promise<T> {
    assertIdempotencyKey(key);
    if (key === undefined) return this.store.write(work);
    const fingerprint = requestFingerprint(request);
    return this.store.write(async (tx) => {
      const now = this.now();
      const earliest = new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS);
      await tx.idempotency.prune(earliest);
      const seen = await tx.idempotency.get(author.id, key);
      if (seen && seen.createdAt >= earliest) {
        if (seen.operation !== operation || seen.fingerprint !== fingerprint) {
          throw DomainError.invalid([
            {
              pointer: IDEMPOTENCY_KEY_POINTER,
              detail:
                'This Idempotency-Key was already used for a different request. Use a new key for new content.',
            },
          ]);
        }
        return JSON.parse(seen.response) as T;
      }
      const result = await work(tx);
      await tx.idempotency.save({
        userId: author.id,
        key,
        operation,
        fingerprint,
        response: JSON.stringify(result),
        createdAt: now,
      });
      return result;
    });
  }
}
