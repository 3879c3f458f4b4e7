import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { QuestionSort } from '../../core/backend.js';
import { draftStorage } from '../../core/drafts.js';
import { toCwError, type CwError } from '../../core/errors.js';
import { reportError, type CwEvent } from '../../core/events.js';
import { questionsFor } from '../../core/questions.js';
import type { PagedListState } from '../../core/paged-list.js';
import type { Answer, Question, Viewer } from '../../core/types.js';
import type { ViewerState } from '../../core/viewer.js';
import { whenNearViewport } from '../../core/visibility.js';
import { subjectIdIssue } from '../../../api/shared/subject-id.js';
import { formatDate } from '../../i18n/locale.js';
import { qaMessages as t } from '../../i18n/qa-messages.js';
import { blockWidget, tokens } from '../../styles/tokens.js';
import { controls } from '../../styles/controls.js';
import { CommunityElement } from '../community-element.js';
import { ListController } from '../shared/list-controller.js';
import { TypedValue } from '../shared/typing-task.js';
import type { QaContext, QaPart } from './qa-context.js';
import { renderVote } from './qa-vote.js';
import { qaStyles } from './qa.styles.js';
import { setJsonLd } from '../../core/trusted-script.js';
import { qaPageJsonLd } from './structured-data.js';

/**
 * @summary Questions and answers about a subject: a list with votes, answer counts and
 * accepted marks, sorting and search, "load more"; a question opens inline with its answers
 * (the accepted one first). Signed-in visitors ask (seeing similar questions while they
 * type), answer, vote and accept; anonymous visitors read and see a sign-in prompt. Text
 * typed into a form is kept on the device until it is posted.
 *
 * @tag cw-qa
 *
 * @slot sign-in - Shown to anonymous visitors instead of the forms, e.g. a link to your
 *   sign-in page. Defaults to a sentence saying that signing in lets them take part.
 * @slot heading - Replaces the heading text ("Questions and answers").
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - The heading row.
 * @csspart heading - The heading.
 * @csspart toolbar - The row with search, sort and the ask button.
 * @csspart search - The search field.
 * @csspart sort - The sort menu.
 * @csspart ask-button - The button that opens the ask form.
 * @csspart sign-in - The sentence (or slot) shown to anonymous visitors.
 * @csspart form - The ask form and the answer form.
 * @csspart field - A labelled input or textarea of a form.
 * @csspart submit - A form's submit button.
 * @csspart similar - The list of similar questions in the ask form.
 * @csspart list - The list of questions.
 * @csspart question - One question in the list; `question open` when opened.
 * @csspart question-title - The button with a question's title that opens it.
 * @csspart meta - Author, date and counts of a post.
 * @csspart answered - The mark of a question with an accepted answer.
 * @csspart thread - An opened question: its text, answers and answer form.
 * @csspart post-text - The text of a question or an answer.
 * @csspart answers - The list of answers.
 * @csspart answer - One answer; `answer accepted` for the accepted one.
 * @csspart accepted - The "Accepted answer" mark.
 * @csspart invite - The asker's "Invite an expert to answer" section (questions with topics).
 * @csspart expert-mark - "Expert on <topic>": the answer's author has expertise on one of the
 *   question's topics (from the batched profiles; not shown for newcomers).
 * @csspart accept - The button that accepts an answer.
 * @csspart votes - A post's `<cw-vote>` (buttons and score).
 * @csspart vote-up - The up vote button (exported from `<cw-vote>`).
 * @csspart vote-down - The down vote button (exported from `<cw-vote>`).
 * @csspart score - The vote score (exported from `<cw-vote>`).
 * @csspart topic - One topic of a question.
 * @csspart edit - The button that edits one's own post.
 * @csspart delete - The button that deletes a post (its author's, or any for moderators).
 * @csspart confirm-delete - The button that confirms a delete.
 * @csspart load-more - A "show more" button.
 * @csspart error - A visible error message.
 * @csspart retry - A "try again" button.
 *
 * @cssprop [--cw-qa-gap=1rem] - Space between questions.
 * @cssprop [--cw-qa-max-inline-size=48rem] - Widest the widget grows.
 * @cssprop [--cw-qa-accepted-color=var(--cw-color-success)] - Colour of the accepted marks.
 *
 * @fires {QuestionSubmitDetail} cw-question-submit - A visitor's question was posted.
 * @fires {AnswerSubmitDetail} cw-answer-submit - A visitor's answer was posted.
 * @fires {VoteDetail} cw-vote - A visitor voted on a question or an answer (as they act; fired
 *   by the post's `<cw-vote>`, which the widget then writes optimistically).
 * @fires {AnswerAcceptDetail} cw-answer-accept - The asker or a moderator accepted an answer, or none.
 * @fires {ErrorDetail} cw-error - The widget showed an error to the visitor.
 */
