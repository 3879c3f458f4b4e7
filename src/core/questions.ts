import type { CommunityBackend, QuestionSort, QuestionsBackend } from './backend.js';
import type { CommunityClient } from './client.js';
import { CwError } from './errors.js';
import { OptimisticWrites } from './optimistic.js';
import { PagedList } from './paged-list.js';
import { RestBackend } from './rest-backend.js';
import { RestQuestionsBackend } from './rest-questions.js';
import type { Answer, Question, QuestionInput, QuestionPatch, VoteValue } from './types.js';

/** What the viewer's vote changes on a question or an answer, before the server confirms. */
export function withVote<T extends { score: number; viewerVote: VoteValue }>(
  item: T,
  value: VoteValue,
): T {
  return { ...item, score: item.score - item.viewerVote + value, viewerVote: value };
}

/**
 * Questions and answers for every widget on one backend: lists by subject, order and
 * search (each a `PagedList`), answers by question, and the writes. A changed question or
 * answer (a vote, an accepted answer, a new answer) shows in every list that holds it.
 * Votes are optimistic and roll back when the backend refuses.
 */
export class QuestionsStore {
  readonly #backend: QuestionsBackend;
  readonly #questionLists = new Map<
    string,
    { subject: string; sort: QuestionSort; query: string; list: PagedList<Question> }
  >();
  readonly #answerLists = new Map<string, PagedList<Answer>>();
  /** The last version the backend confirmed, per question or answer id: what a rollback shows. */
  readonly #confirmedQuestions = new Map<string, Question>();
  readonly #confirmedAnswers = new Map<string, Answer>();
  readonly #votes = new OptimisticWrites();

  constructor(backend: QuestionsBackend) {
    this.#backend = backend;
  }

