import { html, nothing, type TemplateResult } from 'lit';
import { QUESTION_BODY_LIMITS, QUESTION_TITLE_LIMITS } from '../../../api/limits.js';
import { lengthProblem, normalizeUserText, textLength } from '../../../api/shared/user-text.js';
import { emit } from '../../core/events.js';
import { questionsFor } from '../../core/questions.js';
import type { Question } from '../../core/types.js';
import { qaMessages as t } from '../../i18n/qa-messages.js';
import {
  ComposerController,
  renderComposerActions,
  renderComposerError,
  renderComposerField,
} from '../shared/composer-controller.js';
import { SimilarTask } from '../shared/typing-task.js';
import { QaPart } from './qa-context.js';
import { TopicField, topicProblem, topicSlug } from './qa-topic-field.js';

/** Titles shorter than this are too vague to find similar questions for. */
const MIN_SIMILAR_LENGTH = 4;

/** Why a question's title, details and topic cannot be posted as they are; undefined when they can. */
export function questionProblem(title: string, details: string, topic = ''): string | undefined {
  const titleProblem = lengthProblem(title, QUESTION_TITLE_LIMITS);
  if (titleProblem?.kind === 'short') return t.titleTooShort(QUESTION_TITLE_LIMITS.min);
  if (titleProblem?.kind === 'long') {
    return t.titleTooLong(QUESTION_TITLE_LIMITS.max, titleProblem.length);
  }
  const detailsProblem = lengthProblem(details, QUESTION_BODY_LIMITS);
  if (detailsProblem?.kind === 'long') {
    return t.detailsTooLong(QUESTION_BODY_LIMITS.max, detailsProblem.length);
  }
  return topicProblem(topic);
}

/**
 * The ask form of `<cw-qa>`: title and details kept as a draft, similar questions while the
 * title is typed, posting with the draft's Idempotency-Key and retry. Internal to `<cw-qa>`.
 */
export class CwQaAskForm extends QaPart {
  readonly #composer = new ComposerController<Question>(this, {
    address: () => this.ctx && { widget: 'qa', subject: this.ctx.subject, form: 'ask' },
    fields: ['title', 'details', 'topic'],
    normalize: normalizeUserText,
    validate: ({ title, details, topic }) => questionProblem(title!, details!, topic),
    post: ({ title, details, topic }, key, signal) =>
      questionsFor(this.ctx.client).ask(
        this.ctx.subject,
        {
          title: title!,
          ...(details ? { body: details } : {}),
          ...(topic ? { topics: [topicSlug(topic)] } : {}),
        },
        key,
        signal,
      ),
    failed: (reason) => t.questionNotPosted(reason.message),
    errorAction: 'ask',
  });

  readonly #topic = new TopicField(this, this.#composer, 'topic', 'ask-topic');

  readonly #similar = new SimilarTask<Question>(this, {
    text: () => this.#composer.value('title'),
    find: (text, signal) => questionsFor(this.ctx.client).similar(this.ctx.subject, text, signal),
    minLength: MIN_SIMILAR_LENGTH,
    length: textLength,
  });

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const { subject } = this.ctx;
    const question = await this.#composer.submit();
    if (!question) {
      if (this.#composer.error && !this.#composer.error.retry) this.focusAfterRender('#ask-title');
      return;
    }
    this.ctx.announce(t.questionPosted());
    emit(this, 'cw-question-submit', { subject, questionId: question.id, title: question.title });
    this.ctx.open(question, true);
  }

  protected override render(): TemplateResult {
    const composer = this.#composer;
    const similar = this.#similar.items();
    // The form's one error sentence names the topic only when the topic is what is wrong.
    const topicIssue =
      !!composer.error &&
      !composer.error.retry &&
      composer.error.message === topicProblem(composer.value('topic'));
    return html`<form part="form" class="form" novalidate @submit=${this.#submit}>
      ${renderComposerField(composer, {
        field: 'title',
        id: 'ask-title',
        label: t.titleLabel(),
        hint: html`${t.titleHint(QUESTION_TITLE_LIMITS.min, QUESTION_TITLE_LIMITS.max)}
        ${t.draftSaved()}`,
        ...(topicIssue ? {} : { errorId: 'ask-error' }),
      })}
      ${
        similar.length > 0
          ? html`<section part="similar" aria-labelledby="similar-heading">
              <h3 id="similar-heading" class="small-heading">${t.similarHeading()}</h3>
              <ul>
                ${similar.map(
                  (question) =>
                    html`<li>
                      <button
                        class="text-button"
                        type="button"
                        @click=${() => this.ctx.open(question, true)}
                      >
                        <bdi>${question.title}</bdi></button
                      ><span class="note small">
                        ${t.answerCount(this.ctx.locale, question.answerCount)}</span
                      >
                    </li>`,
                )}
              </ul>
            </section>`
          : nothing
      }
      ${renderComposerField(composer, {
        field: 'details',
        id: 'ask-details',
        label: t.detailsLabel(),
        rows: 4,
      })}
      ${this.#topic.render(this.ctx.client, topicIssue ? 'ask-error' : undefined)}
      ${renderComposerError(composer, 'ask-error', t.retry())}
      ${renderComposerActions(composer, {
        submit: t.postQuestion(),
        busy: t.posting(),
        cancel: { label: t.cancel(), onClick: () => this.ctx.closeAsk() },
      })}
    </form>`;
  }
}
