import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  ANSWER_BODY_LIMITS,
  QUESTION_BODY_LIMITS,
  QUESTION_TITLE_LIMITS,
} from '../../../api/limits.js';
import { normalizeUserText, textLength } from '../../../api/shared/user-text.js';
import type { QuestionSort } from '../../core/backend.js';
import type { CommunityClient } from '../../core/client.js';
import { DraftController } from '../../core/drafts.js';
import { toCwError, type CwError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { profilesOf, type Expert, type UserProfile } from '../../core/experts.js';
import { newIdempotencyKey } from '../../core/idempotency.js';
import { questionsFor } from '../../core/questions.js';
import type { PagedList, PagedListState } from '../../core/paged-list.js';
import type { Answer, Question, Viewer, VoteValue } from '../../core/types.js';
import type { ViewerState } from '../../core/viewer.js';
import { whenNearViewport } from '../../core/visibility.js';
import { subjectIdIssue } from '../../../api/shared/subject-id.js';
import { formatDate } from '../../i18n/locale.js';
import { expertMessages } from '../../i18n/expert-messages.js';
import { qaMessages as t } from '../../i18n/qa-messages.js';
import { tokens } from '../../styles/tokens.js';
import { CommunityElement } from '../community-element.js';
import { renderUserText } from '../user-text.js';
import { qaStyles } from './qa.styles.js';
import { qaPageJsonLd } from './structured-data.js';

/** How long typing in the title or the search box pauses before a request goes out. */
const TYPING_PAUSE_MS = 300;
/** Titles shorter than this are too vague to find similar questions for. */
const MIN_SIMILAR_LENGTH = 4;

const emptyList = <T>(): PagedListState<T> => ({
  status: 'loading',
  items: [],
  hasMore: false,
  loadingMore: false,
  error: undefined,
});

type SimilarState = { text: string; items: Question[] };
type FormError = { message: string; retry: boolean };

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
 * @csspart votes - The vote buttons and score of a post.
 * @csspart vote-up - The up vote button.
 * @csspart vote-down - The down vote button.
 * @csspart score - The vote score.
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
 * @fires {VoteDetail} cw-vote - A visitor voted on a question or an answer (as they act).
 * @fires {AnswerAcceptDetail} cw-answer-accept - The asker or a moderator accepted an answer, or none.
 * @fires {ErrorDetail} cw-error - The widget showed an error to the visitor.
 */
export class CwQa extends CommunityElement {
  static override styles = [tokens, qaStyles];

  /** The id of the thing the questions are about (SKU, page, document). */
  @property({ reflect: true }) subject: string | undefined;

  /** Order of the list: `votes` (default), `newest` or `unanswered`. */
  @property({ reflect: true }) sort: QuestionSort = 'votes';

  /** Puts schema.org `QAPage` JSON-LD for the opened question into the page (light DOM). */
  @property({ type: Boolean, reflect: true, attribute: 'structured-data' }) structuredData = false;

  @state() private listState: PagedListState<Question> = emptyList();
  @state() private viewerState: ViewerState = { status: 'loading' };
  @state() private answersState: PagedListState<Answer> = emptyList();
  /** The applied search (after the typing pause); the box itself is `searchText`. */
  @state() private query = '';
  @state() private searchText = '';
  @state() private openId: string | undefined;
  @state() private asking = false;
  @state() private similar: SimilarState = { text: '', items: [] };
  @state() private posting: 'ask' | 'answer' | 'edit' | undefined;
  /** Why the ask form was not posted; `retry` when sending again may work (not a typo). */
  @state() private askError: FormError | undefined;
  @state() private answerError: FormError | undefined;
  /** An error of a vote or an acceptance, shown above the list. */
  @state() private actionError: string | undefined;
  /** A sentence for screen readers after the visitor acted. */
  @state() private announcement = '';
  /** The post whose text is being edited, and the one waiting for a delete confirmation. */
  @state() private editing: { kind: 'question' | 'answer'; id: string } | undefined;
  @state() private confirmingDelete: string | undefined;
  @state() private editError: FormError | undefined;

  readonly #askDraft = new DraftController(this, () =>
    this.subject ? { widget: 'qa', subject: this.subject, form: 'ask' } : undefined,
  );
  readonly #answerDraft = new DraftController(this, () =>
    this.subject && this.openId
      ? { widget: 'qa', subject: this.subject, form: `answer:${this.openId}` }
      : undefined,
  );

  readonly #editDraft = new DraftController(this, () =>
    this.subject && this.editing
      ? { widget: 'qa', subject: this.subject, form: `edit:${this.editing.id}` }
      : undefined,
  );

  #client: CommunityClient | undefined;
  #list: PagedList<Question> | undefined;
  #stopFollowing: Array<() => void> = [];
  #stopList: (() => void) | undefined;
  #stopAnswers: (() => void) | undefined;
  /** Profiles of the open question's answer authors, for the expert mark (one batched read). */
  @state() private authorProfiles = new Map<string, UserProfile>();
  #profileStops = new Map<string, () => void>();
  /** The asker's invite section: experts found for the open question, and who was invited. */
  @state() private inviteExperts: Expert[] | undefined;
  @state() private invitedIds = new Set<string>();
  @state() private inviteError: CwError | undefined;
  #inviteKeys = new Map<string, string>();
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #similarTimer: ReturnType<typeof setTimeout> | undefined;
  #similarRequest: AbortController | undefined;
  /** Focus to restore after the next render, by selector within the shadow root. */
  #focusAfterRender: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unfollow();
    clearTimeout(this.#searchTimer);
    clearTimeout(this.#similarTimer);
    this.#similarRequest?.abort();
    this.#structuredDataScript()?.remove();
  }

  protected clientChanged(client: CommunityClient | undefined): void {
    this.#client = client;
    if (this.isConnected) this.#follow();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // `query` is private state, which PropertyValues<this> does not name.
    const queryChanged = (changed as Map<PropertyKey, unknown>).has('query');
    if (changed.has('subject') && this.hasUpdated) {
      this.openId = undefined;
      this.#follow();
    } else if ((changed.has('sort') || queryChanged) && this.hasUpdated) {
      this.#followList();
    }
    // A draft left from before a reload or a sign-in redirect shows its form again.
    if (changed.has('subject') && !this.#askDraft.isEmpty) this.asking = true;
  }

  protected override updated(): void {
    if (this.#focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(this.#focusAfterRender)?.focus();
      this.#focusAfterRender = undefined;
    }
    this.#writeStructuredData();
  }

  get #viewer(): Viewer | undefined {
    return this.viewerState.status === 'ready' && this.viewerState.viewer.authenticated
      ? this.viewerState.viewer
      : undefined;
  }

  get #openQuestion(): Question | undefined {
    return this.listState.items.find((question) => question.id === this.openId);
  }

  /** Follows the viewer and the list once the widget is near the viewport. */
  #follow(): void {
    this.#unfollow();
    const client = this.#client;
    if (!client || !this.subject || subjectIdIssue(this.subject, '#subject')) return;
    this.#stopFollowing.push(
      whenNearViewport(this, () => {
        this.#stopFollowing.push(client.viewer.subscribe((state) => (this.viewerState = state)));
        this.#followList();
      }),
    );
  }

  #followList(): void {
    this.#stopList?.();
    const client = this.#client;
    if (!client || !this.subject) return;
    const list = questionsFor(client).questions(this.subject, this.sort, this.query);
    this.#list = list;
    this.#stopList = list.subscribe((state) => {
      const failedNow = state.error && state.error !== this.listState.error;
      this.listState = state;
      if (failedNow) this.#reportError('load', state.error!);
    });
  }

  #unfollow(): void {
    for (const stop of this.#stopFollowing) stop();
    this.#stopFollowing = [];
    this.#stopList?.();
    this.#stopList = undefined;
    this.#stopAnswers?.();
    this.#stopAnswers = undefined;
    this.#stopProfiles();
  }

  #reportError(action: string, error: CwError): void {
    emit(this, 'cw-error', {
      action,
      kind: error.kind,
      status: error.status,
      message: error.message,
    });
  }

  // ——— searching and sorting ———

  #searchInput(event: Event): void {
    this.searchText = (event.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => (this.query = this.searchText.trim()), TYPING_PAUSE_MS);
  }

  #sortChange(event: Event): void {
    this.sort = (event.target as HTMLSelectElement).value as QuestionSort;
  }

  // ——— opening a question ———

  #toggle(question: Question): void {
    this.#open(this.openId === question.id ? undefined : question);
  }

  #open(question: Question | undefined): void {
    this.#stopAnswers?.();
    this.#stopAnswers = undefined;
    this.#stopProfiles();
    this.answerError = undefined;
    this.openId = question?.id;
    this.answersState = emptyList();
    if (!question || !this.#client) return;
    const answers = questionsFor(this.#client).answers(question.id);
    this.#stopAnswers = answers.subscribe((state) => {
      this.answersState = state;
      this.#followAuthors(state.items);
    });
  }

  /** Follows the profiles of answer authors not followed yet; each page is one `GET /users`. */
  #followAuthors(answers: readonly Answer[]): void {
    const profiles = this.#client ? profilesOf(this.#client) : null;
    if (!profiles) return;
    for (const answer of answers) {
      const id = answer.author.id;
      if (this.#profileStops.has(id)) continue;
      this.#profileStops.set(
        id,
        profiles.subscribe(id, (state) => {
          if (state.status !== 'ready') return;
          this.authorProfiles = new Map(this.authorProfiles).set(id, state.profile);
        }),
      );
    }
  }

  #stopProfiles(): void {
    for (const stop of this.#profileStops.values()) stop();
    this.#profileStops.clear();
    this.authorProfiles = new Map();
    this.inviteExperts = undefined;
    this.invitedIds = new Set();
    this.inviteError = undefined;
  }

  /** The top experts on the question's first topic, other than the asker. */
  async #findExperts(question: Question): Promise<void> {
    const profiles = this.#client ? profilesOf(this.#client) : null;
    const topic = question.topics[0];
    if (!profiles || !topic) return;
    this.inviteError = undefined;
    try {
      const page = await profiles.backend.listExperts({ topic, limit: 5 });
      this.inviteExperts = page.items.filter((expert) => expert.user.id !== question.author.id);
    } catch (error) {
      this.inviteError = toCwError(error);
      this.#reportError('invite', this.inviteError);
    }
  }

  /** Invites one expert; a retry of the same invitation sends the same Idempotency-Key. */
  async #invite(question: Question, expert: Expert): Promise<void> {
    const profiles = this.#client ? profilesOf(this.#client) : null;
    if (!profiles) return;
    const key = `${question.id}:${expert.user.id}`;
    const idempotencyKey = this.#inviteKeys.get(key) ?? newIdempotencyKey();
    this.#inviteKeys.set(key, idempotencyKey);
    this.inviteError = undefined;
    try {
      await profiles.backend.inviteToAnswer(question.id, expert.user.id, { idempotencyKey });
      this.invitedIds = new Set(this.invitedIds).add(expert.user.id);
    } catch (error) {
      const problem = toCwError(error);
      // Invited before (another tab): the goal is met.
      if (problem.kind === 'conflict')
        this.invitedIds = new Set(this.invitedIds).add(expert.user.id);
      else {
        this.inviteError = problem;
        this.#reportError('invite', problem);
      }
    }
  }

  #renderInvite(question: Question): TemplateResult | typeof nothing {
    const viewer = this.#viewer;
    const topic = question.topics[0];
    if (!viewer || viewer.id !== question.author.id || !topic) return nothing;
    const experts = this.inviteExperts;
    return html`<section part="invite" aria-labelledby="invite-heading-${question.id}">
      <h4 id="invite-heading-${question.id}" class="small-heading">
        ${expertMessages.inviteHeading()}
      </h4>
      ${
        experts === undefined
          ? html`<button
              class="button small"
              type="button"
              @click=${() => this.#findExperts(question)}
            >
              ${expertMessages.findExperts(topic)}
            </button>`
          : experts.length === 0
            ? html`<p class="note">${expertMessages.noExpertsToInvite()}</p>`
            : html`<ul class="invite-list">
                ${experts.map((expert) => {
                  const name = expert.user.name ?? expertMessages.someone();
                  const invited = this.invitedIds.has(expert.user.id);
                  return html`<li>
                    ${
                      invited
                        ? html`<span class="note">${expertMessages.invited(name)}</span>`
                        : html`<button
                            class="button small"
                            type="button"
                            @click=${() => this.#invite(question, expert)}
                          >
                            ${expertMessages.invite(name)}
                          </button>`
                    }
                  </li>`;
                })}
              </ul>`
      }
      ${this.inviteError ? html`<p part="error" role="alert">${this.inviteError.message}</p>` : nothing}
    </section>`;
  }

  /** The first of the question's topics the answer's author is an expert on (not a newcomer). */
  #expertTopic(question: Question, answer: Answer): string | undefined {
    const profile = this.authorProfiles.get(answer.author.id);
    if (!profile || profile.level === 'newcomer') return undefined;
    return question.topics.find((topic) =>
      profile.topics.some((known) => known.topic === topic && known.score > 0),
    );
  }

  /** Opens a question suggested while asking: it joins the top of the list, opened. */
  #openSuggestion(question: Question): void {
    if (!this.listState.items.some((shown) => shown.id === question.id)) {
      this.#list?.insert(question);
    }
    this.asking = false;
    this.#open(question);
    this.#focusAfterRender = `#toggle-${question.id}`;
  }

  // ——— asking ———

  #startAsking(): void {
    this.asking = true;
    this.askError = undefined;
    this.#focusAfterRender = '#ask-title';
  }

  #cancelAsking(): void {
    this.asking = false;
    this.askError = undefined;
    this.#focusAfterRender = '[part~="ask-button"]';
  }

  #titleInput(event: Event): void {
    const title = (event.target as HTMLInputElement).value;
    this.#askDraft.set('title', title);
    this.askError = undefined;
    this.#lookForSimilar(title);
  }

  /**
   * Asks for questions like `title` after a typing pause. Each request cancels the one
   * before it, and only the newest request's answer is shown, so a slow, stale answer can
   * never replace a newer one.
   */
  #lookForSimilar(title: string): void {
    clearTimeout(this.#similarTimer);
    const text = title.trim();
    if (textLength(text) < MIN_SIMILAR_LENGTH) {
      this.#similarRequest?.abort();
      this.similar = { text: '', items: [] };
      return;
    }
    this.#similarTimer = setTimeout(() => {
      const client = this.#client;
      if (!client || !this.subject) return;
      this.#similarRequest?.abort();
      const request = new AbortController();
      this.#similarRequest = request;
      questionsFor(client)
        .similar(this.subject, text, request.signal)
        .then(
          (items) => {
            if (request === this.#similarRequest && !request.signal.aborted) {
              this.similar = { text, items };
            }
          },
          // Suggestions are a help, not a step: a failure simply shows none.
          () => undefined,
        );
    }, TYPING_PAUSE_MS);
  }

  /** Why the ask form cannot be sent as it is, in a sentence; undefined when it can. */
  #askProblem(title: string, details: string): string | undefined {
    const titleLength = textLength(title);
    if (titleLength < QUESTION_TITLE_LIMITS.min) return t.titleTooShort(QUESTION_TITLE_LIMITS.min);
    if (titleLength > QUESTION_TITLE_LIMITS.max) {
      return t.titleTooLong(QUESTION_TITLE_LIMITS.max, titleLength);
    }
    const detailsLength = textLength(details);
    if (detailsLength > QUESTION_BODY_LIMITS.max) {
      return t.detailsTooLong(QUESTION_BODY_LIMITS.max, detailsLength);
    }
    return undefined;
  }

  async #submitQuestion(event: Event): Promise<void> {
    event.preventDefault();
    const client = this.#client;
    const subject = this.subject;
    if (!client || !subject || this.posting) return;
    const title = normalizeUserText(this.#askDraft.value('title'));
    const details = normalizeUserText(this.#askDraft.value('details'));
    const problem = this.#askProblem(title, details);
    if (problem) {
      this.askError = { message: problem, retry: false };
      this.#focusAfterRender = '#ask-title';
      return;
    }
    this.posting = 'ask';
    this.askError = undefined;
    this.announcement = '';
    try {
      const question = await questionsFor(client).ask(
        subject,
        { title, ...(details ? { body: details } : {}) },
        this.#askDraft.submissionKey(),
      );
      this.#askDraft.clear();
      this.asking = false;
      this.similar = { text: '', items: [] };
      this.announcement = t.questionPosted();
      emit(this, 'cw-question-submit', { subject, questionId: question.id, title: question.title });
      this.#list?.insert(question);
      this.#open(question);
      this.#focusAfterRender = `#toggle-${question.id}`;
    } catch (error) {
      const reason = toCwError(error);
      this.askError = { message: t.questionNotPosted(reason.message), retry: true };
      this.#reportError('ask', reason);
    } finally {
      this.posting = undefined;
    }
  }

  // ——— answering ———

  async #submitAnswer(event: Event, question: Question): Promise<void> {
    event.preventDefault();
    const client = this.#client;
    if (!client || !this.subject || this.posting) return;
    const body = normalizeUserText(this.#answerDraft.value('body'));
    const length = textLength(body);
    if (length < ANSWER_BODY_LIMITS.min || length > ANSWER_BODY_LIMITS.max) {
      this.answerError = {
        message:
          length < ANSWER_BODY_LIMITS.min
            ? t.answerEmpty()
            : t.answerTooLong(ANSWER_BODY_LIMITS.max, length),
        retry: false,
      };
      this.#focusAfterRender = '#answer-body';
      return;
    }
    this.posting = 'answer';
    this.answerError = undefined;
    this.announcement = '';
    try {
      const answer = await questionsFor(client).answer(
        question,
        body,
        this.#answerDraft.submissionKey(),
      );
      this.#answerDraft.clear();
      this.announcement = t.answerPosted();
      emit(this, 'cw-answer-submit', {
        subject: this.subject,
        questionId: question.id,
        answerId: answer.id,
      });
    } catch (error) {
      const reason = toCwError(error);
      this.answerError = { message: t.answerNotPosted(reason.message), retry: true };
      this.#reportError('answer', reason);
    } finally {
      this.posting = undefined;
    }
  }

  // ——— voting and accepting ———

  /** Up or down; choosing the current vote again withdraws it. */
  #vote(target: 'question' | 'answer', item: Question | Answer, direction: 1 | -1): void {
    const client = this.#client;
    if (!client || !this.subject) return;
    const previous = item.viewerVote;
    const value: VoteValue = previous === direction ? 0 : direction;
    this.actionError = undefined;
    emit(this, 'cw-vote', { subject: this.subject, target, id: item.id, value, previous });
    const write =
      target === 'question'
        ? questionsFor(client).voteQuestion(item as Question, value)
        : questionsFor(client).voteAnswer(item as Answer, value);
    write.catch((error: unknown) => {
      const reason = toCwError(error);
      this.actionError = t.voteFailed(reason.message);
      this.#reportError('vote', reason);
    });
  }

  #accept(question: Question, answer: Answer): void {
    const client = this.#client;
    if (!client || !this.subject) return;
    const previous = question.acceptedAnswerId;
    const answerId = previous === answer.id ? null : answer.id;
    this.actionError = undefined;
    emit(this, 'cw-answer-accept', {
      subject: this.subject,
      questionId: question.id,
      answerId,
      previous,
    });
    questionsFor(client)
      .accept(question, answerId)
      .catch((error: unknown) => {
        const reason = toCwError(error);
        this.actionError = t.acceptFailed(reason.message);
        this.#reportError('accept', reason);
      });
  }

  #mayAccept(question: Question): boolean {
    const viewer = this.#viewer;
    return !!viewer && (viewer.id === question.author.id || viewer.roles.includes('moderator'));
  }

  // ——— editing and deleting one's own posts ———

  #isOwn(item: Question | Answer): boolean {
    return this.#viewer?.id === item.author.id;
  }

  #mayDelete(item: Question | Answer): boolean {
    return this.#isOwn(item) || !!this.#viewer?.roles.includes('moderator');
  }

  /** Opens the edit form with the post's current text, unless a draft of an edit is kept. */
  #startEditing(kind: 'question' | 'answer', item: Question | Answer): void {
    this.editing = { kind, id: item.id };
    this.editError = undefined;
    this.confirmingDelete = undefined;
    if (this.#editDraft.isEmpty) {
      if (kind === 'question') this.#editDraft.set('title', (item as Question).title);
      this.#editDraft.set('body', item.body);
    }
    this.#focusAfterRender = kind === 'question' ? '#edit-title' : '#edit-body';
  }

  #stopEditing(): void {
    const id = this.editing?.id;
    this.#editDraft.clear();
    this.editing = undefined;
    this.editError = undefined;
    if (id) this.#focusAfterRender = `[data-edit="${id}"]`;
  }

  async #saveEdit(event: Event, question: Question, answer?: Answer): Promise<void> {
    event.preventDefault();
    const client = this.#client;
    if (!client || this.posting) return;
    const body = normalizeUserText(this.#editDraft.value('body'));
    let problem: string | undefined;
    if (answer) {
      const length = textLength(body);
      if (length < ANSWER_BODY_LIMITS.min) problem = t.answerEmpty();
      else if (length > ANSWER_BODY_LIMITS.max)
        problem = t.answerTooLong(ANSWER_BODY_LIMITS.max, length);
    } else {
      problem = this.#askProblem(normalizeUserText(this.#editDraft.value('title')), body);
    }
    if (problem) {
      this.editError = { message: problem, retry: false };
      return;
    }
    this.posting = 'edit';
    try {
      const store = questionsFor(client);
      if (answer) await store.editAnswer(answer, body);
      else {
        await store.editQuestion(question, {
          title: normalizeUserText(this.#editDraft.value('title')),
          body,
        });
      }
      this.announcement = t.saved();
      this.#stopEditing();
    } catch (error) {
      const reason = toCwError(error);
      this.editError = { message: t.notSaved(reason.message), retry: true };
      this.#reportError('edit', reason);
    } finally {
      this.posting = undefined;
    }
  }

  async #delete(question: Question, answer?: Answer): Promise<void> {
    const client = this.#client;
    if (!client) return;
    this.actionError = undefined;
    try {
      const store = questionsFor(client);
      if (answer) {
        await store.deleteAnswer(question, answer);
        this.#focusAfterRender = '#answer-body';
      } else {
        await store.deleteQuestion(question);
        if (this.openId === question.id) this.#open(undefined);
        this.#focusAfterRender = '[part~="search"]';
      }
      this.confirmingDelete = undefined;
      this.announcement = t.deleted();
    } catch (error) {
      const reason = toCwError(error);
      this.actionError = t.notDeleted(reason.message);
      this.#reportError('delete', reason);
    }
  }

  /** Edit and Delete for the post's author (Delete also for moderators), with a confirm step. */
  #renderPostActions(question: Question, answer?: Answer): TemplateResult | typeof nothing {
    const item = answer ?? question;
    const own = this.#isOwn(item);
    if (!this.#mayDelete(item) || this.editing?.id === item.id) return nothing;
    if (this.confirmingDelete === item.id) {
      return html`<div class="actions" role="group" aria-label=${t.remove()}>
        <span>${answer ? t.confirmDeleteAnswer() : t.confirmDeleteQuestion()}</span>
        <button
          class="button small"
          part="confirm-delete"
          type="button"
          @click=${() => this.#delete(question, answer)}
        >
          ${t.remove()}
        </button>
        <button
          class="button small"
          type="button"
          data-keep=${item.id}
          @click=${() => {
            this.confirmingDelete = undefined;
            this.#focusAfterRender = `[data-delete="${item.id}"]`;
          }}
        >
          ${t.keep()}
        </button>
      </div>`;
    }
    return html`<div class="actions">
      ${
        own
          ? html`<button
              class="text-button"
              part="edit"
              type="button"
              data-edit=${item.id}
              @click=${() => this.#startEditing(answer ? 'answer' : 'question', item)}
            >
              ${t.edit()}
            </button>`
          : nothing
      }
      <button
        class="text-button"
        part="delete"
        type="button"
        data-delete=${item.id}
        @click=${() => {
          this.confirmingDelete = item.id;
          this.#focusAfterRender = `[data-keep="${item.id}"]`;
        }}
      >
        ${t.remove()}
      </button>
    </div>`;
  }

  #renderEditForm(question: Question, answer?: Answer): TemplateResult {
    const busy = this.posting === 'edit';
    return html`<form
      part="form"
      class="form"
      novalidate
      aria-label=${answer ? t.editAnswerLabel() : t.editQuestionLabel()}
      @submit=${(event: Event) => this.#saveEdit(event, question, answer)}
    >
      ${
        answer
          ? nothing
          : html`<div class="field">
              <label for="edit-title">${t.titleLabel()}</label>
              <input
                id="edit-title"
                part="field"
                autocomplete="off"
                .value=${live(this.#editDraft.value('title'))}
                @input=${(event: Event) =>
                  this.#editDraft.set('title', (event.target as HTMLInputElement).value)}
              />
            </div>`
      }
      <div class="field">
        <label for="edit-body">${answer ? t.yourAnswer() : t.detailsLabel()}</label>
        <textarea
          id="edit-body"
          part="field"
          rows="4"
          .value=${live(this.#editDraft.value('body'))}
          @input=${(event: Event) =>
            this.#editDraft.set('body', (event.target as HTMLTextAreaElement).value)}
        ></textarea>
      </div>
      ${this.#renderFormError(this.editError, 'edit-error')}
      <div class="actions">
        <button class="button primary" part="submit" type="submit" ?disabled=${busy}>
          ${busy ? t.posting() : t.save()}
        </button>
        <button class="button" type="button" @click=${this.#stopEditing}>${t.cancel()}</button>
      </div>
    </form>`;
  }

  // ——— structured data ———

  #structuredDataScript(): HTMLScriptElement | null {
    return this.querySelector(':scope > script[type="application/ld+json"][data-cw-qa]');
  }

  /** Keeps one JSON-LD script in the light DOM (where crawlers read it) for the open question. */
  #writeStructuredData(): void {
    const question = this.#openQuestion;
    let script = this.#structuredDataScript();
    if (!this.structuredData || !question || this.answersState.status !== 'ready') {
      script?.remove();
      return;
    }
    const json = qaPageJsonLd(question, this.answersState.items);
    if (!script) {
      script = document.createElement('script');
      script.type = 'application/ld+json';
      script.dataset.cwQa = '';
      this.append(script);
    }
    if (script.textContent !== json) script.textContent = json;
  }

  // ——— rendering ———

  protected override render() {
    const invalid = this.subject ? subjectIdIssue(this.subject, '#subject') : undefined;
    return html`<section part="base" aria-labelledby="heading">
      <div part="header">
        <h2 id="heading" part="heading"><slot name="heading">${t.heading()}</slot></h2>
      </div>
      ${invalid ? html`<p part="error" role="alert">${t.invalidSubject()}</p>` : this.#renderBody()}
      <span class="visually-hidden" role="status">${this.announcement}</span>
    </section>`;
  }

  #renderBody(): TemplateResult {
    const state = this.listState;
    return html`${this.#renderToolbar()}
      ${this.asking && this.#viewer ? this.#renderAskForm() : nothing}
      ${this.actionError ? html`<p part="error" role="alert">${this.actionError}</p>` : nothing}
      <div class="list-area" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
        ${state.status === 'loading' ? html`<p class="note">${t.loading()}</p>` : nothing}
        ${
          state.status === 'error'
            ? html`<p part="error" role="alert">${t.loadFailed()}</p>
                <button
                  class="text-button"
                  part="retry"
                  type="button"
                  @click=${() => this.#list?.reload()}
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
          @input=${this.#searchInput}
      /></label>
      <label class="field inline"
        ><span>${t.sortLabel()}</span
        ><select part="sort" @change=${this.#sortChange}>
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
              @click=${() => (this.asking ? this.#cancelAsking() : this.#startAsking())}
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

  #renderAskForm(): TemplateResult {
    const title = this.#askDraft.value('title');
    const details = this.#askDraft.value('details');
    const busy = this.posting === 'ask';
    const similar = title.trim() === this.similar.text ? this.similar.items : [];
    return html`<form part="form" class="form" novalidate @submit=${this.#submitQuestion}>
      <div class="field">
        <label for="ask-title">${t.titleLabel()}</label>
        <input
          id="ask-title"
          part="field"
          autocomplete="off"
          aria-describedby="ask-hint"
          aria-invalid=${this.askError && !this.askError.retry ? 'true' : 'false'}
          aria-errormessage="ask-error"
          .value=${live(title)}
          @input=${this.#titleInput}
        />
        <span id="ask-hint" class="note small"
          >${t.titleHint(QUESTION_TITLE_LIMITS.min, QUESTION_TITLE_LIMITS.max)}
          ${t.draftSaved()}</span
        >
      </div>
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
                        @click=${() => this.#openSuggestion(question)}
                      >
                        <bdi>${question.title}</bdi></button
                      ><span class="note small">
                        ${t.answerCount(this.locale, question.answerCount)}</span
                      >
                    </li>`,
                )}
              </ul>
            </section>`
          : nothing
      }
      <div class="field">
        <label for="ask-details">${t.detailsLabel()}</label>
        <textarea
          id="ask-details"
          part="field"
          rows="4"
          .value=${live(details)}
          @input=${(event: Event) =>
            this.#askDraft.set('details', (event.target as HTMLTextAreaElement).value)}
        ></textarea>
      </div>
      ${this.#renderFormError(this.askError, 'ask-error')}
      <div class="actions">
        <button class="button primary" part="submit" type="submit" ?disabled=${busy}>
          ${busy ? t.posting() : t.postQuestion()}
        </button>
        <button class="button" type="button" @click=${this.#cancelAsking}>${t.cancel()}</button>
      </div>
    </form>`;
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
      ${
        state.hasMore
          ? html`<button
              class="button"
              part="load-more"
              type="button"
              ?disabled=${state.loadingMore}
              @click=${() => this.#list?.loadMore()}
            >
              ${t.loadMore()}
            </button>`
          : nothing
      }`;
  }

  #renderQuestion(question: Question): TemplateResult {
    const open = this.openId === question.id;
    return html`<li part=${open ? 'question open' : 'question'} class="post">
      ${this.#renderVotes('question', question, t.questionVotes(question.title))}
      <div class="post-main">
        <h3 class="question-title">
          <button
            id=${`toggle-${question.id}`}
            part="question-title"
            type="button"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls=${`thread-${question.id}`}
            @click=${() => this.#toggle(question)}
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
        ${open ? this.#renderThread(question) : nothing}
      </div>
    </li>`;
  }

  #renderThread(question: Question): TemplateResult {
    const state = this.answersState;
    return html`<div
      id=${`thread-${question.id}`}
      part="thread"
      role="region"
      aria-label=${question.title}
    >
      ${
        this.editing?.id === question.id
          ? this.#renderEditForm(question)
          : html`<div part="post-text" class="user-text">${renderUserText(question.body)}</div>
              ${this.#renderPostActions(question)}`
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
              ${state.items.map((answer) => this.#renderAnswer(question, answer))}
            </ul>`
          : nothing
      }
      ${
        state.hasMore
          ? html`<button
              class="button"
              part="load-more"
              type="button"
              ?disabled=${state.loadingMore}
              @click=${() => this.#client && questionsFor(this.#client).answers(question.id).loadMore()}
            >
              ${t.loadMoreAnswers()}
            </button>`
          : nothing
      }
      ${this.#renderInvite(question)} ${this.#viewer ? this.#renderAnswerForm(question) : nothing}
    </div>`;
  }

  #renderAnswer(question: Question, answer: Answer): TemplateResult {
    const mayAccept = this.#mayAccept(question);
    const expertTopic = this.#expertTopic(question, answer);
    return html`<li part=${answer.accepted ? 'answer accepted' : 'answer'} class="post">
      ${this.#renderVotes('answer', answer, t.answerVotes(answer.author.name))}
      <div class="post-main">
        ${
          answer.accepted
            ? html`<p part="accepted" class="accepted-mark">${t.acceptedAnswer()}</p>`
            : nothing
        }
        ${
          this.editing?.id === answer.id
            ? this.#renderEditForm(question, answer)
            : html`<div part="post-text" class="user-text">${renderUserText(answer.body)}</div>`
        }
        <p part="meta" class="note small">
          ${t.answeredBy(answer.author.name, formatDate(this.locale, answer.createdAt))}${
            answer.editedAt ? html` ${t.edited()}` : nothing
          }${
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
                @click=${() => this.#accept(question, answer)}
              >
                ${t.accept()}
              </button>`
            : nothing
        }
        ${this.#renderPostActions(question, answer)}
      </div>
    </li>`;
  }

  #renderAnswerForm(question: Question): TemplateResult {
    const busy = this.posting === 'answer';
    return html`<form
      part="form"
      class="form"
      novalidate
      @submit=${(event: Event) => this.#submitAnswer(event, question)}
    >
      <div class="field">
        <label for="answer-body">${t.yourAnswer()}</label>
        <textarea
          id="answer-body"
          part="field"
          rows="4"
          aria-describedby="answer-hint"
          aria-invalid=${this.answerError && !this.answerError.retry ? 'true' : 'false'}
          aria-errormessage="answer-error"
          .value=${live(this.#answerDraft.value('body'))}
          @input=${(event: Event) => {
            this.answerError = undefined;
            this.#answerDraft.set('body', (event.target as HTMLTextAreaElement).value);
          }}
        ></textarea>
        <span id="answer-hint" class="note small">${t.draftSaved()}</span>
      </div>
      ${this.#renderFormError(this.answerError, 'answer-error')}
      <div class="actions">
        <button class="button primary" part="submit" type="submit" ?disabled=${busy}>
          ${busy ? t.posting() : t.postAnswer()}
        </button>
      </div>
    </form>`;
  }

  /**
   * A form's error. After a failed post, "Try again" sends the same text with the same
   * Idempotency-Key (kept in the draft), so a post that did arrive is not created twice.
   */
  #renderFormError(error: FormError | undefined, id: string): TemplateResult | typeof nothing {
    if (!error) return nothing;
    return html`<div class="form-error">
      <p id=${id} part="error" role="alert">${error.message}</p>
      ${
        error.retry
          ? html`<button
              class="text-button"
              part="retry"
              type="button"
              ?disabled=${this.posting !== undefined}
              @click=${(event: Event) =>
                (event.target as HTMLElement).closest('form')?.requestSubmit()}
            >
              ${t.retry()}
            </button>`
          : nothing
      }
    </div>`;
  }

  /** Score with up/down toggle buttons for signed-in visitors; the score alone otherwise. */
  #renderVotes(
    target: 'question' | 'answer',
    item: Question | Answer,
    label: string,
  ): TemplateResult {
    const viewer = this.#viewer;
    const score = html`<span part="score" aria-hidden="true">${item.score}</span
      ><span class="visually-hidden">${t.voteCount(this.locale, item.score)}</span>`;
    if (!viewer || viewer.id === item.author.id) {
      return html`<div part="votes" class="votes">${score}</div>`;
    }
    return html`<div part="votes" class="votes" role="group" aria-label=${label}>
      <button
        part="vote-up"
        class="vote"
        type="button"
        aria-label=${t.upvote()}
        aria-pressed=${item.viewerVote === 1 ? 'true' : 'false'}
        @click=${() => this.#vote(target, item, 1)}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M8 3l6 8H2z" /></svg>
      </button>
      ${score}
      <button
        part="vote-down"
        class="vote"
        type="button"
        aria-label=${t.downvote()}
        aria-pressed=${item.viewerVote === -1 ? 'true' : 'false'}
        @click=${() => this.#vote(target, item, -1)}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M8 13L2 5h12z" /></svg>
      </button>
    </div>`;
  }
}
