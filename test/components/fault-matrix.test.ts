import { expect, fixture, html } from '@open-wc/testing';
import { getResponse, http, HttpResponse, type HttpResponseResolver } from 'msw';
import '../../src/index.js';
import { configure } from '../../src/core/config.js';
import type { CwCommunity } from '../../src/components/community/community.js';
import { createHandlers, problemResponse } from '../../server/msw/index.js';
import { $, fill, part, parts, text, until } from '../support/dom.js';
import { API, customerToken, startMockApi, type MockApi } from '../support/mock-api.js';

/**
 * Every posting widget and the rating against every fault a network or a service can
 * produce (issue 19). Each cell: the widget says what happened in a sentence, keeps what was
 * typed, leaves no unhandled rejection, and recovers once the API answers again. Faults are
 * msw handlers in front of the real mock; `hang` never answers and is ended by the request
 * timeout, made short here through `configure()` instead of waiting real seconds.
 */
const TIMEOUT_MS = 1_500;

type Widget = HTMLElement & { updateComplete: Promise<unknown> };

interface Fault {
  name: string;
  /** How many requests it answers before the API "returns"; the rest reach the mock. */
  times: number;
  answer: (api: MockApi, request: Request, release: Promise<void>) => Promise<Response>;
  /** What the sentence must contain; undefined when the fault heals itself unseen. */
  sentence: RegExp | undefined;
}

const problemWith = (kind: Parameters<typeof problemResponse>[0], headers = {}) => {
  const response = problemResponse(kind, 'injected');
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, String(value));
  return response;
};

