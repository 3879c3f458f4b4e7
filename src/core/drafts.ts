import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { newIdempotencyKey } from './idempotency.js';

/**
 * Drafts: what a visitor typed into a form, kept in `localStorage` per (widget, subject,
 * form) until the post succeeds. A draft survives a failed post, a reload, a crash and a
 * sign-in redirect; every widget with a form (Q&A, reviews, ideas, comments) keeps its
 * text here.
 *
 * A draft also keeps the `Idempotency-Key` of its pending submission, so a retry (even
 * after a reload) reuses it and the server creates the post at most once. Editing the text
 * drops the key: changed text is a new submission.
 */

/** Where a draft belongs. */
export interface DraftAddress {
  /** The widget kind, e.g. `qa`. */
  widget: string;
  /** The subject, board or thread the form writes to. */
  subject: string;
  /** Which form of the widget, e.g. `ask` or `answer:<question id>`. */
  form: string;
}

export interface Draft {
  fields: Record<string, string>;
  /** The Idempotency-Key of the submission in flight or last failed; absent until submitted. */
  submissionKey?: string | undefined;
  /** Milliseconds since the epoch, for expiry. */
  savedAt: number;
}

const PREFIX = 'cw-draft:v1:';
/** Drafts older than this are forgotten when next read. */
export const DRAFT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Reads and writes drafts. When storage is unavailable or full (private browsing, quota),
 * drafts still live in memory for the page's life rather than being lost at once.
 */
export class DraftStorage {
  readonly #storage: Storage | undefined;
  readonly #fallback = new Map<string, string>();

  constructor(storage: Storage | undefined = defaultStorage()) {
    this.#storage = storage;
  }

  read(address: DraftAddress, now = Date.now()): Draft | undefined {
    const key = storageKey(address);
    let text: string | null | undefined;
    try {
      text = this.#storage?.getItem(key);
    } catch {
      text = undefined;
    }
    text ??= this.#fallback.get(key) ?? null;
    if (text === null) return undefined;
    const draft = parseDraft(text);
    if (!draft || now - draft.savedAt > DRAFT_MAX_AGE_MS) {
      this.remove(address);
      return undefined;
    }
    return draft;
  }

  write(address: DraftAddress, draft: Draft): void {
    const key = storageKey(address);
    const text = JSON.stringify(draft);
    try {
      if (!this.#storage) throw new Error('no storage');
      this.#storage.setItem(key, text);
      this.#fallback.delete(key);
    } catch {
      this.#fallback.set(key, text);
    }
  }

  remove(address: DraftAddress): void {
    const key = storageKey(address);
    this.#fallback.delete(key);
    try {
      this.#storage?.removeItem(key);
    } catch {
      // Nothing to remove from storage that does not work.
    }
  }
}

function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Reading `localStorage` throws where storage is blocked (sandboxed frames, settings).
    return undefined;
  }
}

function storageKey({ widget, subject, form }: DraftAddress): string {
  return PREFIX + [widget, subject, form].map(encodeURIComponent).join(':');
}

function parseDraft(text: string): Draft | undefined {
  try {
    const value = JSON.parse(text) as Partial<Draft>;
    if (typeof value !== 'object' || value === null || typeof value.savedAt !== 'number') {
      return undefined;
    }
    const fields = Object.fromEntries(
      Object.entries(value.fields ?? {}).filter(([, v]) => typeof v === 'string'),
    ) as Record<string, string>;
    return {
      fields,
      submissionKey: typeof value.submissionKey === 'string' ? value.submissionKey : undefined,
      savedAt: value.savedAt,
    };
  } catch {
    return undefined;
  }
}

/** One storage for the page, so every form reads what another just wrote. */
let sharedStorage: DraftStorage | undefined;
export function draftStorage(): DraftStorage {
  return (sharedStorage ??= new DraftStorage());
}

/**
 * A form's draft for a Lit element: `value(field)` to render, `set(field, text)` on every
 * input, `submissionKey()` when sending, `clear()` after success. Follows the address
 * (e.g. a changed `subject`) on every update.
 */
export class DraftController implements ReactiveController {
  #draft: Draft = { fields: {}, savedAt: 0 };
  #loadedFor: string | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #address: () => DraftAddress | undefined;
  readonly #storage: DraftStorage;

  constructor(
    host: ReactiveControllerHost,
    address: () => DraftAddress | undefined,
    storage: DraftStorage = draftStorage(),
  ) {
    this.#host = host;
    this.#address = address;
    this.#storage = storage;
    host.addController(this);
  }

  hostConnected(): void {
    this.#follow();
  }

  hostUpdate(): void {
    this.#follow();
  }

  /** Whether anything has been typed. */
  get isEmpty(): boolean {
    this.#follow();
    return Object.values(this.#draft.fields).every((v) => v.trim() === '');
  }

  value(field: string): string {
    this.#follow();
    return this.#draft.fields[field] ?? '';
  }

  set(field: string, text: string): void {
    this.#follow();
    if (this.#draft.fields[field] === text) return;
    // Changed text is a new submission: its predecessor's key must not be replayed for it.
    this.#draft = {
      fields: { ...this.#draft.fields, [field]: text },
      savedAt: Date.now(),
    };
    this.#save();
    this.#host.requestUpdate();
  }

  /** The Idempotency-Key for sending the current text: made once, reused by every retry. */
  submissionKey(): string {
    this.#follow();
    if (!this.#draft.submissionKey) {
      this.#draft = { ...this.#draft, submissionKey: newIdempotencyKey(), savedAt: Date.now() };
      this.#save();
    }
    return this.#draft.submissionKey!;
  }

  /** The post succeeded: forget the text and its key. */
  clear(): void {
    const address = this.#address();
    this.#draft = { fields: {}, savedAt: 0 };
    if (address) this.#storage.remove(address);
    this.#host.requestUpdate();
  }

  #save(): void {
    const address = this.#address();
    if (!address) return;
    if (this.isEmpty) this.#storage.remove(address);
    else this.#storage.write(address, this.#draft);
  }

  #follow(): void {
    const address = this.#address();
    const key = address && storageKey(address);
    if (key === this.#loadedFor) return;
    this.#loadedFor = key;
    this.#draft = (address && this.#storage.read(address)) || { fields: {}, savedAt: 0 };
  }
}
