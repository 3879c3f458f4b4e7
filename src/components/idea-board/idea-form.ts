import { html, nothing, type TemplateResult } from 'lit';
import { IDEA_TITLE_LIMITS } from '../../../api/limits.js';
import { lengthProblem, normalizeUserText, textLength } from '../../../api/shared/user-text.js';
import { emit } from '../../core/events.js';
import type { Idea } from '../../core/ideas.js';
import { cleanUserLine as line } from '../../core/user-text.js';
import { ideaMessages as t } from '../../i18n/idea-messages.js';
import {
  ComposerController,
  renderComposerActions,
  renderComposerError,
  renderComposerField,
} from '../shared/composer-controller.js';
import { SimilarTask } from '../shared/typing-task.js';
import { IdeaPart } from './idea-context.js';

const { min, max } = IDEA_TITLE_LIMITS;

/**
 * The idea form of `<cw-idea-board>`: title and details kept as a draft, similar ideas while
 * the title is typed, posting with the draft's Idempotency-Key and retry. Internal.
 */
export class CwIdeaForm extends IdeaPart {
  readonly #composer = new ComposerController<Idea>(this, {
    address: () => this.ctx && { widget: 'ideas', subject: this.ctx.model.boardId, form: 'submit' },
    fields: ['title', 'body'],
    normalize: normalizeUserText,
    validate: ({ title }) =>
      lengthProblem(title!, IDEA_TITLE_LIMITS) ? t.titleInvalid(min, max) : undefined,
    post: ({ title, body }, idempotencyKey, signal) =>
      this.ctx.backend.submitIdea(
        this.ctx.model.boardId,
        { title: title!, body: body! },
        { idempotencyKey, signal },
      ),
    failed: (reason) => t.submitFailed(reason.message),
    errorAction: 'submit',
  });

  readonly #similar = new SimilarTask<Idea>(this, {
    text: () => this.#composer.value('title'),
    find: (text, signal) =>
      this.ctx.backend.findSimilarIdeas(this.ctx.model.boardId, text.slice(0, 200), { signal }),
    minLength: 4,
    length: textLength,
  });

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    this.ctx.announce(t.submitting());
    const idea = await this.#composer.submit();
    const error = this.#composer.error;
    if (!idea) {
      if (error?.retry) this.ctx.announce(error.message);
      else if (error) this.focusAfterRender('idea-title');
      return;
    }
    this.ctx.posted(idea);
    emit(this, 'cw-idea-submit', { board: idea.board, ideaId: idea.id, title: idea.title });
  }

  protected override render(): TemplateResult {
    const composer = this.#composer;
    const error = composer.error;
    const similar = this.#similar.items();
    return html`<form part="form" @submit=${this.#submit} novalidate>
      <h3 dir="auto">${t.formTitle()}</h3>
      ${renderComposerField(composer, {
        field: 'title',
        id: 'idea-title',
        label: t.titleLabel(),
        hint: t.titleHint(min, max),
        errorId: 'idea-error',
      })}
      <div part="similar" aria-live="polite">${this.#renderSimilar(similar)}</div>
      ${renderComposerField(composer, { field: 'body', id: 'idea-body', label: t.bodyLabel(), rows: 4 })}
      ${renderComposerError(composer, 'idea-error', t.retry())}
      ${renderComposerActions(composer, {
        submit: error?.retry ? t.submitRetry() : t.submit(),
        busy: t.submitting(),
        cancel: { label: t.cancel(), onClick: () => this.ctx.closeForm() },
      })}
    </form>`;
  }

  #renderSimilar(similar: readonly Idea[]): TemplateResult | typeof nothing {
    if (similar.length === 0) return nothing;
    return html`<p dir="auto">${t.similarHeading()}</p>
      <ul>
        ${similar.map(
          (idea) =>
            html`<li>
              <button
                part="idea-title"
                type="button"
                dir="auto"
                @click=${() => this.ctx.open(idea.id)}
              >
                ${line(idea.title)}</button
              ><span class="muted" dir="auto"> · ${t.votes(this.ctx.locale, idea.votes)}</span>
            </li>`,
        )}
      </ul>`;
  }
}
