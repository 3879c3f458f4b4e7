import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { normalizeUserText } from '../../../api/shared/user-text.js';
import { toCwError } from '../../core/errors.js';
import type { Idea, IdeaBoardModel, IdeaComment } from '../../core/ideas.js';
import { PagedList } from '../../core/paged-list.js';
import { cleanUserLine as line } from '../../core/user-text.js';
import { ideaMessages as t } from '../../i18n/idea-messages.js';
import {
  ComposerController,
  renderComposerActions,
  renderComposerError,
  renderComposerField,
} from '../shared/composer-controller.js';
import { ListController } from '../shared/list-controller.js';
import { PostActionsController, type PostActionsFor } from '../shared/post-actions.js';
import { renderUserText } from '../user-text.js';
import { IdeaPart } from './idea-context.js';
import { renderStatus, renderVote } from './idea-list.js';

/**
 * An open idea of `<cw-idea-board>`: its text, the team's note, its vote, its comments and the
 * comment form, and the moderators' controls. It follows the board's model, so a vote shows
 * here at once. Internal.
 */
export class CwIdeaDetail extends IdeaPart {
  /** The id of the idea to show. */
  @property({ attribute: false }) ideaId!: string;

  /** The idea as shown: loaded, then as the model and the moderators change it. */
  @state() private idea: Idea | undefined;

  /** The idea as it shows now (a vote fired here is written from it). */
  get shown(): Idea | undefined {
    return this.idea?.id === this.ideaId ? this.idea : undefined;
  }

  #comments: PagedList<IdeaComment> | undefined;
  #commentsOf: string | undefined;
  #model: IdeaBoardModel | undefined;
  #stopModel: (() => void) | undefined;
  /** Move focus to the heading once the idea arrives (the visitor opened it). */
  #focusOnLoad = true;

