import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { live } from 'lit/directives/live.js';
import { DraftController, type DraftAddress } from '../../core/drafts.js';
import { toCwError, type CwError } from '../../core/errors.js';
import { reportError } from '../../core/events.js';

/** Why a form was not posted; `retry` when sending the same text again may work. */
export interface ComposerError {
  message: string;
  retry: boolean;
}

export interface ComposerOptions<R> {
  /** Where the draft is kept; undefined while the form has nowhere to post. */
  address: () => DraftAddress | undefined;
  /**
   * Why the typed fields cannot be posted as they are, in a sentence for the visitor (limits,
   * required fields); undefined when they can. Nothing is sent while there is a problem.
   */
  validate: (fields: Readonly<Record<string, string>>) => string | undefined;
  /**
   * Sends the fields with the draft's Idempotency-Key (the same key for every retry); `signal`
   * aborts when the form leaves the page.
   */
  post: (
    fields: Readonly<Record<string, string>>,
    idempotencyKey: string,
    signal: AbortSignal,
  ) => Promise<R>;
  /** The sentence shown when the backend refused or could not be reached. */
  failed: (error: CwError) => string;
  /** The `action` of the `cw-error` fired when a post fails. */
  errorAction: string;
  /** The draft's field names, read and normalised on submit. */
  fields: readonly string[];
  /** Tidies a field before validation and posting (e.g. user-text normalisation). */
  normalize?: (text: string) => string;
}

/**
 * A form that posts text: the draft (kept on the device per widget, subject and form, with
 * the Idempotency-Key of its submission), validation sentences, posting, the error, and
 * retry. `submit()` after a failure sends the same text with the SAME key, so a post that did
 * arrive is never created twice; the draft is cleared on success, kept on failure and across
 * reloads. Every widget's forms (ask, answer, review, idea, comment, edit) use it.
 */
