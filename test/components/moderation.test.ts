import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/index.js';
import type { CwCommunity } from '../../src/components/community/community.js';
import type { CwModerationQueue } from '../../src/components/moderation-queue/moderation-queue.js';
import type { ReportDetail } from '../../src/core/events.js';
import { demoPersonas, mockToken } from '../../server/msw/index.js';
import { $, focused, part, parts, retriesFailedPage, text, until } from '../support/dom.js';
import { API, startMockApi, type MockApi } from '../support/mock-api.js';

const casey = demoPersonas.customer;
const emery = demoPersonas.employee;
const morgan = demoPersonas.moderator;
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

/** A widget inside a provider signed in as `who`, once `ready` says it loaded. */
async function widget<T extends HTMLElement>(
  markup: ReturnType<typeof html>,
  tag: string,
  ready: (el: T) => unknown,
): Promise<T> {
  const community = await fixture<CwCommunity>(markup);
  const el = community.querySelector(tag) as T & { updateComplete: Promise<unknown> };
  await until(() => ready(el), `${tag} did not load`);
  await el.updateComplete;
  return el;
}

/** Presses Tab until the focused element in the widget matches, as a keyboard user would. */
async function tabTo(el: Element, matches: (focused: HTMLElement) => boolean, what: string) {
  for (let i = 0; i < 80; i += 1) {
    const current = focused(el);
    if (current && matches(current)) return current;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what}`);
}

/**
 * Reports the post whose Report button comes first, by keyboard only: Enter opens the reason
 * picker, ArrowDown picks "Abusive or hateful", Tab to the note, Tab to Send, Enter.
 */
async function reportByKeyboard(el: HTMLElement, note: string): Promise<ReportDetail> {
  const fired = new Promise<ReportDetail>((resolve) =>
    el.addEventListener('cw-report', (e) => resolve(e.detail), { once: true }),
  );
  await tabTo(el, (f) => f.matches('[data-report]'), 'the Report button');
  await sendKeys({ press: 'Enter' });
  await until(() => focused(el)?.matches('input[type=radio]'), 'the reason picker took no focus');
  await expect(el).to.be.accessible();
  await sendKeys({ press: 'ArrowDown' });
  await sendKeys({ press: 'Tab' });
  expect(focused(el)?.localName).to.equal('textarea');
  await sendKeys({ type: note });
  await sendKeys({ press: 'Tab' });
  expect(focused(el)?.getAttribute('part')).to.equal('send-report');
  await sendKeys({ press: 'Enter' });
  const detail = await fired;
  await until(() => part(el, 'moderation-outcome'), 'no sentence said what happens next');
  expect(text(part(el, 'moderation-outcome'))).to.contain('The moderators will look at it');
  expect(focused(el)?.getAttribute('part')).to.equal('moderation-outcome');
  return detail;
}

async function queueAs(
  token: string,
  ready: (el: CwModerationQueue) => unknown = (el) => part(el, 'item'),
) {
  return widget<CwModerationQueue>(
    html`<cw-community api=${API} token=${token}
      ><cw-moderation-queue></cw-moderation-queue
    ></cw-community>`,
    'cw-moderation-queue',
    ready,
  );
}

/** The moderator removes the first post of the queue by keyboard: R, the reason, Enter. */
async function removeInQueue(reason: string): Promise<CwModerationQueue> {
  const queue = await queueAs(mockToken(morgan));
  expect(text(part(queue, 'reports'))).to.contain(HOSTILE);
  expect(part(queue, 'reports')!.querySelector('img')).to.equal(null);
  await expect(queue).to.be.accessible();
  await tabTo(queue, (f) => f.matches('[data-item]'), 'the queued post');
  await sendKeys({ press: 'r' });
  await until(() => focused(queue)?.matches('[data-reason]'), 'R did not ask for a reason');
  await sendKeys({ type: reason });
  await sendKeys({ press: 'Enter' });
  await until(() => text(queue).includes('Nothing is waiting for a decision.'), 'not decided');
  expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  return queue;
}

const qaAs = (token: string, subject = 'sku-mod') =>
  widget<HTMLElement>(
    html`<cw-community api=${API} token=${token}><cw-qa subject=${subject}></cw-qa></cw-community>`,
    'cw-qa',
    (el) => $(el, '.list-area[aria-busy="false"]') && part(el, 'ask-button'),
  );

async function openFirstQuestion(el: HTMLElement): Promise<void> {
  await tabTo(el, (f) => f.matches('[part~="question-title"]'), 'the question');
  await sendKeys({ press: 'Enter' });
  await until(() => part(el, 'thread') && $(el, '[data-report], [part~="moderation-note"]'));
}

describe('moderation', () => {
  let api: MockApi;
  beforeEach(async () => {
    localStorage.clear();
    api = await startMockApi();
  });

  it('Q&A: reported by keyboard, removed in the queue, gone from the widget, the author reads why', async () => {
    const question = await api.community.questions.ask(emery, 'sku-mod', {
      title: 'Where can I buy replica lids?',
      body: 'Cheap ones.',
    });
    const qa = await qaAs(mockToken(casey));
    await openFirstQuestion(qa);
    const detail = await reportByKeyboard(qa, HOSTILE);
    expect(detail).to.deep.equal({
      kind: 'question',
      id: question.id,
      reason: 'abuse',
      state: 'visible',
    });
    // One open report per person per post: the button is gone.
    expect($(qa, '[data-report]')).to.equal(null);

    const queue = await removeInQueue('Selling counterfeits.');
    const decisions = api.requestsTo('/moderation/decisions', 'POST');
    expect(decisions).to.have.length(1);
    await expect(queue).to.be.accessible();

    const later = await qaAs(mockToken(casey));
    expect(parts(later, 'question-title')).to.have.length(0);
    const author = await qaAs(mockToken(emery));
    await openFirstQuestion(author);
    expect(text(part(author, 'moderation-note'))).to.equal(
      'Removed by a moderator: Selling counterfeits.',
    );
    await expect(author).to.be.accessible();
  });

  it('a held post shows to its author as waiting for review, and to nobody else', async () => {
    api.community.moderation.setPlaceRules('subject:sku-mod', { mode: 'hold-all' });
    await api.community.questions.ask(casey, 'sku-mod', { title: 'Is this held for review?' });
    const author = await qaAs(mockToken(casey));
    await openFirstQuestion(author);
    expect(text(part(author, 'moderation-note'))).to.equal(
      'Waiting for review: only you and the moderators see this for now.',
    );
    expect($(author, '[data-report]')).to.equal(null);
    await expect(author).to.be.accessible();
    const other = await qaAs(mockToken(emery));
    expect(parts(other, 'question-title')).to.have.length(0);
  });

  it("reviews: reported by keyboard from another visitor's review", async () => {
    const review = await api.community.reviews.create(
      emery,
      'sku-mod',
      { stars: 1, title: 'Buy watches here', body: 'Visit my shop.' },
      undefined,
    );
    const el = await widget<HTMLElement>(
      html`<cw-community api=${API} token=${mockToken(casey)}
        ><cw-reviews subject="sku-mod"></cw-reviews
      ></cw-community>`,
      'cw-reviews',
      (r) => $(r, '[data-report]'),
    );
    const detail = await reportByKeyboard(el, HOSTILE);
    expect(detail).to.deep.include({ kind: 'review', id: review.review.id, reason: 'abuse' });
    await removeInQueue('Advertising.');
    const author = await widget<HTMLElement>(
      html`<cw-community api=${API} token=${mockToken(emery)}
        ><cw-reviews subject="sku-mod"></cw-reviews
      ></cw-community>`,
      'cw-reviews',
      (r) => part(r, 'moderation-note'),
    );
    expect(text(part(author, 'moderation-note'))).to.equal('Removed by a moderator: Advertising.');
  });

  it('ideas: the idea and a comment are reported by keyboard', async () => {
    await api.community.ideas.saveBoard({ id: 'roadmap', title: 'Roadmap' });
    const idea = await api.community.ideas.submit(emery, 'roadmap', {
      title: 'Free crypto for all',
    });
    await api.community.ideas.comment(emery, idea.id, { body: 'Click my link' });
    const el = await widget<HTMLElement>(
      html`<cw-community api=${API} token=${mockToken(casey)}
        ><cw-idea-board board="roadmap"></cw-idea-board
      ></cw-community>`,
      'cw-idea-board',
      (b) => part(b, 'idea-title') && part(b, 'share'),
    );
    await tabTo(el, (f) => f.matches('[part~="idea-title"]'), 'the idea');
    await sendKeys({ press: 'Enter' });
    await until(() => parts(el, 'report').length === 2, 'the idea did not open with its comment');
    const first = await reportByKeyboard(el, 'Scam');
    expect(first).to.deep.include({ kind: 'idea', id: idea.id });
    const second = await reportByKeyboard(el, HOSTILE);
    expect(second.kind).to.equal('comment');
    const queue = await queueAs(mockToken(morgan), (q) => parts(q, 'item').length === 2);
    await expect(queue).to.be.accessible();
  });

  it("suspends a held post's author for a chosen period from the queue, by keyboard; axe clean", async () => {
    await api.community.moderation.setPlaceRules('subject:sku-spam', { mode: 'hold-all' });
    await api.community.questions.ask(casey, 'sku-spam', { title: 'Cheap kettles at my shop' });
    const queue = await queueAs(mockToken(morgan));
    await tabTo(queue, (f) => f.matches('[data-suspend]'), 'Suspend the author');
    await sendKeys({ press: 'Enter' });
    await until(() => focused(queue)?.matches('[data-days]'), 'the period took no focus');
    await expect(queue).to.be.accessible();
    await sendKeys({ press: 'ArrowDown' });
    expect((focused(queue) as HTMLSelectElement).value).to.equal('7');
    await sendKeys({ press: 'Tab' });
    expect(focused(queue)?.getAttribute('name')).to.equal('reason');
    await sendKeys({ type: 'Advertising again.' });
    const before = Date.now();
    await sendKeys({ press: 'Enter' });
    await until(
      () => focused(queue)?.matches('[data-suspend]'),
      'focus did not return to the shortcut',
    );
    const { items } = await api.community.moderation.suspensions(morgan);
    expect(items.map((s) => [s.userId, s.reason])).to.deep.equal([
      [casey.id, 'Advertising again.'],
    ]);
    const days = (Date.parse(items[0]!.until) - before) / 86_400_000;
    expect(days).to.be.within(6.99, 7.01);
    expect(text(queue)).to.contain('Suspended.');
    await expect(queue).to.be.accessible();
  });

  it('the queue: bulk approve, the log, suspensions, and no access for others; axe clean in each', async () => {
    await api.community.moderation.setPlaceRules('subject:sku-held', { mode: 'hold-all' });
    await api.community.questions.ask(casey, 'sku-held', { title: 'First held question here' });
    await api.community.questions.ask(casey, 'sku-held', { title: 'Second held question here' });
    const queue = await queueAs(mockToken(morgan), (q) => parts(q, 'item').length === 2);
    expect(text(queue)).to.contain('Every post here is reviewed');
    for (const box of queue.shadowRoot!.querySelectorAll<HTMLInputElement>(
      'input[type=checkbox]',
    )) {
      box.click();
    }
    await until(() => part(queue, 'bulk'));
    await expect(queue).to.be.accessible();
    const decided = new Promise<CustomEvent>((resolve) =>
      queue.addEventListener('cw-moderation-decision', (e) => resolve(e), { once: true }),
    );
    [...part(queue, 'bulk')!.querySelectorAll('button')]
      .find((b) => b.textContent!.includes('Approve selected'))!
      .click();
    expect((await decided).detail.action).to.equal('approve');
    await until(
      () => text(queue).includes('Nothing is waiting'),
      'bulk approve did not empty the queue',
    );
    const qa = await qaAs(mockToken(emery), 'sku-held');
    expect(parts(qa, 'question-title')).to.have.length(2);

    const views = part(queue, 'views')!.querySelectorAll('button');
    views[1]!.click();
    await until(
      () => parts(queue, 'entry').length === 4,
      'the log did not show 2 holds and 2 approvals',
    );
    expect(text(part(queue, 'entry'))).to.contain('Morgan Moderator approved');
    await expect(queue).to.be.accessible();

    await api.community.moderation.suspend(morgan, 'u-spammer', {
      until: new Date(Date.now() + 86_400_000).toISOString(),
      reason: 'Spam.',
    });
    views[2]!.click();
    await until(() => part(queue, 'suspension'), 'no suspension listed');
    await expect(queue).to.be.accessible();
    part(queue, 'suspension')!.querySelector('button')!.click();
    await until(
      () => text(queue).includes('Nobody is suspended.'),
      'the suspension was not lifted',
    );

    const member = await queueAs(mockToken(casey), (q) => text(q).includes('Only moderators'));
    expect(api.requestsTo('/moderation/queue').length).to.be.greaterThan(0);
    await expect(member).to.be.accessible();
  });

  it('the queue: a failed page says why, fires cw-error and retries; pages and filters by kind', async () => {
    await api.community.moderation.setPlaceRules('subject:sku-held', { mode: 'hold-all' });
    for (const n of [1, 2, 3]) {
      await api.community.questions.ask(casey, 'sku-held', { title: `Held question number ${n}` });
    }
    await api.community.reviews.create(
      casey,
      'sku-held',
      { stars: 4, title: 'Held review', body: 'A held review body.' },
      undefined,
    );
    let failing = true;
    api.use(
      http.get(`${API}/moderation/queue`, () =>
        failing ? HttpResponse.json({ title: 'Down' }, { status: 500 }) : undefined,
      ),
    );
    const community = await fixture<CwCommunity>(
      html`<cw-community api=${API} token=${mockToken(morgan)}
        ><cw-moderation-queue page-size="2"></cw-moderation-queue
      ></cw-community>`,
    );
    const queue = community.querySelector('cw-moderation-queue')!;
    await retriesFailedPage(queue, {
      recover: () => (failing = false),
      reloaded: () => parts(queue, 'item').length === 2,
    });

    part(queue, 'load-more')!.click();
    await until(() => parts(queue, 'item').length === 4, 'Load more did not add the next page');
    expect(part(queue, 'load-more')).to.equal(null);

    parts(queue, 'item')[0]!.querySelector<HTMLInputElement>('input[type=checkbox]')!.click();
    await until(() => part(queue, 'bulk'));
    const kind = part(queue, 'filters')!.querySelector('select')!;
    kind.value = 'review';
    kind.dispatchEvent(new Event('change'));
    await until(() => parts(queue, 'item').length === 1, 'the kind filter did not apply');
    expect(text(part(queue, 'item'))).to.contain('A held review body.');
    expect(part(queue, 'bulk'), 'a selection from the other filter stays').to.equal(null);
    expect(api.requestsTo('/moderation/queue').at(-1)!.url).to.contain('kind=review');
  });
});
