import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/index.js';
import type { CwCommunity } from '../../src/components/community/community.js';
import type { CwQa } from '../../src/components/qa/qa.js';
import type { Question } from '../../src/core/types.js';
import { demoPersonas, problemResponse } from '../../server/msw/index.js';
import {
  $,
  fill,
  focused,
  loaded as loadedWhen,
  part,
  parts,
  text,
  until,
} from '../support/dom.js';
import { postingWidgetSuite } from '../support/posting-suite.js';
import { API, customerToken, startMockApi, type MockApi } from '../support/mock-api.js';

const casey = demoPersonas.customer;
const emery = demoPersonas.employee;
const morgan = demoPersonas.moderator;

/**
 * The list is shown AND the viewer is known (the ask button or the sign-in sentence), so
 * vote buttons are there for a signed-in visitor.
 */
const loaded = (el: CwQa) =>
  loadedWhen(
    el,
    () => $(el, '.list-area[aria-busy="false"]') && (part(el, 'ask-button') || part(el, 'sign-in')),
    'questions did not load',
  );

/** `<cw-qa>` inside a provider; signed in as Casey unless `token` is null. */
async function qaIn(subject: string, options: { token?: string | null; attrs?: string } = {}) {
  const token = options.token === undefined ? customerToken() : options.token;
  const community = await fixture<CwCommunity>(
    token
      ? html`<cw-community api=${API} token=${token}
          ><cw-qa subject=${subject} ?structured-data=${options.attrs === 'structured-data'}></cw-qa
        ></cw-community>`
      : html`<cw-community api=${API}><cw-qa subject=${subject}></cw-qa></cw-community>`,
  );
  const el = community.querySelector('cw-qa')!;
  await loaded(el);
  return el;
}

async function ask(api: MockApi, subject: string, title: string, by = emery, body = '') {
  return api.community.questions.ask(by, subject, { title, body });
}