  // The viewer is part of the key: who is looking changes `viewerVoted`.
  readonly #load = new Task(this, {
    args: () => [this.ideaId, this.ctx.viewerId] as const,
    task: ([id], { signal }) => this.ctx.backend.getIdea(id, { signal }),
    onComplete: (idea) => {
      this.idea = idea;
      if (this.#focusOnLoad) this.focusAfterRender('detail-heading');
      this.#focusOnLoad = false;
    },
  });

  readonly #actions = new PostActionsController(this);

  readonly #commentList = new ListController<IdeaComment>(this, {
    list: () => this.#commentsFor(this.ideaId),
    errorAction: 'comments',
  });

  readonly #comment = new ComposerController<IdeaComment>(this, {
    address: () =>
      this.ctx && {
        widget: 'ideas',
        subject: this.ctx.model.boardId,
        form: `comment:${this.ideaId}`,
      },
    fields: ['body'],
    normalize: normalizeUserText,
    validate: ({ body }) => (body ? undefined : t.commentEmpty()),
    post: ({ body }, idempotencyKey, signal) =>
      this.ctx.backend.commentIdea(this.ideaId, body!, { idempotencyKey, signal }),
    failed: (reason) => t.commentFailed(reason.message),
    errorAction: 'comment',
  });

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ideaId') && changed.get('ideaId') !== undefined) this.#focusOnLoad = true;
    if (this.ctx.model !== this.#model) {
      this.#stopModel?.();
      this.#model = this.ctx.model;
      this.#stopModel = this.#model.subscribe((idea) => {
        if (idea && idea.id === this.idea?.id) this.idea = idea;
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopModel?.();
    this.#model = undefined;
    this.#comments?.dispose();
    this.#comments = this.#commentsOf = undefined;
  }

  #commentsFor(id: string): PagedList<IdeaComment> | undefined {
    if (!this.ctx) return undefined;
    if (this.#commentsOf !== id) {
      this.#comments?.dispose();
      const backend = this.ctx.backend;
      this.#comments = new PagedList((cursor, signal) =>
        backend.listIdeaComments(id, cursor, { signal }),
      );
      this.#commentsOf = id;
    }
    return this.#comments;
  }

  /** Shows an idea the moderators changed; `reload` fetches it again (after a merge). */
  #changed(idea: Idea | undefined): void {
    if (idea) this.idea = idea;
    else {
      this.#focusOnLoad = true;
      void this.#load.run();
    }
  }

  /** Report and moderators' Remove under the idea or a comment (no edit or delete here). */
  #renderActions(kind: 'idea' | 'comment', post: Idea | IdeaComment) {
    const { client, viewer } = this.ctx;
    if (!client) return nothing;
    const actions: PostActionsFor = {
      id: post.id,
      canEdit: false,
      canDelete: false,
      labels: { edit: '', remove: '', keep: '', confirm: '' },
      edit: () => undefined,
      remove: () => undefined,
      moderation: {
        client,
        viewer,
        target: { kind, id: post.id },
        authorId: post.author.id,
        note: post.moderation,
        decided: () => {
          this.ctx.model.load();
          this.#commentList.list?.reload();
          void this.#load.run();
        },
      },
    };
    return this.#actions.render(actions);
  }

  async #postComment(event: Event): Promise<void> {
    event.preventDefault();
    const comment = await this.#comment.submit();
    const idea = this.idea;
    if (!comment || !idea) return;
    this.#commentList.list?.insert(comment, 'last');
    this.idea = { ...idea, commentCount: idea.commentCount + 1 };
    this.ctx.model.updated(this.idea);
  }

  protected override render(): TemplateResult {
    const back = html`<div class="actions">
      <button type="button" @click=${() => this.ctx.back(`title-${this.ideaId}`)}>
        ${t.back()}
      </button>
    </div>`;
    const idea = this.shown;
    if (this.#load.status === TaskStatus.ERROR) {
      const error = toCwError(this.#load.error);
      return html`${back}
        <p part="error" role="alert" dir="auto">
          ${error.kind === 'not-found' ? error.message : t.loadFailed()}
        </p>`;
    }
    if (!idea) {
      return html`${back}
        <p class="muted" dir="auto">${t.loading()}</p>`;
    }
    const { ctx } = this;
    return html`${back}
      <article part="detail" aria-labelledby="detail-heading">
        <div class="idea-main">
          <h3 id="detail-heading" tabindex="-1" dir="auto">${line(idea.title)}</h3>
          <div class="meta">
            ${renderStatus(idea.status)}
            <span dir="auto">${t.by(line(idea.author.name))}</span>
          </div>
        </div>
        ${
          idea.statusNote
            ? html`<div part="note">
                <h4 dir="auto">${t.note()}</h4>
                <div class="user-text">${renderUserText(idea.statusNote)}</div>
              </div>`
            : nothing
        }
        ${
          idea.mergedInto
            ? html`<p dir="auto">${t.mergedInto()}</p>
                <div class="actions">
                  <button type="button" @click=${() => ctx.open(idea.mergedInto!)}>
                    ${t.openSurvivor()}
                  </button>
                </div>`
            : nothing
        }
        <div class="user-text">${renderUserText(idea.body)}</div>
        <div class="actions">${renderVote(ctx, idea)}</div>
        ${this.#renderActions('idea', idea)}
        ${
          ctx.voteError
            ? html`<p part="error" role="alert" dir="auto">${ctx.voteError}</p>`
            : nothing
        }
        ${this.#renderComments(!idea.mergedInto)}
        ${
          ctx.moderator && ctx.board?.viewer.canModerate && !idea.mergedInto
            ? html`<cw-idea-moderation
                .ctx=${ctx}
                .idea=${idea}
                .changed=${(changed?: Idea) => this.#changed(changed)}
              ></cw-idea-moderation>`
            : nothing
        }
      </article>`;
  }

  /** `open`: whether the idea takes comments (a merged duplicate's discussion moved on). */
  #renderComments(open: boolean): TemplateResult {
    const state = this.#commentList.state;
    const composer = this.#comment;
    let list: TemplateResult;
    if (state.status === 'loading') {
      list = html`<p class="muted" dir="auto">${t.loading()}</p>`;
    } else if (state.status === 'error') {
      list = html`<p part="error" role="alert" dir="auto">${t.commentsFailed()}</p>`;
    } else if (state.items.length === 0) {
      list = html`<p class="muted" dir="auto">${t.noComments()}</p>`;
    } else {
      list = html`<ul part="comments">
          ${state.items.map(
            (comment) =>
              html`<li>
                <div class="meta">
                  <span dir="auto">${line(comment.author.name)}</span>
                  ${comment.official ? html`<span class="badge">${t.official()}</span>` : nothing}
                </div>
                <div class="user-text">${renderUserText(comment.body)}</div>
                ${this.#renderActions('comment', comment)}
              </li>`,
          )}
        </ul>
        ${
          state.hasMore
            ? html`<div class="actions">${this.#commentList.renderLoadMore(t.moreComments())}</div>`
            : nothing
        }`;
    }
    return html`<section aria-labelledby="comments-heading">
      <h4 id="comments-heading" dir="auto">${t.commentsHeading()}</h4>
      ${list}
      ${
        this.ctx.viewerId && open
          ? html`<form part="comment-form" novalidate @submit=${this.#postComment}>
              ${renderComposerField(composer, {
                field: 'body',
                id: 'comment-body',
                label: t.commentLabel(),
                rows: 3,
                errorId: 'comment-error',
              })}
              ${renderComposerError(composer, 'comment-error', t.retry())}
              ${renderComposerActions(composer, { submit: t.commentSubmit(), busy: t.commentSubmit() })}
            </form>`
          : nothing
      }
    </section>`;
  }
}
