import { Task, TaskStatus } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';

/** How long typing pauses before a request goes out. */
export const TYPING_PAUSE_MS = 300;

/**
 * Resolves after `ms`, or rejects as soon as `signal` aborts: the task's own signal aborts it
 * when the next keystroke starts a newer run, which is all the debounce there is.
 */
export function typingPause(signal: AbortSignal, ms = TYPING_PAUSE_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

export interface SimilarOptions<T> {
  /** The text typed so far (e.g. the title field's draft), read on every host update. */
  text: () => string;
  /** Finds items like `text`; pass `signal` on, so a newer keystroke cancels the request. */
  find: (text: string, signal: AbortSignal) => Promise<T[]>;
  /** Texts shorter than this (in characters) are too vague: nothing is looked up. */
  minLength: number;
  /** Counts characters as the contract does (e.g. user-text `textLength`). */
  length?: (text: string) => number;
}

/**
 * Similar-while-typing on `@lit/task`: the task's args are the trimmed text, so each change
 * starts a new run and aborts the one before (its signal cancels both the typing pause and the
 * request); only the newest run's answer is ever shown. Suggestions are a help, not a step: a
 * failure shows none. Render `items()` (the newest answer for the current text).
 */
export class SimilarTask<T> {
  readonly task: Task<[string], { text: string; items: T[] }>;
  readonly #options: SimilarOptions<T>;

  constructor(host: ReactiveControllerHost, options: SimilarOptions<T>) {
    this.#options = options;
    const length = options.length ?? ((text: string) => [...text].length);
    this.task = new Task(host, {
      args: () => [options.text().trim()] as [string],
      task: async ([text], { signal }) => {
        if (length(text) < options.minLength) return { text, items: [] };
        await typingPause(signal);
        return { text, items: await options.find(text, signal) };
      },
    });
  }

  /** The suggestions for the text as it is now; none while a newer lookup runs or failed. */
  items(): readonly T[] {
    // A run for older text keeps its `value` until a newer run completes: show it only while
    // it answers what is typed now.
    const value = this.task.value;
    return value && value.text === this.#options.text().trim() ? value.items : [];
  }
}

/**
 * A value that follows what is typed after a typing pause (e.g. a search box's text becoming
 * the applied query), on `@lit/task`: each keystroke aborts the pending pause.
 */
export class TypedValue {
  readonly #task: Task<[string], string>;

  constructor(host: ReactiveControllerHost, text: () => string, apply: (value: string) => void) {
    this.#task = new Task(host, {
      args: () => [text().trim()] as [string],
      task: async ([value], { signal }) => {
        await typingPause(signal);
        return value;
      },
      onComplete: apply,
    });
  }

  /** Whether the typed value is still waiting for its pause. */
  get pending(): boolean {
    return this.#task.status === TaskStatus.PENDING;
  }
}
