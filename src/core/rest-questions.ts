import type { CreateOptions, QuestionQuery, QuestionsBackend, RequestOptions } from './backend.js';
import type { PageResult } from './paged-list.js';
import { searchParams, type RestBackend } from './rest-backend.js';
import type { Answer, Question, QuestionInput, QuestionPatch, VoteValue } from './types.js';

/** The questions and answers routes of api/openapi.yaml, over a `RestBackend`'s requests. */
export class RestQuestionsBackend implements QuestionsBackend {
  readonly #rest: RestBackend;

  constructor(rest: RestBackend) {
    this.#rest = rest;
  }

  listQuestions(
    subject: string,
    { sort, q, cursor, limit }: QuestionQuery = {},
    options?: RequestOptions,
  ): Promise<PageResult<Question>> {
    const query = searchParams({ sort, q, cursor, limit });
    return this.#rest.request(
      'GET',
      `/subjects/${encodeURIComponent(subject)}/questions${query}`,
      options,
    );
  }

  async findSimilarQuestions(
    subject: string,
    text: string,
    { limit, ...options }: RequestOptions & { limit?: number } = {},
  ): Promise<Question[]> {
    const query = searchParams({ subject, q: text, limit });
    const list = await this.#rest.request<{ items: Question[] }>(
      'GET',
      `/questions/similar${query}`,
      options,
    );
    return list.items;
  }

  getQuestion(id: string, options?: RequestOptions): Promise<Question> {
    return this.#rest.request('GET', `/questions/${encodeURIComponent(id)}`, options);
  }

  askQuestion(subject: string, input: QuestionInput, options?: CreateOptions): Promise<Question> {
    return this.#rest.request(
      'POST',
      `/subjects/${encodeURIComponent(subject)}/questions`,
      options,
      input,
    );
  }

  editQuestion(id: string, patch: QuestionPatch, options?: RequestOptions): Promise<Question> {
    return this.#rest.request('PATCH', `/questions/${encodeURIComponent(id)}`, options, patch);
  }

  async deleteQuestion(id: string, options?: RequestOptions): Promise<void> {
    await this.#rest.request('DELETE', `/questions/${encodeURIComponent(id)}`, options);
  }

  voteQuestion(id: string, value: VoteValue, options?: RequestOptions): Promise<Question> {
    return this.#rest.request('PUT', `/questions/${encodeURIComponent(id)}/vote`, options, {
      value,
    });
  }

  acceptAnswer(
    questionId: string,
    answerId: string | null,
    options?: RequestOptions,
  ): Promise<Question> {
    return this.#rest.request(
      'PUT',
      `/questions/${encodeURIComponent(questionId)}/accepted`,
      options,
      {
        answerId,
      },
    );
  }

  listAnswers(
    questionId: string,
    { cursor, limit }: { cursor?: string; limit?: number } = {},
    options?: RequestOptions,
  ): Promise<PageResult<Answer>> {
    const query = searchParams({ cursor, limit });
    return this.#rest.request(
      'GET',
      `/questions/${encodeURIComponent(questionId)}/answers${query}`,
      options,
    );
  }

  answerQuestion(questionId: string, body: string, options?: CreateOptions): Promise<Answer> {
    return this.#rest.request(
      'POST',
      `/questions/${encodeURIComponent(questionId)}/answers`,
      options,
      {
        body,
      },
    );
  }

  editAnswer(id: string, body: string, options?: RequestOptions): Promise<Answer> {
    return this.#rest.request('PATCH', `/answers/${encodeURIComponent(id)}`, options, { body });
  }

  async deleteAnswer(id: string, options?: RequestOptions): Promise<void> {
    await this.#rest.request('DELETE', `/answers/${encodeURIComponent(id)}`, options);
  }

  voteAnswer(id: string, value: VoteValue, options?: RequestOptions): Promise<Answer> {
    return this.#rest.request('PUT', `/answers/${encodeURIComponent(id)}/vote`, options, { value });
  }
}
