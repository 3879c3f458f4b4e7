import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { components } from '../../../api/contract.js';
import type { CommunityClient } from '../../core/client.js';
import type { Viewer } from '../../core/types.js';
import { moderationMessages as m } from '../../i18n/moderation-messages.js';
import type { ModerationFormHost } from './moderation-form.js';

type Schemas = components['schemas'];
type Forms = typeof import('./moderation-form.js');

/** What moderation needs to know of a post: Report for others, Remove for moderators. */
export interface PostModeration {
  client: CommunityClient;
  target: Schemas['ModerationTarget'];
  authorId: string;
  viewer: Viewer | undefined;
  /** The note its author and moderators get on a post not visible to everyone. */
  note?: Schemas['ModerationNote'] | undefined;
  /** After a moderator's decision, for views the client's lists do not cover. */
  decided?: () => void;
}

/** The words of the actions, from the widget's messages. */
export interface PostActionLabels {
  edit: string;
  remove: string;
  keep: string;
  /** The confirmation question, e.g. "Delete this answer?". */
  confirm: string;
  /** The confirming button's text when it is not `remove`'s, e.g. "Yes, delete it". */
  yes?: string;
}

/** One post's actions: who may do what, and what each does. */
export interface PostActionsFor {
  /** The post's id (unique in the widget). */
  id: string;
  /** The viewer may edit it (its author). */
  canEdit: boolean;
  /** The viewer may delete it (its author, or a moderator). */
  canDelete: boolean;
  labels: PostActionLabels;
  edit: () => void;
  /** Deletes after the visitor confirmed; the confirm step stays open until it resolves. */
  remove: () => Promise<unknown> | void;
  /**
   * More actions for this post, after Edit and Delete: the place where moderation adds
   * "Report" and "Remove" (see docs/decisions/004), so no widget grows its own row.
   */
  more?: TemplateResult | typeof nothing;
  /** Report / moderator Remove and the post's moderation note, the same in every widget. */
  moderation?: PostModeration;
}

/**
 * Edit and Delete under a post, with a confirm step for Delete ("Delete this answer?" —
 * Delete / Keep it), focus kept on the control the visitor is on. One controller per element
 * serves all its posts (one confirmation open at a time). Renders into the host's own tree,
 * so the widget's `.actions`, `.text-button` and `.button` styles apply; parts `edit`,
 * `delete` and `confirm-delete` name the buttons.
 */
