import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ANSWER_BODY_LIMITS } from '../../../api/limits.js';
import { lengthProblem, normalizeUserText } from '../../../api/shared/user-text.js';
import { toCwError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { expertsFor, type UserProfile } from '../../core/experts.js';
import { questionsFor } from '../../core/questions.js';
import type { Answer, Question } from '../../core/types.js';
import { formatDate } from '../../i18n/locale.js';
import { qaExpertMessages as expertMessages } from '../../i18n/qa-messages.js';
import { qaMessages as t } from '../../i18n/qa-messages.js';
import {
  ComposerController,
  renderComposerActions,
  renderComposerError,
  renderComposerField,
} from '../shared/composer-controller.js';
import { ListController } from '../shared/list-controller.js';
import { PostActionsController } from '../shared/post-actions.js';
import { renderUserText } from '../user-text.js';
import { questionProblem } from './qa-ask-form.js';
import { mayDelete, QaPart } from './qa-context.js';
import { renderVote } from './qa-vote.js';

/** Why an answer's text cannot be posted as it is; undefined when it can. */
function answerProblem(body: string): string | undefined {
  const problem = lengthProblem(body, ANSWER_BODY_LIMITS);
  if (problem?.kind === 'short') return t.answerEmpty();
  if (problem?.kind === 'long') return t.answerTooLong(ANSWER_BODY_LIMITS.max, problem.length);
  return undefined;
}

/**
 * An opened question of `<cw-qa>`: its text, its answers (accepted first, with votes, expert
 * marks and "accept"), the asker's expert invitations, and the answer form; edit and delete
 * for one's own posts. Internal to `<cw-qa>`.
 */
export class CwQaThread extends QaPart {
  /** The opened question, as the list shows it now. */
  @property({ attribute: false }) question!: Question;

  /** The post whose text is being edited. */
  @state() private editing: Question | Answer | undefined;
  /** Profiles of answer authors, for the expert mark (one batched read per page). */
  @state() private profiles = new Map<string, UserProfile>();
  #profileStops = new Map<string, () => void>();

  readonly #answers = new ListController<Answer>(this, {
    list: () =>
      this.ctx && this.question && questionsFor(this.ctx.client).answers(this.question.id),
    changed: (state) => this.#followAuthors(state.items),
  });

  readonly #answer = new ComposerController<Answer>(this, {
    address: () =>
      this.ctx && { widget: 'qa', subject: this.ctx.subject, form: `answer:${this.question.id}` },
    fields: ['body'],
    normalize: normalizeUserText,
    validate: ({ body }) => answerProblem(body!),
    post: ({ body }, key, signal) =>
      questionsFor(this.ctx.client).answer(this.question, body!, key, signal),
    failed: (reason) => t.answerNotPosted(reason.message),
    errorAction: 'answer',
  });

  readonly #edit = new ComposerController<Question | Answer>(this, {
    address: () =>
      this.ctx && this.editing
        ? { widget: 'qa', subject: this.ctx.subject, form: `edit:${this.editing.id}` }
        : undefined,
    fields: ['title', 'body'],
    normalize: normalizeUserText,
    validate: ({ title, body }) =>
      this.#isQuestion(this.editing) ? questionProblem(title!, body!) : answerProblem(body!),
    post: ({ title, body }) => {
      const store = questionsFor(this.ctx.client);
      const post = this.editing!;
      return this.#isQuestion(post)
        ? store.editQuestion(post, { title: title!, body: body! })
        : store.editAnswer(post, body!);
    },
    failed: (reason) => t.notSaved(reason.message),
    errorAction: 'edit',
  });

  readonly #actions = new PostActionsController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    // Per-element imports may load the badge after the thread: authors become badges then.
    if (!customElements.get('cw-expert-badge')) {
      void customElements.whenDefined('cw-expert-badge').then(() => this.requestUpdate());
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const stop of this.#profileStops.values()) stop();
    this.#profileStops.clear();
  }

  #isQuestion(post: Question | Answer | undefined): post is Question {
    return !!post && post.id === this.question.id;
  }

  /** Follows the profiles of answer authors not followed yet. */
  #followAuthors(answers: readonly Answer[]): void {
    const profiles = expertsFor(this.ctx.client);
    if (!profiles) return;
    for (const { author } of answers) {
      if (this.#profileStops.has(author.id)) continue;
      this.#profileStops.set(
        author.id,
        profiles.subscribe(author.id, (state) => {
          if (state.status === 'ready') {
            this.profiles = new Map(this.profiles).set(author.id, state.profile);
          }
        }),
      );
    }
  }

  /** The first of the question's topics the answer's author is an expert on (not a newcomer). */
  #expertTopic(answer: Answer): string | undefined {
    const profile = this.profiles.get(answer.author.id);
    if (!profile || profile.level === 'newcomer') return undefined;
    return this.question.topics.find((topic) =>
      profile.topics.some((known) => known.topic === topic && known.score > 0),
    );
  }

  async #submitAnswer(event: Event): Promise<void> {
    event.preventDefault();
    const answer = await this.#answer.submit();
    if (!answer) {
      if (this.#answer.error && !this.#answer.error.retry) this.focusAfterRender('#answer-body');
      return;
    }
    this.ctx.announce(t.answerPosted());
    emit(this, 'cw-answer-submit', {
      subject: this.ctx.subject,
      questionId: this.question.id,
      answerId: answer.id,
    });
  }

  #accept(answer: Answer): void {
    const { question } = this;
    const previous = question.acceptedAnswerId;
    const answerId = previous === answer.id ? null : answer.id;
    emit(this, 'cw-answer-accept', {
      subject: this.ctx.subject,
      questionId: question.id,
      answerId,
      previous,
    });
    questionsFor(this.ctx.client)
      .accept(question, answerId)
      .catch((error: unknown) => {
        const reason = toCwError(error);
        this.ctx.failed('accept', t.acceptFailed(reason.message), reason);
      });
  }

  /** Opens the edit form with the post's current text, unless a draft of an edit is kept. */
  #startEditing(post: Question | Answer): void {
    this.editing = post;
    this.#actions.confirming = undefined;
    this.#edit.error = undefined;
    if (this.#edit.isEmpty) {
      if (this.#isQuestion(post)) this.#edit.set('title', post.title);
      this.#edit.set('body', post.body);
    }
    this.focusAfterRender(this.#isQuestion(post) ? '#edit-title' : '#edit-body');
  }

  #stopEditing(): void {
    const id = this.editing?.id;
    this.#edit.discard();
    this.editing = undefined;
    if (id) this.focusAfterRender(`[data-edit="${id}"]`);
  }

  async #saveEdit(event: Event): Promise<void> {
    event.preventDefault();
    if (!(await this.#edit.submit())) return;
    this.ctx.announce(t.saved());
    this.#stopEditing();
  }

  async #delete(answer?: Answer): Promise<void> {
    const store = questionsFor(this.ctx.client);
    try {
      if (answer) {
        await store.deleteAnswer(this.question, answer);
        this.focusAfterRender('#answer-body');
      } else {
        await store.deleteQuestion(this.question);
        this.ctx.deleted(this.question);
      }
      this.#actions.done();
      this.ctx.announce(t.deleted());
    } catch (error) {
      const reason = toCwError(error);
      this.ctx.failed('delete', t.notDeleted(reason.message), reason);
    }
  }

  #renderActions(answer?: Answer): TemplateResult | typeof nothing {
    const post = answer ?? this.question;
    const viewer = this.ctx.viewer;
    if (this.editing?.id === post.id) return nothing;
    return this.#actions.render({
      id: post.id,
      canEdit: !!viewer && viewer.id === post.author.id,
      canDelete: mayDelete(viewer, post),
      labels: {
        edit: t.edit(),
        remove: t.remove(),
        keep: t.keep(),
        confirm: answer ? t.confirmDeleteAnswer() : t.confirmDeleteQuestion(),
      },
      edit: () => this.#startEditing(post),
      remove: () => this.#delete(answer),
      moderation: {
        client: this.ctx.client,
        viewer,
        target: { kind: answer ? 'answer' : 'question', id: post.id },
        authorId: post.author.id,
        note: post.moderation,
      },
    });
  }

  protected override render(): TemplateResult {
    const { question } = this;
    const state = this.#answers.state;
    return html`<div
      id=${`thread-${question.id}`}
      part="thread"
      role="region"
      aria-label=${question.title}
    >
      ${
        this.editing?.id === question.id
          ? this.#renderEditForm()
          : html`<div part="post-text" class="user-text">${renderUserText(question.body)}</div>
              ${this.#renderActions()}`
      }
      <h4 class="small-heading">${t.answersHeading()}</h4>
      ${state.status === 'loading' ? html`<p class="note">${t.answersLoading()}</p>` : nothing}
      ${
        state.status === 'error'
          ? html`<p part="error" role="alert">${t.answersFailed()}</p>`
          : nothing
      }
      ${
        state.status === 'ready' && state.items.length === 0
          ? html`<p class="note">${t.noAnswers()}</p>`
          : nothing
      }
      ${
        state.items.length > 0
          ? html`<ul part="answers" aria-label=${t.answersHeading()}>
              ${state.items.map((answer) => this.#renderAnswer(answer))}
            </ul>`
          : nothing
      }
      ${this.#answers.renderLoadMore(t.loadMoreAnswers(), t.loadMoreAnswers(), 'button')}
      <cw-qa-invite
        .ctx=${this.ctx}
        .question=${question}
        .answered=${new Set(state.items.map((answer) => answer.author.id))}
      ></cw-qa-invite>
      ${this.ctx.viewer ? this.#renderAnswerForm() : nothing}
    </div>`;
  }

  #renderAnswer(answer: Answer): TemplateResult {
    const viewer = this.ctx.viewer;
    const mayAccept =
      !!viewer && (viewer.id === this.question.author.id || viewer.roles.includes('moderator'));
    const expertTopic = this.#expertTopic(answer);
    return html`<li part=${answer.accepted ? 'answer accepted' : 'answer'} class="post">
      ${renderVote(this.ctx, 'answer', answer, t.answerVotes(answer.author.name))}
      <div class="post-main">
        ${
          answer.accepted
            ? html`<p part="accepted" class="accepted-mark">${t.acceptedAnswer()}</p>`
            : nothing
        }
        ${
          this.editing?.id === answer.id
            ? this.#renderEditForm()
            : html`<div part="post-text" class="user-text">${renderUserText(answer.body)}</div>`
        }
        <p part="meta" class="note small">
          ${
            customElements.get('cw-expert-badge')
              ? html`${t.answeredOnBy(formatDate(this.ctx.locale, answer.createdAt))}
                  <bdi
                    ><cw-expert-badge user=${answer.author.id}
                      >${answer.author.name}</cw-expert-badge
                    ></bdi
                  >`
              : t.answeredBy(answer.author.name, formatDate(this.ctx.locale, answer.createdAt))
          }${answer.editedAt ? html` ${t.edited()}` : nothing}${
            expertTopic
              ? html` <span part="expert-mark" class="expert-mark"
                  >${expertMessages.expertAnswer(expertTopic)}</span
                >`
              : nothing
          }
        </p>
        ${
          mayAccept
            ? html`<button
                class="button small"
                part="accept"
                type="button"
                aria-pressed=${answer.accepted ? 'true' : 'false'}
                @click=${() => this.#accept(answer)}
              >
                ${answer.accepted ? t.accepted() : t.accept()}
              </button>`
            : nothing
        }
        ${this.#renderActions(answer)}
      </div>
    </li>`;
  }

  #renderAnswerForm(): TemplateResult {
    const composer = this.#answer;
    return html`<form part="form" class="form" novalidate @submit=${this.#submitAnswer}>
      ${renderComposerField(composer, {
        field: 'body',
        id: 'answer-body',
        label: t.yourAnswer(),
        rows: 4,
        hint: t.draftSaved(),
        errorId: 'answer-error',
      })}
      ${renderComposerError(composer, 'answer-error', t.retry())}
      ${renderComposerActions(composer, { submit: t.postAnswer(), busy: t.posting() })}
    </form>`;
  }

  #renderEditForm(): TemplateResult {
    const composer = this.#edit;
    const isQuestion = this.#isQuestion(this.editing);
    return html`<form
      part="form"
      class="form"
      novalidate
      aria-label=${isQuestion ? t.editQuestionLabel() : t.editAnswerLabel()}
      @submit=${this.#saveEdit}
    >
      ${
        isQuestion
          ? renderComposerField(composer, {
              field: 'title',
              id: 'edit-title',
              label: t.titleLabel(),
            })
          : nothing
      }
      ${renderComposerField(composer, {
        field: 'body',
        id: 'edit-body',
        label: isQuestion ? t.detailsLabel() : t.yourAnswer(),
        rows: 4,
      })}
      ${renderComposerError(composer, 'edit-error', t.retry())}
      ${renderComposerActions(composer, {
        submit: t.save(),
        busy: t.posting(),
        cancel: { label: t.cancel(), onClick: () => this.#stopEditing() },
      })}
    </form>`;
  }
}