const FAULTS: Fault[] = [
  { name: '500', times: 1, answer: async () => problemWith('internal'), sentence: /had a problem/ },
  {
    name: '503 + Retry-After',
    times: 1,
    answer: async () => problemWith('unavailable', { 'Retry-After': 30 }),
    sentence: /unavailable\. Please try again shortly/,
  },
  {
    name: 'hang',
    times: 1,
    answer: async (_api, _request, release) => {
      await release;
      return HttpResponse.error();
    },
    sentence: /did not answer in time/,
  },
  {
    name: 'offline',
    times: 1,
    answer: async () => HttpResponse.error(),
    sentence: /could not reach/,
  },
  {
    name: 'malformed JSON',
    times: 1,
    answer: async () =>
      new HttpResponse('{"id": "x", "title": ', {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    sentence: /could not read/,
  },
  // The client asks the host for a fresh token once and sends again: nothing to say.
  {
    name: '401 once',
    times: 1,
    answer: async () => problemWith('unauthenticated'),
    sentence: undefined,
  },
  {
    name: '401 always',
    times: 2,
    answer: async () => problemWith('unauthenticated'),
    sentence: /Sign in again/,
  },
  {
    name: '409',
    times: 1,
    answer: async () => problemWith('conflict'),
    sentence: /same time|already/,
  },
  {
    name: '413',
    times: 1,
    answer: async () => problemWith('too-large'),
    sentence: /too long to send/,
  },
  {
    name: '429',
    times: 1,
    answer: async () => problemWith('rate-limited', { 'Retry-After': 120 }),
    sentence: /try again in 120 seconds/,
  },
  {
    name: 'lost response',
    times: 1,
    // The write is done by the mock; its answer never arrives.
    answer: async (api, request) => {
      await getResponse(createHandlers(api.community, { api: API }), request);
      return HttpResponse.error();
    },
    sentence: /could not reach/,
  },
];

interface Subject<E extends Widget> {
  tag: string;
  /** The write each fault is put in front of (method and msw path). */
  write: { method: 'post' | 'put'; path: string };
  prepare?(api: MockApi, scope: string): Promise<void>;
  /** Mounts the widget on `scope` (a subject or board of its own: stores outlive a test). */
  mount(scope: string): Promise<E>;
  loaded(el: E): Promise<void>;
  /** Opens the form if needed and types the text; returns the field. */
  type(el: E, value: string): Promise<HTMLInputElement | HTMLTextAreaElement | undefined>;
  submit(el: E): void;
  /** How many times the posted item shows in the widget's list. */
  shown(el: E, value: string): number;
  /** What the widget says once the post is saved. */
  done: RegExp;
  /** What the retry button is, after a failure. */
  retry(el: E): HTMLElement | null;
}

const loadedWhen = async (el: Widget, ready: () => unknown, what: string) => {
  await until(ready, what);
  await el.updateComplete;
};
const mountIn = async <E extends Widget>(markup: ReturnType<typeof html>, tag: string) =>
  (await fixture<CwCommunity>(markup)).querySelector(tag) as unknown as E;

const qa: Subject<Widget> = {
  tag: 'cw-qa',
  write: { method: 'post', path: `${API}/subjects/:subject/questions` },
  mount: (scope) =>
    mountIn(
      html`<cw-community api=${API} token=${customerToken()}
        ><cw-qa subject=${scope}></cw-qa
      ></cw-community>`,
      'cw-qa',
    ),
  loaded: (el) =>
    loadedWhen(el, () => $(el, '.list-area[aria-busy="false"]') && part(el, 'ask-button'), 'Q&A'),
  async type(el, value) {
    if (!$(el, '#ask-title')) part(el, 'ask-button')!.click();
    await el.updateComplete;
    const field = $<HTMLInputElement>(el, '#ask-title')!;
    fill(field, value);
    return field;
  },
  submit: (el) => part(el, 'submit')!.click(),
  shown: (el, value) => parts(el, 'question-title').filter((t) => text(t).includes(value)).length,
  done: /Your question was posted/,
  retry: (el) => part(el, 'retry'),
};

const reviews: Subject<Widget> = {
  tag: 'cw-reviews',
  write: { method: 'post', path: `${API}/subjects/:subject/reviews` },
  mount: (scope) =>
    mountIn(
      html`<cw-community api=${API} token=${customerToken()}
        ><cw-reviews subject=${scope}></cw-reviews
      ></cw-community>`,
      'cw-reviews',
    ),
  loaded: (el) =>
    loadedWhen(
      el,
      () =>
        $(el, '[part="base"][aria-busy="false"]') && (part(el, 'write-button') || part(el, 'form')),
      'reviews',
    ),
  async type(el, value) {
    if (!part(el, 'form')) part(el, 'write-button')!.click();
    await until(() => $(el, '#body'), 'the review form');
    const stars = $(el, 'cw-rating-input') as HTMLElement & { value: number };
    if (!stars.value) {
      stars.value = 4;
      stars.dispatchEvent(new Event('change'));
    }
    fill($<HTMLInputElement>(el, '#title')!, 'Matrix review');
    const body = $<HTMLTextAreaElement>(el, '#body')!;
    fill(body, value);
    await el.updateComplete;
    return body;
  },
  submit: (el) => parts(el, 'submit')[0]!.click(),
  shown: (el, value) => parts(el, 'review-body').filter((b) => text(b).includes(value)).length,
  done: /Your review was published/,
  retry: (el) => part(el, 'retry'),
};

const ideas: Subject<Widget> = {
  tag: 'cw-idea-board',
  write: { method: 'post', path: `${API}/boards/:board/ideas` },
  prepare: (api, scope) => api.community.ideas.saveBoard({ id: scope, title: 'Matrix board' }),
  mount: (scope) =>
    mountIn(
      html`<cw-community api=${API} token=${customerToken()}
        ><cw-idea-board board=${scope}></cw-idea-board
      ></cw-community>`,
      'cw-idea-board',
    ),
  loaded: (el) =>
    loadedWhen(
      el,
      () => part(el, 'base')?.getAttribute('aria-busy') === 'false' && part(el, 'share'),
      'the board',
    ),
  async type(el, value) {
    if (!el.shadowRoot!.getElementById('idea-title')) part(el, 'share')!.click();
    await el.updateComplete;
    const field = el.shadowRoot!.getElementById('idea-title') as HTMLInputElement;
    fill(field, value);
    return field;
  },
  submit: (el) => parts(el, 'submit')[0]!.click(),
  shown: (el, value) => parts(el, 'idea').filter((li) => text(li).includes(value)).length,
  done: /was posted/,
  retry: (el) => part(el, 'retry'),
};

/** The rating: the fault is in front of the vote (PUT); "typed" is the star chosen. */
const rating: Subject<Widget> = {
  tag: 'cw-rating',
  write: { method: 'put', path: `${API}/subjects/:subject/rating` },
  mount: (scope) =>
    mountIn(
      html`<cw-community api=${API} token=${customerToken()}
        ><cw-rating subject=${scope}></cw-rating
      ></cw-community>`,
      'cw-rating',
    ),
  loaded: (el) => loadedWhen(el, () => $(el, 'cw-rating-input'), 'the rating'),
  async type() {
    return undefined;
  },
  submit: (el) => {
    const input = $(el, 'cw-rating-input')!;
    const star = [...input.shadowRoot!.querySelectorAll<HTMLElement>('[role="radio"]')][3]!;
    star.click();
  },
  shown: (el) =>
    ($(el, 'cw-rating-input') as HTMLElement & { value: number }).value === 4 ? 1 : 0,
  done: /You rated this 4 stars/,
  retry: () => null,
};

describe('fault matrix', () => {
  const rejections: unknown[] = [];
  const onRejection = (event: PromiseRejectionEvent) => rejections.push(event.reason);
  let releaseHang!: () => void;
  before(() => {
    addEventListener('unhandledrejection', onRejection);
    configure({ timeout: { read: TIMEOUT_MS * 4, write: TIMEOUT_MS } });
  });
  after(() => {
    removeEventListener('unhandledrejection', onRejection);
    configure({ timeout: undefined });
  });
  beforeEach(() => {
    localStorage.clear();
    rejections.length = 0;
  });
  afterEach(() => releaseHang?.());

  for (const subject of [qa, reviews, ideas, rating]) {
    describe(subject.tag, () => {
      for (const [index, fault] of FAULTS.entries()) {
        const scope = `matrix-${subject.tag}-${index}`;
        it(`${fault.name}: says so, keeps the text, recovers`, async () => {
          const api = await startMockApi();
          await subject.prepare?.(api, scope);
          const release = new Promise<void>((resolve) => (releaseHang = resolve));
          let left = fault.times;
          const resolver: HttpResponseResolver = ({ request }) =>
            // Only this cell's writes: a write of the cell before may still be on its way.
            request.url.includes(`/${scope}/`) && left-- > 0
              ? fault.answer(api, request, release)
              : undefined;
          api.use(http[subject.write.method](subject.write.path, resolver));
          const el = await subject.mount(scope);
          await subject.loaded(el);
          const value = `Matrix ${fault.name} ${subject.tag} text?`;
          const field = await subject.type(el, value);
          subject.submit(el);
          if (fault.sentence) {
            await until(
              () => fault.sentence!.test(text(el)),
              `no sentence for ${fault.name}`,
            ).catch((error: Error) => {
              const sent = api.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`);
              throw new Error(`${error.message}; says: ${text(el)}; sent: ${sent}; left ${left}`);
            });
            if (field) {
              expect(field.value).to.equal(value);
              expect(subject.shown(el, value), 'not shown while it says "not posted"').to.equal(0);
            }
            const retry = subject.retry(el);
            if (retry) {
              retry.click();
            } else {
              subject.submit(el);
            }
          }
          await until(() => subject.shown(el, value) === 1, `not shown after ${fault.name}`);
          // The saved sentence, not the optimistic star: the write has finished.
          await until(() => subject.done.test(text(el)), 'no "saved" sentence');
          if (fault.name === 'lost response') {
            // The retry replayed the same Idempotency-Key: one post, shown once.
            const writes = api.requestsTo('', subject.write.method.toUpperCase());
            const keys = new Set(writes.map((r) => r.headers.get('Idempotency-Key')));
            if (subject !== rating) expect(keys.size).to.equal(1);
          }
          expect(subject.shown(el, value)).to.equal(1);
          expect(rejections).to.deep.equal([]);
        });
      }
    });
  }
});