/** Presses Tab until the focused element in the widget matches, as a keyboard user would. */
async function tabTo(el: Element, matches: (focused: HTMLElement) => boolean, what: string) {
  for (let i = 0; i < 60; i += 1) {
    const current = focused(el);
    if (current && matches(current)) return current;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what}`);
}

describe('cw-qa', () => {
  beforeEach(() => localStorage.clear());

  describe('reading', () => {
    it('lists questions with votes, answer counts and accepted marks; anonymous visitors read only', async () => {
      const api = await startMockApi();
      const first = await ask(api, 'sku-1', 'Does the lid lock when boiling?');
      await ask(api, 'sku-1', 'How long is the power cord?', casey);
      const answer = await api.community.questions.answer(casey, first.id, {
        body: 'Yes, it clicks shut.',
      });
      await api.community.questions.accept(emery, first.id, { answerId: answer.id });
      await api.community.questions.voteQuestion(casey, first.id, { value: 1 });
      const el = await qaIn('sku-1', { token: null });
      const items = parts(el, 'question');
      expect(items).to.have.length(2);
      expect(items[0]!.textContent).to.contain('Does the lid lock when boiling?');
      expect(part(items[0]!, 'score')!.textContent!.trim()).to.equal('1');
      expect(items[0]!.querySelector('[part~="meta"]')!.textContent).to.contain('1 answer');
      expect(items[0]!.querySelector('[part="answered"]')).to.exist;
      expect(part(el, 'vote-up')).to.equal(null);
      expect(part(el, 'ask-button')).to.equal(null);
      expect(text(el)).to.contain('Sign in to ask, answer and vote.');
      await expect(el).to.be.accessible();
      part(el, 'question-title')!.click();
      await until(() => part(el, 'answer'), 'answers did not load');
      expect(part(el, 'accepted')!.textContent).to.contain('Accepted answer');
      expect($(el, 'form')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('shows the empty state, and the error state with a retry', async () => {
      const api = await startMockApi();
      const el = await qaIn('sku-empty');
      expect(text(el)).to.contain('No questions yet. Be the first to ask.');
      await expect(el).to.be.accessible();
      let failures = 1;
      api.use(
        http.get(`${API}/subjects/:subject/questions`, () =>
          failures-- > 0 ? problemResponse('internal', 'boom') : undefined,
        ),
      );
      const failing = await qaIn('sku-failing');
      expect(part(failing, 'error')!.textContent).to.contain('Questions could not be loaded.');
      await expect(failing).to.be.accessible();
      part(failing, 'retry')!.click();
      await until(() => text(failing).includes('No questions yet'), 'the retry did not load');
    });

    it('sorts, searches and loads more by cursor', async () => {
      const api = await startMockApi();
      for (let i = 1; i <= 22; i += 1)
        await ask(api, 'sku-many', `Question number ${i} about the toaster`);
      await ask(api, 'sku-many', 'Can it descale with vinegar?');
      const el = await qaIn('sku-many', { token: null });
      expect(parts(el, 'question')).to.have.length(20);
      part(el, 'load-more')!.click();
      await until(() => parts(el, 'question').length === 23, 'the next page did not load');
      expect(part(el, 'load-more')).to.equal(null);
      const sort = part(el, 'sort') as HTMLSelectElement;
      sort.value = 'newest';
      sort.dispatchEvent(new Event('change'));
      await until(() => parts(el, 'question')[0]?.textContent?.includes('vinegar'));
      fill(part(el, 'search') as HTMLInputElement, 'vinegar');
      await until(() => parts(el, 'question').length === 1, 'search did not apply');
      fill(part(el, 'search') as HTMLInputElement, 'nothingmatches');
      await until(() => text(el).includes('No questions match “nothingmatches”.'));
      await expect(el).to.be.accessible();
    });

    it('places a new question by the current sort, not pinned on top', async () => {
      const api = await startMockApi();
      const liked = await ask(api, 'sku-order', 'Which lid fits the big pot?');
      await api.community.questions.voteQuestion(casey, liked.id, { value: 1 });
      await ask(api, 'sku-order', 'Older question nobody voted on');
      const el = await qaIn('sku-order');
      expect((part(el, 'sort') as HTMLSelectElement).value).to.equal('votes');
      part(el, 'ask-button')!.click();
      await el.updateComplete;
      fill($<HTMLInputElement>(el, '#ask-title')!, 'Does the handle get hot?');
      part(el, 'submit')!.click();
      await until(() => parts(el, 'question').length === 3, 'the new question did not appear');
      const titles = parts(el, 'question').map((q) => text(part(q, 'question-title')));
      // By votes: the voted-up one first, then the newest of the unvoted.
      expect(titles).to.deep.equal([
        'Which lid fits the big pot?',
        'Does the handle get hot?',
        'Older question nobody voted on',
      ]);
    });

    it('20 widgets load with one list request each, counts included, nothing per item', async () => {
      const api = await startMockApi();
      const subjects = Array.from({ length: 20 }, (_, i) => `page-${i}`);
      for (const subject of subjects) {
        const question = await ask(api, subject, `Question about ${subject} here`);
        await api.community.questions.answer(casey, question.id, { body: 'An answer.' });
      }
      const community = await fixture<CwCommunity>(
        html`<cw-community api=${API} token=${customerToken()}>
          ${subjects.map((s) => html`<cw-qa subject=${s}></cw-qa>`)}
        </cw-community>`,
      );
      const widgets = [...community.querySelectorAll('cw-qa')];
      for (const widget of widgets) {
        widget.scrollIntoView();
        await loaded(widget);
      }
      const paths = api.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`);
      expect(paths.filter((p) => p.endsWith('/questions'))).to.have.length(20);
      expect(
        paths.filter((p) => p.includes('/answers') || /\/questions\/[^/]+$/.test(p)),
      ).to.deep.equal([]);
      expect(paths.filter((p) => p.endsWith('/me'))).to.have.length(1);
      expect(widgets.every((w) => text(w).includes('1 answer'))).to.equal(true);
    });
  });

  describe('taking part', () => {
    it('ask → answer → accept → vote, entirely by keyboard', async () => {
      const api = await startMockApi();
      const other = await ask(api, 'sku-kbd', 'What is the warranty period?', emery);
      const events: string[] = [];
      for (const type of [
        'cw-question-submit',
        'cw-answer-submit',
        'cw-answer-accept',
        'cw-vote',
      ]) {
        document.addEventListener(type, () => events.push(type), { once: true });
      }
      const el = await qaIn('sku-kbd');
      el.focus();
      await tabTo(el, (f) => f.matches('[part~="ask-button"]'), 'the ask button');
      await sendKeys({ press: 'Enter' });
      await until(() => focused(el)?.id === 'ask-title', 'the title field did not take focus');
      await sendKeys({ type: 'Does the lid lock while it boils?' });
      await tabTo(el, (f) => f.id === 'ask-details', 'the details field');
      await sendKeys({ type: 'Asking for a household with children.' });
      await tabTo(el, (f) => f.matches('[part~="submit"]'), 'the post button');
      await sendKeys({ press: 'Enter' });
      await until(
        () => text(el).includes('Your question was posted.'),
        'the question was not posted',
      );
      await until(
        () => focused(el)?.matches('[part~="question-title"]'),
        'focus did not move to the question',
      );
      expect(focused(el)!.getAttribute('aria-expanded')).to.equal('true');
      await expect(el).to.be.accessible();

      await tabTo(el, (f) => f.id === 'answer-body', 'the answer field');
      await sendKeys({ type: 'Yes: it clicks shut.' });
      await tabTo(el, (f) => f.matches('[part~="submit"]'), 'the answer button');
      await sendKeys({ press: 'Enter' });
      await until(() => part(el, 'answer'), 'the answer did not appear');

      await tabTo(el, (f) => f.matches('[part~="accept"]'), 'the accept button');
      await sendKeys({ press: 'Space' });
      await until(
        () => part(el, 'accept')?.getAttribute('aria-pressed') === 'true',
        'not accepted',
      );
      expect(part(el, 'accepted')).to.exist;
      // The accepted answer is no longer offered for accepting; pressing again withdraws it.
      expect(text(part(el, 'accept'))).to.equal('Accepted');
      expect(text(el)).not.to.contain('Accept this answer');
      await expect(el).to.be.accessible();

      const otherItem = parts(el, 'question').find((q) => q.textContent!.includes(other.title))!;
      const up = part(otherItem, 'vote-up')!;
      await tabTo(el, (f) => f === up, 'the vote button of the other question');
      await sendKeys({ press: 'Enter' });
      await until(() => up.getAttribute('aria-pressed') === 'true');
      expect(part(otherItem, 'score')!.textContent!.trim()).to.equal('1');
      expect(events).to.deep.equal([
        'cw-question-submit',
        'cw-answer-submit',
        'cw-answer-accept',
        'cw-vote',
      ]);
      await until(() => api.requestsTo('/vote', 'PUT').length === 1);
      await until(() => !part(el, 'vote-up')?.closest('[aria-busy="true"]'));
      for (
        let i = 0;
        i < 50 && (await api.community.questions.get(null, other.id)).score !== 1;
        i += 1
      ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect((await api.community.questions.get(null, other.id)).score).to.equal(1);
    });

    it('a failed post keeps the text, a reload restores it, and the retry reuses its Idempotency-Key', async () => {
      const api = await startMockApi();
      api.use(
        http.post(
          `${API}/subjects/:subject/questions`,
          () => problemResponse('unavailable', 'down'),
          {
            once: true,
          },
        ),
      );
      const el = await qaIn('sku-draft');
      part(el, 'ask-button')!.click();
      await el.updateComplete;
      fill($<HTMLInputElement>(el, '#ask-title')!, 'Will it survive a failed post?');
      fill($<HTMLTextAreaElement>(el, '#ask-details')!, 'Details that must not be lost.');
      part(el, 'submit')!.click();
      await until(() => part(el, 'error'), 'no error shown');
      expect(part(el, 'error')!.textContent).to.contain('Your question was not posted.');
      expect(part(el, 'error')!.textContent).to.contain('Your text is kept.');
      expect($<HTMLInputElement>(el, '#ask-title')!.value).to.equal(
        'Will it survive a failed post?',
      );
      await expect(el).to.be.accessible();
      const firstKey = api.requestsTo('/questions', 'POST')[0]!.headers.get('Idempotency-Key');
      expect(firstKey).to.match(/^[A-Za-z0-9._:-]{8,128}$/);

      // A reload: the element goes, a new one comes for the same subject.
      el.closest('cw-community')!.remove();
      const again = await qaIn('sku-draft');
      expect($<HTMLInputElement>(again, '#ask-title')!.value).to.equal(
        'Will it survive a failed post?',
      );
      expect($<HTMLTextAreaElement>(again, '#ask-details')!.value).to.equal(
        'Details that must not be lost.',
      );
      part(again, 'submit')!.click();
      await until(() => text(again).includes('Your question was posted.'));
      const keys = api
        .requestsTo('/questions', 'POST')
        .map((r) => r.headers.get('Idempotency-Key'));
      expect(keys).to.deep.equal([firstKey, firstKey]);
      expect(Object.keys(localStorage).filter((k) => k.startsWith('cw-draft:'))).to.deep.equal([]);
    });

    it('opens the topic suggestions when they arrive after the visitor typed', async () => {
      const api = await startMockApi();
      const question = await api.community.questions.ask(emery, 'sku-seed', {
        title: 'A question about kettles',
        topics: ['kettles'],
      });
      const answer = await api.community.questions.answer(morgan, question.id, { body: 'Yes.' });
      await api.community.questions.voteAnswer(casey, answer.id, { value: 1 });
      // The topics answer waits until the visitor has typed, as on a slow network.
      let release!: () => void;
      const typed = new Promise<void>((resolve) => (release = resolve));
      api.use(
        http.get(`${API}/topics`, async () => {
          await typed;
          return undefined; // then answered by the contract's handler
        }),
      );
      const el = await qaIn('sku-topic');
      part(el, 'ask-button')!.click();
      await el.updateComplete;
      const input = $<HTMLInputElement>(el, '#ask-topic')!;
      const listbox = $<HTMLElement>(el, '#ask-topic-listbox')!;
      await until(() => api.requestsTo('/topics').length > 0, 'the topics were not asked');
      input.focus();
      await sendKeys({ type: 'ket' });
      await el.updateComplete;
      expect(listbox.hidden).to.equal(true);
      release();
      await until(() => !listbox.hidden, 'the late suggestions did not open');
      expect(
        [...listbox.querySelectorAll('[role="option"]')].map((o) => o.textContent!.trim()),
      ).to.deep.equal(['kettles']);
      expect(input.getAttribute('aria-expanded')).to.equal('true');
    });

    it('suggests topics in a keyboard-complete combobox and saves the question with its topic', async () => {
      const api = await startMockApi();
      for (const topic of ['kettles', 'kettle-descaling', 'espresso']) {
        const question = await api.community.questions.ask(emery, 'sku-seed', {
          title: `A question about ${topic}`,
          topics: [topic],
        });
        const answer = await api.community.questions.answer(morgan, question.id, {
          body: 'An answer.',
        });
        await api.community.questions.voteAnswer(casey, answer.id, { value: 1 });
      }
      const el = await qaIn('sku-topic');
      part(el, 'ask-button')!.click();
      await el.updateComplete;
      fill($<HTMLInputElement>(el, '#ask-title')!, 'How often should I descale it?');
      const input = $<HTMLInputElement>(el, '#ask-topic')!;
      const listbox = $<HTMLElement>(el, '#ask-topic-listbox')!;
      const options = () => [...listbox.querySelectorAll<HTMLElement>('[role="option"]')];
      expect(input.getAttribute('role')).to.equal('combobox');
      expect(input.getAttribute('aria-controls')).to.equal(listbox.id);
      expect(input.labels![0]!.textContent).to.equal('Topic (optional)');
      input.focus();
      await sendKeys({ type: 'ket' });
      await until(() => !listbox.hidden && options().length === 2, 'no suggestions for "ket"');
      expect(options().map((o) => o.textContent!.trim())).to.have.members([
        'kettles',
        'kettle-descaling',
      ]);
      expect(input.getAttribute('aria-expanded')).to.equal('true');
      expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
      await expect(el).to.be.accessible();

      // Escape closes the list and keeps the text; Down opens it on the first suggestion.
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(listbox.hidden).to.equal(true);
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      expect(input.value).to.equal('ket');
      const active = () => input.getAttribute('aria-activedescendant');
      await sendKeys({ press: 'ArrowDown' });
      await until(() => active() === options()[0]?.id, 'Down did not open on the first');
      expect(options()[0]!.getAttribute('aria-selected')).to.equal('true');
      await sendKeys({ press: 'ArrowDown' });
      await until(() => active() === options()[1]!.id);
      await sendKeys({ press: 'ArrowDown' });
      await until(() => active() === options()[0]!.id, 'Down did not wrap to the first');
      await sendKeys({ press: 'ArrowUp' });
      await until(() => active() === options()[1]!.id, 'Up did not wrap to the last');
      const chosen = options()[1]!.textContent!.trim();
      expect(document.activeElement).to.equal(el);
      expect(el.shadowRoot!.activeElement).to.equal(input);

      // Enter takes the suggestion and posts nothing; the next Enter posts the question.
      await sendKeys({ press: 'Enter' });
      await until(() => input.value === chosen, 'Enter did not take the suggestion');
      expect(listbox.hidden).to.equal(true);
      expect(api.requestsTo('/subjects/sku-topic/questions', 'POST')).to.have.length(0);
      const posted = new Promise<string>((resolve) =>
        el.addEventListener('cw-question-submit', (e) => resolve(e.detail.questionId), {
          once: true,
        }),
      );
      await sendKeys({ press: 'Enter' });
      const saved = await api.community.questions.get(null, await posted);
      expect(saved.topics).to.deep.equal([chosen]);
    });

    it('takes a typed topic as a slug and refuses one that cannot be, naming the field', async () => {
      const api = await startMockApi();
      const el = await qaIn('sku-topic-typed');
      part(el, 'ask-button')!.click();
      await el.updateComplete;
      fill($<HTMLInputElement>(el, '#ask-title')!, 'Can it boil milk safely?');
      const topic = $<HTMLInputElement>(el, '#ask-topic')!;
      fill(topic, 'Milk & more!');
      part(el, 'submit')!.click();
      await until(() => text(el).includes('A topic is lower-case letters'), 'no sentence');
      expect(topic.getAttribute('aria-invalid')).to.equal('true');
      expect(topic.getAttribute('aria-errormessage')).to.equal('ask-error');
      expect($(el, '#ask-title')!.getAttribute('aria-invalid')).to.equal('false');
      expect(api.requestsTo('/subjects/sku-topic-typed/questions', 'POST')).to.have.length(0);
      fill(topic, ' Milk Frothing ');
      const posted = new Promise<string>((resolve) =>
        el.addEventListener('cw-question-submit', (e) => resolve(e.detail.questionId), {
          once: true,
        }),
      );
      part(el, 'submit')!.click();
      const saved = await api.community.questions.get(null, await posted);
      expect(saved.topics).to.deep.equal(['milk-frothing']);
    });

    it('refuses over-limit text with a sentence and keeps it in the form', async () => {
      const api = await startMockApi();
      const el = await qaIn('sku-limits');
      part(el, 'ask-button')!.click();
      await el.updateComplete;
      const long = 'x'.repeat(10 * 1024);
      fill($<HTMLInputElement>(el, '#ask-title')!, long);
      part(el, 'submit')!.click();
      await el.updateComplete;
      expect(part(el, 'error')!.textContent).to.contain(
        'Your question may have at most 150 characters; it has 10240.',
      );
      expect($<HTMLInputElement>(el, '#ask-title')!.value).to.equal(long);
      expect($(el, '#ask-title')!.getAttribute('aria-invalid')).to.equal('true');
      fill($<HTMLInputElement>(el, '#ask-title')!, 'Short');
      part(el, 'submit')!.click();
      await el.updateComplete;
      expect(part(el, 'error')!.textContent).to.contain(
        'Your question needs at least 10 characters.',
      );
      expect(api.requestsTo('/questions', 'POST')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('counts characters nobody sees out, as the server does, and sends nothing', async () => {
      const api = await startMockApi();
      const el = await qaIn('sku-invisible');
      part(el, 'ask-button')!.click();
      await el.updateComplete;
      for (const title of ['\u200D'.repeat(12), '\u0301'.repeat(12), `a${'\u200B'.repeat(12)}`]) {
        fill($<HTMLInputElement>(el, '#ask-title')!, title);
        part(el, 'submit')!.click();
        await el.updateComplete;
        expect(part(el, 'error')!.textContent).to.contain(
          'Your question needs at least 10 characters.',
        );
      }
      expect(api.requestsTo('/questions', 'POST')).to.have.length(0);
    });

    it('shows similar questions for a near-duplicate title; a stale answer never replaces a newer one', async () => {
      const api = await startMockApi();
      const original = await ask(api, 'sku-sim', 'Does the kettle switch off by itself?');
      await ask(api, 'sku-sim', 'How many cups does the kettle hold?');
      const stale: Question = { ...original, id: 'qStale', title: 'A stale suggestion' };
      // The first lookup is held until the newer one has shown, then answered: it is stale.
      let staleAsked = false;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let staleAnswered!: () => void;
      const answered = new Promise<void>((resolve) => (staleAnswered = resolve));
      api.use(
        http.get(`${API}/questions/similar`, async ({ request }) => {
          if (new URL(request.url).searchParams.get('q') !== 'Old words') return undefined;
          staleAsked = true;
          await held;
          queueMicrotask(staleAnswered);
          return HttpResponse.json({ items: [stale] });
        }),
      );
      const el = await qaIn('sku-sim');
      part(el, 'ask-button')!.click();
      await el.updateComplete;
      const title = $<HTMLInputElement>(el, '#ask-title')!;
      fill(title, 'Old words');
      await until(() => staleAsked, 'the first lookup was not sent');
      fill(title, 'Does it switch itself off?');
      await until(() => part(el, 'similar'), 'no similar questions shown');
      expect(part(el, 'similar')!.querySelector('li')!.textContent).to.contain(original.title);
      release();
      await answered;
      // A request sent after the stale answer comes back after it, through the same worker;
      // then two frames and a render, so a stale answer the widget took would show by now.
      await fetch(`${API}/me`);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      await el.updateComplete;
      expect(part(el, 'similar')!.textContent).not.to.contain('A stale suggestion');
      expect(part(el, 'similar')!.textContent).to.contain(original.title);
      await expect(el).to.be.accessible();
      // Opening a suggestion keeps the draft.
      part(el, 'similar')!.querySelector('button')!.click();
      await until(() => part(el, 'thread'));
      expect(localStorage.getItem('cw-draft:v1:qa:sku-sim:ask')).to.contain(
        'Does it switch itself off?',
      );
    });

    it('votes at once and rolls back with a message when the vote fails', async () => {
      const api = await startMockApi();
      await ask(api, 'sku-vote', 'Is the handle heat-proof?');
      // The refusal is held until the optimistic state has been checked.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      api.use(
        http.put(`${API}/questions/:id/vote`, async () => {
          await held;
          return problemResponse('internal', 'boom');
        }),
      );
      const el = await qaIn('sku-vote');
      part(el, 'vote-up')!.click();
      await el.updateComplete;
      expect(part(el, 'score')!.textContent!.trim()).to.equal('1');
      expect(part(el, 'vote-up')!.getAttribute('aria-pressed')).to.equal('true');
      release();
      await until(() => part(el, 'error'), 'no error shown');
      expect(part(el, 'error')!.textContent).to.contain('Your vote was not saved.');
      expect(part(el, 'score')!.textContent!.trim()).to.equal('0');
      expect(part(el, 'vote-up')!.getAttribute('aria-pressed')).to.equal('false');
    });

    it('lets a moderator accept and the asker see the accepted answer first', async () => {
      const api = await startMockApi();
      const question = await ask(api, 'sku-mod', 'Which filter fits this kettle?', emery);
      await api.community.questions.answer(casey, question.id, { body: 'The F-1.' });
      const second = await api.community.questions.answer(emery, question.id, { body: 'The F-2.' });
      const el = await qaIn('sku-mod', {
        token: (await import('../../server/msw/index.js')).mockToken(morgan),
      });
      part(el, 'question-title')!.click();
      await until(() => parts(el, 'answer').length === 2);
      parts(el, 'accept')[1]!.click();
      await until(() => parts(el, 'answer')[0]!.textContent!.includes('The F-2.'));
      expect(parts(el, 'answer')[0]!.getAttribute('part')).to.equal('answer accepted');
      expect((await api.community.questions.get(null, question.id)).acceptedAnswerId).to.equal(
        second.id,
      );
    });
  });

  describe('own posts', () => {
    it('edits one’s own answer and deletes one’s own question after confirming', async () => {
      const api = await startMockApi();
      const mine = await ask(api, 'sku-own', 'My own question about the kettle', casey);
      const other = await ask(api, 'sku-own', 'Somebody else’s question here', emery);
      await api.community.questions.answer(casey, other.id, { body: 'My first answer.' });
      const el = await qaIn('sku-own');
      const otherItem = () =>
        parts(el, 'question').find((q) => q.textContent!.includes(other.title))!;
      otherItem().querySelector<HTMLElement>('[part~="question-title"]')!.click();
      await until(() => part(el, 'answer'));
      // Someone else's question: no edit or delete for it; the own answer has both.
      expect(
        part(el, 'thread')!.querySelectorAll(':scope > .actions [part~="edit"]'),
      ).to.have.length(0);
      part(el, 'answer')!.querySelector<HTMLElement>('[part~="edit"]')!.click();
      await el.updateComplete;
      const body = $<HTMLTextAreaElement>(el, '#edit-body')!;
      expect(focused(el)).to.equal(body);
      expect(body.value).to.equal('My first answer.');
      fill(body, 'My corrected answer.');
      await expect(el).to.be.accessible();
      $<HTMLFormElement>(el, 'form[aria-label="Edit your answer"]')!.requestSubmit();
      await until(() => part(el, 'answer')!.textContent!.includes('My corrected answer.'));
      expect(part(el, 'answer')!.textContent).to.contain('(edited)');

      const mineItem = () => parts(el, 'question').find((q) => q.textContent!.includes(mine.title));
      mineItem()!.querySelector<HTMLElement>('[part~="question-title"]')!.click();
      await until(() => mineItem()?.querySelector('[part~="delete"]'));
      mineItem()!.querySelector<HTMLElement>('[part~="delete"]')!.click();
      await el.updateComplete;
      expect(mineItem()!.textContent).to.contain('Delete this question and its answers?');
      await expect(el).to.be.accessible();
      mineItem()!.querySelector<HTMLElement>('[part~="confirm-delete"]')!.click();
      await until(() => mineItem() === undefined, 'the question did not leave the list');
      expect(
        (await api.community.questions.list(null, 'sku-own')).items.map((q) => q.id),
      ).to.deep.equal([other.id]);
    });

    it('lets moderators delete others’ posts but not edit them', async () => {
      const api = await startMockApi();
      const question = await ask(api, 'sku-moddel', 'A question a moderator removes', emery);
      await api.community.questions.answer(casey, question.id, { body: 'Spam answer.' });
      const { mockToken } = await import('../../server/msw/index.js');
      const el = await qaIn('sku-moddel', { token: mockToken(morgan) });
      part(el, 'question-title')!.click();
      await until(() => part(el, 'answer'));
      const answer = part(el, 'answer')!;
      expect(answer.querySelector('[part~="edit"]')).to.equal(null);
      answer.querySelector<HTMLElement>('[part~="delete"]')!.click();
      await el.updateComplete;
      part(el, 'answer')!.querySelector<HTMLElement>('[part~="confirm-delete"]')!.click();
      await until(() => part(el, 'answer') === null);
      expect(part(el, 'meta')!.textContent).to.contain('0 answers');
    });
  });

  describe('safety and presentation', () => {
    it('renders hostile text inert', async () => {
      const api = await startMockApi();
      const hostileTitle = '<img src=x onerror="window.__pwned=1"> \u202Egnp.exe';
      const hostileBody = [
        '<script>window.__pwned = 1</script>',
        '<a href="javascript:window.__pwned=1">click</a> javascript:window.__pwned=1',
        'zero\u200Bwidth https://example.com/ok',
        'y'.repeat(3800),
      ].join('\n\n');
      await ask(api, 'sku-hostile', hostileTitle, emery, hostileBody);
      const el = await qaIn('sku-hostile');
      part(el, 'question-title')!.click();
      await until(() => part(el, 'thread'));
      // Two frames: any image error or script would have run by now.
      await new Promise(requestAnimationFrame);
      await new Promise(requestAnimationFrame);
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
      expect(el.shadowRoot!.querySelectorAll('script, img, iframe')).to.have.length(0);
      const links = [...part(el, 'thread')!.querySelectorAll('a')];
      expect(links.map((a) => [a.href, a.rel])).to.deep.equal([
        ['https://example.com/ok', 'nofollow ugc noopener'],
      ]);
      expect(part(el, 'question-title')!.textContent).to.contain('<img src=x onerror=');
      expect(part(el, 'thread')!.textContent).to.contain('<script>window.__pwned = 1</script>');
      // The long word wraps inside the widget instead of widening it.
      expect(el.scrollWidth).to.be.at.most(el.getBoundingClientRect().width + 1);
      await expect(el).to.be.accessible();
    });

    it('emits schema.org QAPage JSON-LD for the open question, escaped', async () => {
      const api = await startMockApi();
      const question = await ask(
        api,
        'sku-ld',
        'Is it safe? </script><script>alert(1)</script>',
        emery,
        'Body & more',
      );
      const answer = await api.community.questions.answer(casey, question.id, {
        body: 'Yes </script>',
      });
      await api.community.questions.accept(emery, question.id, { answerId: answer.id });
      const el = await qaIn('sku-ld', { attrs: 'structured-data' });
      expect(el.querySelector('script')).to.equal(null);
      part(el, 'question-title')!.click();
      await until(() => el.querySelector('script[type="application/ld+json"]'), 'no JSON-LD');
      const script = el.querySelector('script[type="application/ld+json"]')!;
      expect(script.textContent).not.to.match(/<|>|&/);
      const data = JSON.parse(script.textContent!);
      expect(data['@type']).to.equal('QAPage');
      expect(data.mainEntity.name).to.equal(question.title);
      expect(data.mainEntity.acceptedAnswer.text).to.equal('Yes </script>');
      part(el, 'question-title')!.click();
      await el.updateComplete;
      expect(el.querySelector('script')).to.equal(null);
    });

    it('is accessible right to left and in dark mode', async () => {
      const api = await startMockApi();
      await ask(api, 'sku-rtl', 'هل يغلق الغطاء أثناء الغليان؟');
      const community = await fixture<CwCommunity>(
        html`<cw-community api=${API} token=${customerToken()} dir="rtl" lang="ar"
          ><cw-qa subject="sku-rtl" theme="dark"></cw-qa
        ></cw-community>`,
      );
      const el = community.querySelector('cw-qa')!;
      await loaded(el);
      expect(getComputedStyle(part(el, 'base')!).direction).to.equal('rtl');
      const votes = part(el, 'votes')!.getBoundingClientRect();
      const title = part(el, 'question-title')!.getBoundingClientRect();
      expect(votes.left).to.be.greaterThan(title.left);
      expect(getComputedStyle(el).colorScheme).to.equal('dark');
      await expect(el).to.be.accessible();
    });
  });
});

postingWidgetSuite<CwQa>({
  tag: 'cw-qa',
  async mount(subject, { anonymous = false } = {}) {
    const community = await fixture<CwCommunity>(
      anonymous
        ? html`<cw-community api=${API}><cw-qa subject=${subject}></cw-qa></cw-community>`
        : html`<cw-community api=${API} token=${customerToken()}
            ><cw-qa subject=${subject}></cw-qa
          ></cw-community>`,
    );
    return community.querySelector('cw-qa')!;
  },
  loaded,
  routes: {
    list: `${API}/subjects/:subject/questions`,
    create: `${API}/subjects/:subject/questions`,
  },
  texts: {
    loading: 'Loading questions…',
    empty: 'No questions yet.',
    loadFailed: 'Questions could not be loaded.',
    notPosted: 'Your question was not posted.',
  },
  async compose(el) {
    if (!$(el, '#ask-title')) part(el, 'ask-button')!.click();
    await el.updateComplete;
    return $<HTMLInputElement>(el, '#ask-title')!;
  },
  validText: 'Does the suite keep this draft?',
  async seed(api, subject, title) {
    await ask(api, subject, title);
  },
  async reveal(el) {
    part(el, 'question-title')!.click();
    await until(() => part(el, 'thread'), 'the question did not open');
  },
});