export class PostActionsController implements ReactiveController {
  /** The post waiting for a delete confirmation. */
  confirming: string | undefined;
  /** The post whose report form or moderator removal is open. */
  #moderating: { id: string; mode: 'report' | 'remove' } | undefined;
  /** What the last report or decision said, per post. */
  #outcome = new Map<string, { text: string; failed: boolean }>();
  #busy = false;
  /** The report form and decisions, loaded the first time someone opens one. */
  #forms: Forms | undefined;
  /** Posts the viewer reported here: one open report per person per post. */
  readonly #reported = new Set<string>();
  readonly #host: ReactiveControllerHost & HTMLElement;
  #focus: string | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdated(): void {
    if (!this.#focus) return;
    const root = (this.#host as HTMLElement & { renderRoot?: ParentNode }).renderRoot ?? this.#host;
    root.querySelector<HTMLElement>(this.#focus)?.focus();
    this.#focus = undefined;
  }

  /** Edit / Delete for `post`, or the confirm step; nothing when the viewer may do neither. */
  render(post: PostActionsFor): TemplateResult | typeof nothing {
    const moderation = post.moderation ? this.#renderModeration(post.id, post.moderation) : nothing;
    if (!post.canEdit && !post.canDelete && !post.more && moderation === nothing) return nothing;
    if (this.#moderating?.id === post.id && post.moderation && this.#forms) {
      return this.#forms.renderModerationForm(
        this.#moderating.mode,
        post.moderation,
        this.#formHost(post.id),
      );
    }
    if (this.confirming === post.id) {
      return html`<div class="actions" role="group" aria-label=${post.labels.remove}>
        <span>${post.labels.confirm}</span>
        <button
          class="button small"
          part="confirm-delete"
          type="button"
          @click=${async () => {
            await post.remove();
          }}
        >
          ${post.labels.yes ?? post.labels.remove}
        </button>
        <button
          class="button small"
          type="button"
          data-keep=${post.id}
          @click=${() => this.#ask(undefined, `[data-delete="${post.id}"]`)}
        >
          ${post.labels.keep}
        </button>
      </div>`;
    }
    return html`<div class="actions">
      ${
        post.canEdit
          ? html`<button
              class="text-button"
              part="edit"
              type="button"
              data-edit=${post.id}
              @click=${post.edit}
            >
              ${post.labels.edit}
            </button>`
          : nothing
      }
      ${
        post.canDelete
          ? html`<button
              class="text-button"
              part="delete"
              type="button"
              data-delete=${post.id}
              @click=${() => this.#ask(post.id, `[data-keep="${post.id}"]`)}
            >
              ${post.labels.remove}
            </button>`
          : nothing
      }
      ${post.more ?? nothing} ${moderation}
    </div>`;
  }

  /** The note, Report, Remove / Restore, and the outcome of the last one, for `post`. */
  #renderModeration(id: string, moderation: PostModeration): TemplateResult | typeof nothing {
    const { viewer, note } = moderation;
    const isModerator = !!viewer?.roles.includes('moderator');
    const canReport =
      !!viewer && viewer.id !== moderation.authorId && !note && !this.#reported.has(id);
    const outcome = this.#outcome.get(id);
    const parts = [
      note
        ? html`<p class="note" part="moderation-note">
            ${
              note.state === 'held'
                ? m.held()
                : note.state === 'hidden'
                  ? m.hidden()
                  : note.reason
                    ? m.removed(note.reason)
                    : m.removedNoReason()
            }
          </p>`
        : nothing,
      canReport
        ? html`<button
            class="text-button"
            part="report"
            type="button"
            data-report=${id}
            @click=${() => this.#open(id, 'report', `[name="report-${id}"]`)}
          >
            ${m.report()}
          </button>`
        : nothing,
      isModerator && note?.state !== 'removed'
        ? html`<button
            class="text-button"
            part="moderator-remove"
            type="button"
            data-moderator-remove=${id}
            @click=${() => this.#open(id, 'remove', `[data-remove-reason="${id}"]`)}
          >
            ${m.moderatorRemove()}
          </button>`
        : nothing,
      isModerator && note?.state === 'removed'
        ? html`<button
            class="text-button"
            part="moderator-restore"
            type="button"
            @click=${async () =>
              (await this.#loadForms()).decide(this.#formHost(id), moderation, 'restore')}
          >
            ${m.restore()}
          </button>`
        : nothing,
      outcome
        ? html`<p
            class="note"
            role=${outcome.failed ? 'alert' : 'status'}
            part="moderation-outcome"
            tabindex="-1"
            data-outcome=${id}
          >
            ${outcome.text}
          </p>`
        : nothing,
    ];
    return parts.every((part) => part === nothing) ? nothing : html`${parts}`;
  }

  async #loadForms(): Promise<Forms> {
    return (this.#forms ??= await import('./moderation-form.js'));
  }

  #formHost(id: string): ModerationFormHost {
    return {
      element: this.#host,
      busy: this.#busy,
      setBusy: (busy) => {
        this.#busy = busy;
        this.#host.requestUpdate();
      },
      close: (outcome) => this.#close(id, outcome),
      reported: () => this.#reported.add(id),
    };
  }

  async #open(id: string, mode: 'report' | 'remove', focus: string): Promise<void> {
    await this.#loadForms();
    this.#moderating = { id, mode };
    this.#outcome.delete(id);
    this.#focus = focus;
    this.#host.requestUpdate();
  }

  #close(id: string, outcome?: { text: string; failed: boolean }): void {
    this.#moderating = undefined;
    if (outcome) this.#outcome.set(id, outcome);
    // Back to where the visitor was, or to the sentence that says what happened.
    this.#focus = outcome
      ? `[data-outcome="${id}"]`
      : `[data-report="${id}"], [data-moderator-remove="${id}"]`;
    this.#host.requestUpdate();
  }

  /** The delete went through (or the post is gone): close the confirm step. */
  done(): void {
    this.confirming = undefined;
    this.#host.requestUpdate();
  }

  #ask(id: string | undefined, focus: string): void {
    this.confirming = id;
    this.#focus = focus;
    this.#host.requestUpdate();
  }
}
