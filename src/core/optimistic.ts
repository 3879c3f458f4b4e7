import { CwError, toCwError } from './errors.js';

/** One optimistic write: what it shows at once, how it is sent, and what it shows after. */
export interface OptimisticWrite<T> {
  /** Shows the expected outcome at once. */
  predict(): void;
  /** Sends the write. Not called when a newer write on the same key came meanwhile. */
  send(): Promise<T>;
  /**
   * Records what the backend confirmed. `latest` is false when a newer write on the same
   * key is already showing its own prediction: record the result, do not show it.
   */
  confirm(result: T, latest: boolean): void;
  /** Shows the last confirmed state again; called only when the newest write failed. */
  rollBack(error: CwError): void;
}

interface KeyState {
  /** Bumped by every write and every outside confirmation, so only the newest outcome shows. */
  version: number;
  /** Writes to one key go out one after another, in the order the visitor made them. */
  writes: Promise<unknown>;
}

/**
 * The one optimistic-write mechanism of the core (ADR 004): every vote, helpful vote, idea
 * vote and rating goes through it. Per key (a subject, a post), writes are ordered; a write
 * superseded by a newer one before its turn is never sent (it would only flicker); a failure
 * rolls back to the last confirmed state unless a newer write decides what shows.
 */
export class OptimisticWrites {
  readonly #keys = new Map<string, KeyState>();

  /**
   * Runs `write` for `key`. Resolves once the backend confirmed it (or once it was superseded);
   * rejects with a `CwError` when the backend refused the newest write.
   */
  run<T>(key: string, write: OptimisticWrite<T>): Promise<void> {
    const state = this.#state(key);
    const version = ++state.version;
    write.predict();
    const sent = state.writes.then(async () => {
      if (version !== state.version) return;
      try {
        const result = await write.send();
        write.confirm(result, version === state.version);
      } catch (error) {
        // A newer write is on its way and decides what shows; this failure is moot.
        if (version !== state.version) return;
        const reason = toCwError(error);
        write.rollBack(reason);
        throw reason;
      }
    });
    state.writes = sent.catch(() => undefined);
    return sent;
  }

  /**
   * The key's current version: a read started at version v may show its result only while
   * `version(key)` is still v, since any write made meanwhile knows better.
   */
  version(key: string): number {
    return this.#keys.get(key)?.version ?? 0;
  }

  /** A state confirmed elsewhere arrived for `key`: writes still in flight yield to it. */
  supersede(key: string): void {
    this.#state(key).version += 1;
  }

  #state(key: string): KeyState {
    let state = this.#keys.get(key);
    if (!state) this.#keys.set(key, (state = { version: 0, writes: Promise.resolve() }));
    return state;
  }
}
