import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';

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
    if (!post.canEdit && !post.canDelete && !post.more) return nothing;
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
      ${post.more ?? nothing}
    </div>`;
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