  /** The list of `subject`'s questions in `sort` order, or matching `q`; shared by key. */
  questions(subject: string, sort: QuestionSort, q = ''): PagedList<Question> {
    const key = `${subject}\u0000${sort}\u0000${q.trim()}`;
    let entry = this.#questionLists.get(key);
    if (!entry) {
      // Every search typed makes a list; forget the searches nobody shows any more.
      for (const [other, { list, query }] of this.#questionLists) {
        if (query && !list.watched) {
          list.dispose();
          this.#questionLists.delete(other);
        }
      }
      const list = new PagedList<Question>(async (cursor, signal) => {
        const page = await this.#backend.listQuestions(
          subject,
          { sort, ...(q.trim() ? { q: q.trim() } : {}), ...(cursor ? { cursor } : {}) },
          { signal },
        );
        for (const question of page.items) this.#confirmedQuestions.set(question.id, question);
        return page;
      });
      entry = { subject, sort, query: q.trim(), list };
      this.#questionLists.set(key, entry);
    }
    return entry.list;
  }

  /** The answers of one question. */
  answers(questionId: string): PagedList<Answer> {
    let list = this.#answerLists.get(questionId);
    if (!list) {
      list = new PagedList<Answer>(async (cursor, signal) => {
        const page = await this.#backend.listAnswers(questionId, cursor ? { cursor } : {}, {
          signal,
        });
        for (const answer of page.items) this.#confirmedAnswers.set(answer.id, answer);
        return page;
      });
      this.#answerLists.set(questionId, list);
    }
    return list;
  }

  /** Questions like `text`; pass the signal so a newer keystroke cancels this request. */
  similar(subject: string, text: string, signal: AbortSignal): Promise<Question[]> {
    return this.#backend.findSimilarQuestions(subject, text, { signal });
  }

  /**
   * Asks, with the draft's Idempotency-Key; the new question takes its place in every list of
   * its subject: first by newest and unanswered, after the voted-up ones by votes (ties go to
   * the newest, as the server orders them).
   */
  async ask(
    subject: string,
    input: QuestionInput,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<Question> {
    const question = await this.#backend.askQuestion(subject, input, {
      idempotencyKey,
      ...(signal && { signal }),
    });
    this.#confirmedQuestions.set(question.id, question);
    for (const entry of this.#questionLists.values()) {
      if (entry.subject !== subject) continue;
      entry.list.insert(
        question,
        entry.sort === 'votes' ? (shown) => shown.score <= question.score : 'first',
      );
    }
    return question;
  }

  /** Answers, with the draft's Idempotency-Key; the answer count follows everywhere. */
  async answer(
    question: Question,
    body: string,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<Answer> {
    const answer = await this.#backend.answerQuestion(question.id, body, {
      idempotencyKey,
      ...(signal && { signal }),
    });
    this.#confirmedAnswers.set(answer.id, answer);
    this.#answerLists.get(question.id)?.insert(answer, 'last');
    const current = this.#confirmedQuestions.get(question.id) ?? question;
    this.#showQuestion({ ...current, answerCount: current.answerCount + 1 }, true);
    return answer;
  }

  /** Accepts an answer (or none); the accepted one moves to the top of the answers. */
  async accept(question: Question, answerId: string | null): Promise<Question> {
    const updated = await this.#backend.acceptAnswer(question.id, answerId);
    this.#showQuestion(updated, true);
    const list = this.#answerLists.get(question.id);
    if (list) {
      const items = list.state.items.map((answer) => ({
        ...answer,
        accepted: answer.id === answerId,
      }));
      for (const answer of items) list.replace(answer);
      const accepted = items.find((answer) => answer.accepted);
      if (accepted) list.insert(accepted, 'first');
    }
    return updated;
  }

  /** Changes the viewer's own question; every list shows the new text. */
  async editQuestion(question: Question, patch: QuestionPatch): Promise<Question> {
    const updated = await this.#backend.editQuestion(question.id, patch);
    this.#showQuestion(updated, true);
    return updated;
  }

  /** Deletes a question (own, or any for moderators); it leaves every list. */
  async deleteQuestion(question: Question): Promise<void> {
    await this.#backend.deleteQuestion(question.id);
    this.#confirmedQuestions.delete(question.id);
    for (const { list } of this.#questionLists.values()) list.remove(question.id);
    this.#answerLists.get(question.id)?.dispose();
    this.#answerLists.delete(question.id);
  }

  async editAnswer(answer: Answer, body: string): Promise<Answer> {
    const updated = await this.#backend.editAnswer(answer.id, body);
    this.#showAnswer(updated, true);
    return updated;
  }

  /** Deletes an answer; the question's count (and accepted answer) follow everywhere. */
  async deleteAnswer(question: Question, answer: Answer): Promise<void> {
    await this.#backend.deleteAnswer(answer.id);
    this.#confirmedAnswers.delete(answer.id);
    this.#answerLists.get(question.id)?.remove(answer.id);
    const current = this.#confirmedQuestions.get(question.id) ?? question;
    this.#showQuestion(
      {
        ...current,
        answerCount: Math.max(0, current.answerCount - 1),
        acceptedAnswerId: current.acceptedAnswerId === answer.id ? null : current.acceptedAnswerId,
      },
      true,
    );
  }

  /** Sets the viewer's vote on a question at once; rolls back and rejects when refused. */
  voteQuestion(question: Question, value: VoteValue): Promise<void> {
    return this.#vote(
      `question:${question.id}`,
      () => this.#confirmedQuestions.get(question.id) ?? question,
      (shown, confirmed) => this.#showQuestion(shown, confirmed),
      (item) => withVote(item, value),
      () => this.#backend.voteQuestion(question.id, value),
    );
  }

  voteAnswer(answer: Answer, value: VoteValue): Promise<void> {
    return this.#vote(
      `answer:${answer.id}`,
      () => this.#confirmedAnswers.get(answer.id) ?? answer,
      (shown, confirmed) => this.#showAnswer(shown, confirmed),
      (item) => withVote(item, value),
      () => this.#backend.voteAnswer(answer.id, value),
    );
  }

  /** The viewer changed: every list reloads, so votes and rights are the new viewer's. */
  reloadAll(): void {
    for (const { list } of this.#questionLists.values())
      if (list.state.status !== 'loading') list.reload();
    for (const list of this.#answerLists.values())
      if (list.state.status !== 'loading') list.reload();
  }

  #vote<T>(
    key: string,
    confirmed: () => T,
    show: (item: T, confirmed: boolean) => void,
    predict: (item: T) => T,
    send: () => Promise<T>,
  ): Promise<void> {
    return this.#votes.run(key, {
      predict: () => show(predict(confirmed()), false),
      send,
      // A post's confirmed vote shows even behind a newer one: its score is the server's.
      confirm: (result) => show(result, true),
      rollBack: () => show(confirmed(), false),
    });
  }

  #showQuestion(question: Question, confirmed: boolean): void {
    if (confirmed) this.#confirmedQuestions.set(question.id, question);
    for (const { list } of this.#questionLists.values()) list.replace(question);
  }

  #showAnswer(answer: Answer, confirmed: boolean): void {
    if (confirmed) this.#confirmedAnswers.set(answer.id, answer);
    this.#answerLists.get(answer.questionId)?.replace(answer);
  }
}

/** Whether a custom backend serves questions itself. */
function servesQuestions(backend: object): backend is QuestionsBackend {
  return typeof (backend as Partial<QuestionsBackend>).listQuestions === 'function';
}

/**
 * The questions part of `backend`: its own methods when it has them, the REST routes when it
 * is the REST adapter. A custom backend without them makes `<cw-qa>` say it cannot load.
 */
export function questionsBackend(backend: CommunityBackend): QuestionsBackend {
  if (servesQuestions(backend)) return backend;
  if (backend instanceof RestBackend) return new RestQuestionsBackend(backend);
  const unsupported = () => Promise.reject(new CwError('not-found', { status: 404 }));
  return new Proxy({} as QuestionsBackend, { get: () => unsupported });
}

const stores = new WeakMap<CommunityClient, QuestionsStore>();

/**
 * The one QuestionsStore of `client`, made on first use, so widgets on one backend share
 * their lists and a page without `<cw-qa>` never loads any of this.
 */
export function questionsFor(client: CommunityClient): QuestionsStore {
  let store = stores.get(client);
  if (!store) {
    const created = new QuestionsStore(questionsBackend(client.backend));
    client.onIdentityChanged(() => created.reloadAll());
    stores.set(client, (store = created));
  }
  return store;
}