export class ComposerController<R> implements ReactiveController {
  /** Why the last submit did not post; cleared by typing and by the next submit. */
  error: ComposerError | undefined;
  /** A post is on its way (disable the submit and retry buttons). */
  busy = false;
  readonly draft: DraftController;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: ComposerOptions<R>;
  #posting: AbortController | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ComposerOptions<R>) {
    this.#host = host;
    this.#options = options;
    this.draft = new DraftController(host, options.address);
    host.addController(this);
  }

  hostConnected(): void {}

  /**
   * A post still on its way is abandoned: its answer has nowhere to go. The draft and its
   * key stay, so posting again later replays the key and the server creates it at most once.
   */
  hostDisconnected(): void {
    this.#posting?.abort();
  }

  /** The typed text of `field`, to render with `live()`. */
  value(field: string): string {
    return this.draft.value(field);
  }

  /** Keeps what the visitor typed; typing clears the error it may have answered. */
  set(field: string, text: string): void {
    this.error = undefined;
    this.draft.set(field, text);
  }

  /** Whether the draft holds no text (e.g. to reopen a form with a kept draft). */
  get isEmpty(): boolean {
    return this.draft.isEmpty;
  }

  /** An `input` listener for a field. */
  input(field: string): (event: Event) => void {
    return (event) => this.set(field, (event.target as HTMLInputElement).value);
  }

  /**
   * Validates and posts. Resolves to the created post, or undefined when nothing was posted
   * (a problem with the text, a post already on its way, a failure: `error` says which).
   */
  async submit(): Promise<R | undefined> {
    if (this.busy) return undefined;
    const normalize = this.#options.normalize ?? ((text: string) => text);
    const fields = Object.fromEntries(
      this.#options.fields.map((field) => [field, normalize(this.draft.value(field))]),
    );
    const problem = this.#options.validate(fields);
    if (problem) {
      this.error = { message: problem, retry: false };
      this.#host.requestUpdate();
      return undefined;
    }
    this.busy = true;
    this.error = undefined;
    this.#host.requestUpdate();
    const posting = (this.#posting = new AbortController());
    try {
      const result = await this.#options.post(fields, this.draft.submissionKey(), posting.signal);
      this.draft.clear();
      return result;
    } catch (error) {
      const reason = toCwError(error);
      if (posting.signal.aborted) return undefined;
      this.error = { message: this.#options.failed(reason), retry: true };
      reportError(this.#host, this.#options.errorAction, reason);
      return undefined;
    } finally {
      if (this.#posting === posting) this.#posting = undefined;
      this.busy = false;
      this.#host.requestUpdate();
    }
  }

  /** Forgets the draft and the error (the visitor cancelled). */
  discard(): void {
    this.error = undefined;
    this.draft.clear();
  }
}

/**
 * A composer's error under its form: the sentence (`id` for the field's `aria-errormessage`)
 * and, after a failed post, "Try again", which submits the form again — same text, same
 * Idempotency-Key, so a post that did arrive is not created twice. Parts `error`, `retry`.
 */
export function renderComposerError(
  composer: ComposerController<unknown>,
  id: string,
  retryLabel: string,
): TemplateResult | typeof nothing {
  const error = composer.error;
  if (!error) return nothing;
  return html`<div class="form-error">
    <p id=${id} part="error" role="alert">${error.message}</p>
    ${
      error.retry
        ? html`<button
            class="text-button"
            part="retry"
            type="button"
            ?disabled=${composer.busy}
            @click=${(event: Event) => (event.target as HTMLElement).closest('form')?.requestSubmit()}
          >
            ${retryLabel}
          </button>`
        : nothing
    }
  </div>`;
}

export interface ComposerFieldOptions {
  /** The draft field the control edits. */
  field: string;
  /** The control's id (its label's `for`); the hint is `${id}-hint`, an issue `${id}-error`. */
  id: string;
  label: string;
  /** A textarea of this many rows; a one-line input when absent. */
  rows?: number;
  /** A sentence under the control (limits, "draft kept"), read with it by screen readers. */
  hint?: unknown;
  /** What is wrong with this field alone (forms that check each field). */
  issue?: string;
  /**
   * The id of the form's error sentence (`renderComposerError`): the control points at it and
   * is marked invalid while it shows a problem with the text (not a failed post).
   */
  errorId?: string;
}

/**
 * One labelled text control of a composer's form: its value kept by the draft, its hint and
 * its error wired for assistive technology. Every posting form's text fields are this one
 * template, so they look and read the same in every widget. Part `field`.
 */
export function renderComposerField(
  composer: ComposerController<unknown>,
  options: ComposerFieldOptions,
): TemplateResult {
  const { field, id, hint, issue, errorId } = options;
  const textProblem = !!errorId && !!composer.error && !composer.error.retry;
  const invalid = issue ? 'true' : textProblem ? 'true' : 'false';
  const describedBy =
    [issue ? `${id}-error` : '', hint ? `${id}-hint` : ''].join(' ').trim() || nothing;
  const control = options.rows
    ? html`<textarea
        id=${id}
        part="field"
        dir="auto"
        rows=${options.rows}
        aria-describedby=${describedBy}
        aria-invalid=${invalid}
        aria-errormessage=${errorId ?? nothing}
        .value=${live(composer.value(field))}
        @input=${composer.input(field)}
      ></textarea>`
    : html`<input
        id=${id}
        part="field"
        dir="auto"
        autocomplete="off"
        aria-describedby=${describedBy}
        aria-invalid=${invalid}
        aria-errormessage=${errorId ?? nothing}
        .value=${live(composer.value(field))}
        @input=${composer.input(field)}
      />`;
  return html`<div class="field">
    <label for=${id}>${options.label}</label>
    ${control}
    ${hint ? html`<span id="${id}-hint" class="note small" dir="auto">${hint}</span>` : nothing}
    ${issue ? html`<span id="${id}-error" part="error">${issue}</span>` : nothing}
  </div>`;
}

export interface ComposerActionsOptions {
  /** The submit button's words, and its words while the post is on its way. */
  submit: string;
  busy: string;
  /** A cancel button beside it, when the form can be closed. */
  cancel?: { label: string; onClick: () => void };
}

/**
 * A composer form's buttons: submit (disabled while posting, part `submit`) and, when the
 * form can be closed, Cancel.
 */
export function renderComposerActions(
  composer: ComposerController<unknown>,
  options: ComposerActionsOptions,
): TemplateResult {
  const { cancel } = options;
  return html`<div class="actions">
    <button class="button primary" part="submit" type="submit" ?disabled=${composer.busy}>
      ${composer.busy ? options.busy : options.submit}
    </button>
    ${
      cancel
        ? html`<button class="button" type="button" @click=${cancel.onClick}>
            ${cancel.label}
          </button>`
        : nothing
    }
  </div>`;
}