export class CwQa extends CommunityElement {
  static override styles = [tokens, blockWidget, controls, qaStyles];

  /** The id of the thing the questions are about (SKU, page, document). */
  @property({ reflect: true }) subject: string | undefined;

  /** Order of the list: `votes` (default), `newest` or `unanswered`. */
  @property({ reflect: true }) sort: QuestionSort = 'votes';

  /** Puts schema.org `QAPage` JSON-LD for the opened question into the page (light DOM). */
  @property({ type: Boolean, reflect: true, attribute: 'structured-data' }) structuredData = false;

  @state() private viewerState: ViewerState = { status: 'loading' };
  /** The applied search (after the typing pause); the box itself is `searchText`. */
  @state() private query = '';
  @state() private searchText = '';
  @state() private openId: string | undefined;
  @state() private asking = false;
  /** An error of a vote, an acceptance or a delete, shown above the list. */
  @state() private actionError: string | undefined;
  /** A sentence for screen readers after the visitor acted. */
  @state() private announcement = '';
  /** Set once the widget came near the viewport: nothing loads before. */
  @state() private visible = false;

  #stops: Array<() => void> = [];
  /** Focus to restore after the next render (sub-elements included), by selector. */
  #focusAfterRender: string | undefined;

  readonly #questions = new ListController<Question>(this, {
    list: () =>
      this.#ready && this.client
        ? questionsFor(this.client).questions(this.subject!, this.sort, this.query)
        : undefined,
    errorAction: 'load',
  });

  /** The open question's answers, for the structured data (the thread shows them). */
  readonly #answers = new ListController<Answer>(this, {
    list: () =>
      this.#ready && this.client && this.openId && this.structuredData
        ? questionsFor(this.client).answers(this.openId)
        : undefined,
  });

  constructor() {
    super();
    // The search box's text becomes the applied query after a typing pause.
    new TypedValue(
      this,
      () => this.searchText,
      (query) => (this.query = query),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#structuredDataScript()?.remove();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.inputChanged(changed, 'subject')) {
      this.openId = undefined;
      this.follow();
    }
    // A draft left from before a reload or a sign-in redirect shows its form again.
    if (changed.has('subject') && this.subject) {
      if (draftStorage().read({ widget: 'qa', subject: this.subject, form: 'ask' })) {
        this.asking = true;
      }
    }
  }

  /** Includes the sub-elements' renders, so "updated" means the whole widget is. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    const parts = this.renderRoot.querySelectorAll<QaPart>('cw-qa-ask-form, cw-qa-thread');
    await Promise.all([...parts].map((part) => part.updateComplete));
    return result;
  }

  protected override async updated(): Promise<void> {
    this.#writeStructuredData();
    const selector = this.#focusAfterRender;
    if (!selector) return;
    this.#focusAfterRender = undefined;
    // The target may be rendered by a sub-element, which renders after this one.
    const parts = this.renderRoot.querySelectorAll<QaPart>('cw-qa-ask-form, cw-qa-thread');
    await Promise.all([...parts].map((part) => part.updateComplete));
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  get #ready(): boolean {
    return this.visible && !!this.subject && !subjectIdIssue(this.subject, '#subject');
  }

  get #viewer(): Viewer | undefined {
    return this.viewerState.status === 'ready' && this.viewerState.viewer.authenticated
      ? this.viewerState.viewer
      : undefined;
  }

  /** Follows the viewer and the list once the widget is near the viewport. */
  protected follow(): void {
    this.unfollow();
    const client = this.client;
    if (!client || !this.subject || subjectIdIssue(this.subject, '#subject')) return;
    this.#stops.push(
      whenNearViewport(this, () => {
        this.#stops.push(client.viewer.subscribe((state) => (this.viewerState = state)));
        this.visible = true;
      }),
    );
  }

  protected unfollow(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
    this.visible = false;
  }

  /** What the ask form and the open thread need from the widget. */
  get #context(): QaContext {
    return {
      client: this.client!,
      subject: this.subject!,
      viewer: this.#viewer,
      locale: this.locale,
      announce: (message) => {
        this.actionError = undefined;
        this.announcement = message;
      },
      failed: (action, message, error) => this.#failed(action, message, error),
      open: (question, focusTitle) => {
        if (question && !this.#questions.state.items.some((shown) => shown.id === question.id)) {
          this.#questions.list?.insert(question);
        }
        this.asking = false;
        this.#open(question);
        if (question && focusTitle) this.#focusAfterRender = `#toggle-${question.id}`;
      },
      closeAsk: () => {
        this.asking = false;
        this.#focusAfterRender = '[part~="ask-button"]';
      },
      deleted: (question) => {
        if (this.openId === question.id) this.#open(undefined);
        this.#focusAfterRender = '[part~="search"]';
      },
    };
  }

  #failed(action: string, message: string, error: CwError): void {
    this.actionError = message;
    reportError(this, action, error);
  }

  #open(question: Question | undefined): void {
    this.openId = question?.id;
  }

  /** Writes a vote of a question or an answer (its `<cw-vote>` already fired `cw-vote`). */
  #vote(event: CwEvent<'cw-vote'>): void {
    const detail = event.detail;
    const client = this.client;
    if (!client || detail.target === 'idea') return;
    const store = questionsFor(client);
    this.actionError = undefined;
    const write =
      detail.target === 'question'
        ? store.voteQuestion(
            this.#questions.state.items.find((q) => q.id === detail.id)!,
            detail.value,
          )
        : store.voteAnswer(
            store.answers(this.openId!).state.items.find((a) => a.id === detail.id)!,
            detail.value,
          );
    write.catch((error: unknown) => {
      const reason = toCwError(error);
      this.#failed('vote', t.voteFailed(reason.message), reason);
    });
  }

  // ——— structured data ———

  #structuredDataScript(): HTMLScriptElement | null {
    return this.querySelector(':scope > script[type="application/ld+json"][data-cw-qa]');
  }

  /** Keeps one JSON-LD script in the light DOM (where crawlers read it) for the open question. */
  #writeStructuredData(): void {
    const question = this.#questions.state.items.find((shown) => shown.id === this.openId);
    const answers = this.#answers.state;
    let script = this.#structuredDataScript();
    if (!this.structuredData || !question || answers.status !== 'ready') {
      script?.remove();
      return;
    }
    const json = qaPageJsonLd(question, answers.items);
    if (!script) {
      script = document.createElement('script');
      script.type = 'application/ld+json';
      script.dataset.cwQa = '';
      this.append(script);
    }
    setJsonLd(script, json);
  }

  // ——— rendering ———

  protected override render() {
    const invalid = this.subject ? subjectIdIssue(this.subject, '#subject') : undefined;
    return html`<section part="base" aria-labelledby="heading" @cw-vote=${this.#vote}>
      <div part="header">
        <h2 id="heading" part="heading"><slot name="heading">${t.heading()}</slot></h2>
      </div>
      ${invalid ? html`<p part="error" role="alert">${t.invalidSubject()}</p>` : this.#renderBody()}
      <span class="visually-hidden" role="status">${this.announcement}</span>
    </section>`;
  }

  #renderBody(): TemplateResult {
    const state = this.#questions.state;
    return html`${this.#renderToolbar()}
      ${
        this.asking && this.#viewer
          ? html`<cw-qa-ask-form .ctx=${this.#context}></cw-qa-ask-form>`
          : nothing
      }
      ${this.actionError ? html`<p part="error" role="alert">${this.actionError}</p>` : nothing}
      <div class="list-area" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
        ${state.status === 'loading' ? html`<p class="note">${t.loading()}</p>` : nothing}
        ${
          state.status === 'error'
            ? html`<p part="error" role="alert">${t.loadFailed()} ${state.error?.message}</p>
                <button
                  class="text-button"
                  part="retry"
                  type="button"
                  @click=${() => this.#questions.reload()}
                >
                  ${t.retry()}
                </button>`
            : nothing
        }
        ${state.status === 'ready' ? this.#renderList(state) : nothing}
      </div>`;
  }

  #renderToolbar(): TemplateResult {
    const viewer = this.#viewer;
    const anonymous = this.viewerState.status === 'ready' && !viewer;
    return html`<div part="toolbar">
      <label class="field inline"
        ><span>${t.searchLabel()}</span
        ><input
          part="search"
          type="search"
          .value=${live(this.searchText)}
          @input=${(event: Event) => (this.searchText = (event.target as HTMLInputElement).value)}
      /></label>
      <label class="field inline"
        ><span>${t.sortLabel()}</span
        ><select
          part="sort"
          @change=${(event: Event) =>
            (this.sort = (event.target as HTMLSelectElement).value as QuestionSort)}
        >
          ${(
            [
              ['votes', t.sortVotes()],
              ['newest', t.sortNewest()],
              ['unanswered', t.sortUnanswered()],
            ] as const
          ).map(
            ([value, label]) =>
              html`<option value=${value} ?selected=${this.sort === value}>${label}</option>`,
          )}
        </select></label
      >
      ${
        viewer
          ? html`<button
              class="button"
              part="ask-button"
              type="button"
              aria-expanded=${this.asking ? 'true' : 'false'}
              @click=${() => (this.asking ? this.#context.closeAsk() : this.#startAsking())}
            >
              ${t.ask()}
            </button>`
          : nothing
      }
      ${
        anonymous
          ? html`<span part="sign-in" class="note"><slot name="sign-in">${t.signIn()}</slot></span>`
          : nothing
      }
    </div>`;
  }

  #startAsking(): void {
    this.asking = true;
    this.#focusAfterRender = '#ask-title';
  }

  #renderList(state: PagedListState<Question>): TemplateResult {
    if (state.items.length === 0) {
      const empty = this.query ? t.noMatches(this.query) : this.#viewer ? t.beFirst() : t.empty();
      return html`<p class="note">${empty}</p>`;
    }
    return html`<ul part="list" aria-label=${t.listLabel()}>
        ${state.items.map((question) => this.#renderQuestion(question))}
      </ul>
      ${
        state.error && state.status === 'ready'
          ? html`<p part="error" role="alert">${t.loadMoreFailed()}</p>`
          : nothing
      }
      ${this.#questions.renderLoadMore(t.loadMore(), t.loadMore(), 'button')}`;
  }

  #renderQuestion(question: Question): TemplateResult {
    const open = this.openId === question.id;
    const ctx = this.#context;
    return html`<li part=${open ? 'question open' : 'question'} class="post">
      ${renderVote(ctx, 'question', question, t.questionVotes(question.title))}
      <div class="post-main">
        <h3 class="question-title">
          <button
            id=${`toggle-${question.id}`}
            part="question-title"
            type="button"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls=${`thread-${question.id}`}
            @click=${() => this.#open(open ? undefined : question)}
          >
            <bdi>${question.title}</bdi>
          </button>
        </h3>
        <p part="meta" class="note small">
          <span>${t.answerCount(this.locale, question.answerCount)}</span>
          ${
            question.topics.length > 0
              ? html`<span class="visually-hidden">${t.topics()}</span>${question.topics.map(
                    (topic) => html`<span part="topic" class="topic">${topic}</span>`,
                  )}`
              : nothing
          }
          ${
            question.acceptedAnswerId
              ? html`<span part="answered" class="accepted-mark">${t.answered()}</span>`
              : nothing
          }
          <span
            >${t.askedBy(question.author.name, formatDate(this.locale, question.createdAt))}${
              question.editedAt ? html` ${t.edited()}` : nothing
            }</span
          >
        </p>
        ${open ? html`<cw-qa-thread .ctx=${ctx} .question=${question}></cw-qa-thread>` : nothing}
      </div>
    </li>`;
  }
}
