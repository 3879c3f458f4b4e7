import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { CwCommunity } from '../../src/components/community/community.js';
import type { CwInbox } from '../../src/components/inbox/inbox.js';
import type { Identity } from '../../server/domain/types.js';
import { demoPersonas, mockToken } from '../../server/msw/index.js';
import { part, parts, text, until } from '../support/dom.js';
import { API, startMockApi, type MockApi } from '../support/mock-api.js';

const { customer, employee, moderator } = demoPersonas;
const COUNT = '/me/notifications/unread-count';

/** Sends a request to the mock API as `who`, as their browser would. */
async function as(who: Identity, method: string, path: string, body?: unknown) {
  const response = await fetch(`${API}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${mockToken(who)}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).to.equal(true);
  return response.json();
}

/** The customer asks; the employee answers. */
async function askedAndAnswered() {
  const question = await as(customer, 'POST', '/subjects/sku-1/questions', {
    title: 'Does the kettle fit under a tap?',
    body: '',
  });
  const answer = await as(employee, 'POST', `/questions/${question.id}/answers`, {
    body: 'Yes, the spout clears 20 cm.',
  });
  return { question, answer };
}

async function inboxFor(who: Identity, template = '#q-{question}-a-{answer}') {
  const community = await fixture<CwCommunity>(
    html`<cw-community api=${API} token=${mockToken(who)}
      ><cw-inbox link-template=${template}></cw-inbox
    ></cw-community>`,
  );
  return community.querySelector('cw-inbox')!;
}

const bell = (el: CwInbox) => part(el, 'bell') as HTMLButtonElement;

async function openPanel(el: CwInbox): Promise<HTMLElement> {
  bell(el).click();
  await until(() => part(el, 'panel')?.matches(':popover-open'), 'the panel did not open');
  await until(
    () => part(el, 'item') ?? el.shadowRoot!.querySelector('.muted:not([role])'),
    'no list',
  );
  await el.updateComplete;
  return part(el, 'panel')!;
}

function stubVisibility(value: DocumentVisibilityState): () => void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
  return () => delete (document as { visibilityState?: unknown }).visibilityState;
}

describe('cw-inbox', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await startMockApi();
  });

  it('shows the asker an answer: the bell says 1, the link opens the answer and reads it', async () => {
    const { question, answer } = await askedAndAnswered();
    const el = await inboxFor(customer);
    await until(() => part(el, 'count'), 'the bell shows no count');
    expect(text(part(el, 'count'))).to.equal('1');
    expect(bell(el).getAttribute('aria-label')).to.equal('Notifications, 1 unread');
    await expect(el).to.be.accessible();

    await openPanel(el);
    const items = parts(el, 'item');
    expect(items).to.have.length(1);
    expect(items[0]!.dataset.read).to.equal('false');
    const link = part(el, 'link') as HTMLAnchorElement;
    expect(text(link)).to.contain('Emery Employee answered');
    expect(text(link)).to.contain('Does the kettle fit under a tap?');
    expect(link.getAttribute('href')).to.equal(`#q-${question.id}-a-${answer.id}`);
    await expect(el).to.be.accessible();

    link.click();
    expect(location.hash).to.equal(`#q-${question.id}-a-${answer.id}`);
    await until(() => !part(el, 'count'), 'the count stayed after reading');
    expect(bell(el).getAttribute('aria-label')).to.equal('Notifications, none unread');
    expect((await api.community.notifications.unreadCount(customer)).unread).to.equal(0);
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('tells the answerer nothing, and anonymous visitors see no bell', async () => {
    await askedAndAnswered();
    const el = await inboxFor(employee);
    await until(() => bell(el), 'no bell');
    await until(() => api.requestsTo(COUNT).length === 1, 'the count was not asked');
    await el.updateComplete;
    expect(part(el, 'count')).to.equal(null);

    const anonymous = await fixture<CwCommunity>(
      html`<cw-community api=${API}><cw-inbox></cw-inbox></cw-community>`,
    );
    const quiet = anonymous.querySelector('cw-inbox')!;
    // Without a token the viewer is known without a request: anonymous at once.
    await quiet.updateComplete;
    expect(bell(quiet)).to.equal(null);
    expect(api.requestsTo(COUNT)).to.have.length(1);
  });

  it('5 inboxes and 100 ratings make exactly one notifications request', async () => {
    await askedAndAnswered();
    const subjects = Array.from({ length: 100 }, (_, i) => `sku-${i}`);
    const community = await fixture<CwCommunity>(
      html`<cw-community api=${API} token=${mockToken(customer)}>
        ${[1, 2, 3, 4, 5].map(() => html`<cw-inbox></cw-inbox>`)}
        ${subjects.map((s) => html`<cw-rating subject=${s}></cw-rating>`)}
      </cw-community>`,
    );
    const inboxes = [...community.querySelectorAll('cw-inbox')];
    await until(
      () => inboxes.every((el) => text(part(el, 'count')) === '1'),
      'not every bell shows the count',
    );
    expect(api.requestsTo(COUNT)).to.have.length(1);
    expect(api.requests.filter((r) => r.url.includes('/me/notifications'))).to.have.length(1);
  });

  it('never asks from a hidden tab; asks once when the tab shows again', async () => {
    await askedAndAnswered();
    const restore = stubVisibility('hidden');
    try {
      const el = await inboxFor(customer);
      await until(() => bell(el), 'no bell');
      await until(() => api.requestsTo('/me').length === 1, 'the viewer was not asked');
      expect(api.requestsTo(COUNT)).to.have.length(0);
      document.dispatchEvent(new Event('visibilitychange'));
      expect(api.requestsTo(COUNT)).to.have.length(0);

      stubVisibility('visible');
      document.dispatchEvent(new Event('visibilitychange'));
      await until(() => text(part(el, 'count')) === '1', 'the count did not arrive');
      expect(api.requestsTo(COUNT)).to.have.length(1);
    } finally {
      restore();
    }
  });

  it('is keyboard-complete: opens with Enter, Tab reaches the links, Escape returns focus', async () => {
    await askedAndAnswered();
    const el = await inboxFor(customer);
    await until(() => part(el, 'count'), 'no count');
    bell(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => part(el, 'link'), 'the panel shows no link');
    await until(() => el.shadowRoot!.activeElement === part(el, 'panel'), 'focus stayed behind');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'mark-all'));
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'link'));
    await sendKeys({ press: 'Escape' });
    await until(() => !part(el, 'panel'), 'Escape did not close the panel');
    expect(el.shadowRoot!.activeElement).to.equal(bell(el));
    expect(bell(el).getAttribute('aria-expanded')).to.equal('false');
  });

  it('groups answers, marks one and all read, and answers an invitation from the panel', async () => {
    const question = await as(customer, 'POST', '/subjects/sku-1/questions', {
      title: 'Which descaler is safe for steel?',
      body: '',
    });
    await as(employee, 'POST', `/questions/${question.id}/answers`, { body: 'Citric acid.' });
    await as(moderator, 'POST', `/questions/${question.id}/answers`, { body: 'Vinegar works.' });
    const other = await as(employee, 'POST', '/subjects/sku-2/questions', {
      title: 'How long does the warranty last?',
      body: '',
    });
    await as(employee, 'POST', `/questions/${other.id}/invitations`, { userId: customer.id });

    const el = await inboxFor(customer, '/questions/{question}');
    await until(() => text(part(el, 'count')) === '3', 'the bell does not say 3');
    await openPanel(el);
    const items = parts(el, 'item');
    expect(items.map((item) => text(item.querySelector('.sentence')))).to.deep.equal([
      `Unread: Emery Employee invited you to answer How long does the warranty last? ${text(items[0]!.querySelector('time'))}`,
      `Unread: 2 new answers to Which descaler is safe for steel? ${text(items[1]!.querySelector('time'))}`,
    ]);
    const answerLink = part(el, 'answer') as HTMLAnchorElement;
    expect(answerLink.getAttribute('href')).to.equal(`/questions/${other.id}`);
    expect(text(answerLink)).to.equal('Answer this question');
    await expect(el).to.be.accessible();

    (parts(el, 'mark-read')[1] as HTMLButtonElement).click();
    await until(() => text(part(el, 'count')) === '1', 'marking one read did not count');
    expect(parts(el, 'item')[1]!.dataset.read).to.equal('true');
    (part(el, 'mark-all') as HTMLButtonElement).click();
    await until(() => !part(el, 'count'), 'marking all read left a count');
    expect(parts(el, 'item').every((item) => item.dataset.read === 'true')).to.equal(true);
  });
});
