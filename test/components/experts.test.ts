import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/index.js';
import type { CwCommunity } from '../../src/components/community/community.js';
import type { CwExpertBadge } from '../../src/components/expert-badge/expert-badge.js';
import type { CwExpertList } from '../../src/components/expert-list/expert-list.js';
import { demoPersonas, mockToken } from '../../server/msw/index.js';
import { part, parts, retriesFailedPage, text, until } from '../support/dom.js';
import { API, startMockApi, type MockApi } from '../support/mock-api.js';

const { customer, employee, moderator } = demoPersonas;

/**
 * Gives the customer 50 reputation (contributor) on `kettles`: two accepted answers,
 * each upvoted once (2 × (15 + 10)).
 */
async function seedExpert(api: MockApi) {
  for (const title of ['Which kettle boils fastest?', 'Does the kettle need descaling?']) {
    const question = await api.community.questions.ask(employee, 'sku-1', {
      title,
      topics: ['kettles'],
    });
    const answer = await api.community.questions.answer(customer, question.id, {
      body: 'The steel one.',
    });
    await api.community.questions.voteAnswer(moderator, answer.id, { value: 1 });
    await api.community.questions.accept(employee, question.id, { answerId: answer.id });
  }
}

async function badgeIn(markup: ReturnType<typeof html>): Promise<CwExpertBadge> {
  const community = await fixture<CwCommunity>(markup);
  const el = community.querySelector('cw-expert-badge')!;
  await until(() => part(el, 'name')?.textContent?.includes('Casey'), 'the profile did not load');
  await el.updateComplete;
  return el;
}

const signedIn = (token = mockToken(employee)) =>
  badgeIn(
    html`<cw-community api=${API} token=${token}
      ><p>
        Answered by <cw-expert-badge user=${customer.id}></cw-expert-badge> yesterday.
      </p></cw-community
    >`,
  );

async function openCard(el: CwExpertBadge): Promise<HTMLElement> {
  el.show();
  await until(() => part(el, 'card')?.matches(':popover-open'), 'the card did not open');
  await until(() => part(el, 'topic'), 'the card has no topics');
  await el.updateComplete;
  return part(el, 'card')!;
}

describe('cw-expert-badge', () => {
  it('shows the name and level inline; axe clean with the card open', async () => {
    const api = await startMockApi();
    await seedExpert(api);
    const el = await signedIn();
    expect(text(part(el, 'name'))).to.equal('Casey Customer');
    expect(text(part(el, 'level'))).to.equal('Contributor');
    expect(part(el, 'trigger')!.getAttribute('aria-expanded')).to.equal('false');
    await expect(el).to.be.accessible();

    const card = await openCard(el);
    expect(part(el, 'trigger')!.getAttribute('aria-expanded')).to.equal('true');
    expect(card.getAttribute('role')).to.equal('dialog');
    expect(text(card)).to.contain('50 reputation points');
    expect(text(card)).to.contain('kettles');
    expect(text(part(el, 'badges'))).to.contain('Accepted answer');
    await expect(el).to.be.accessible();
  });

  it('opens on focus, closes with Escape and gives focus back to the badge', async () => {
    const api = await startMockApi();
    await seedExpert(api);
    const el = await signedIn();
    const before = document.createElement('button');
    before.textContent = 'before';
    el.closest('p')!.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    await until(() => part(el, 'card')?.matches(':popover-open'), 'focus did not open the card');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'trigger'));

    // Tab moves into the card (a non-modal dialog), Escape closes it from there.
    await until(() => part(el, 'endorse'));
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'endorse'));
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(part(el, 'card')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'trigger'));
    expect(part(el, 'trigger')!.getAttribute('aria-expanded')).to.equal('false');
    before.remove();
  });

  it('keeps the card on screen near the viewport edges (flip and shift)', async () => {
    const api = await startMockApi();
    await seedExpert(api);
    await setViewport({ width: 600, height: 400 });
    try {
      const el = await badgeIn(
        html`<cw-community api=${API}
          ><p style="position: fixed; right: 0; bottom: 0; margin: 0">
            <cw-expert-badge user=${customer.id}></cw-expert-badge></p
        ></cw-community>`,
      );
      const card = await openCard(el);
      await until(() => card.dataset.placement?.startsWith('top'), 'the card did not flip');
      const rect = card.getBoundingClientRect();
      const trigger = part(el, 'trigger')!.getBoundingClientRect();
      expect(rect.bottom).to.be.at.most(trigger.top + 1);
      expect(rect.left).to.be.at.least(0);
      expect(rect.top).to.be.at.least(0);
      expect(rect.right).to.be.at.most(window.innerWidth);
      expect(rect.bottom).to.be.at.most(window.innerHeight);
      // Shifted: it does not start at the badge's left edge (it would overflow the right).
      expect(rect.left).to.be.below(trigger.left);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('a page with 50 badges makes one GET /users', async () => {
    const api = await startMockApi();
    await seedExpert(api);
    const ids = Array.from({ length: 50 }, (_, i) => (i === 0 ? customer.id : `u-${i}`));
    const community = await fixture<CwCommunity>(
      html`<cw-community api=${API}
        >${ids.map((id) => html`<cw-expert-badge user=${id}>Person</cw-expert-badge> `)}</cw-community
      >`,
    );
    const badges = [...community.querySelectorAll('cw-expert-badge')];
    await until(() => part(badges[0]!, 'name')?.textContent?.includes('Casey'));
    await until(() => badges.every((b) => part(b, 'trigger')));
    expect(api.requestsTo('/users', 'GET')).to.have.length(1);
    expect(
      new URL(api.requestsTo('/users')[0]!.url).searchParams.get('ids')!.split(','),
    ).to.have.length(50);
  });

  it('endorses from the card and fires cw-endorse; anonymous visitors are asked to sign in', async () => {
    const api = await startMockApi();
    await seedExpert(api);
    const el = await signedIn();
    await openCard(el);
    const button = part(el, 'endorse')!;
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    const fired = oneEvent(el, 'cw-endorse');
    button.click();
    expect((await fired).detail).to.deep.equal({
      userId: customer.id,
      topic: 'kettles',
      endorsed: true,
    });
    await until(() => part(el, 'endorse')?.getAttribute('aria-pressed') === 'true');
    await until(() => text(part(el, 'topic')).includes('1 endorsement'));
    await until(() =>
      api.requests.some((r) => r.method === 'PUT' && r.url.endsWith('/endorsements/kettles')),
    );
    await until(() => !(part(el, 'endorse') as HTMLButtonElement).disabled);
    const [stored] = await api.community.experts.profiles(employee, [customer.id]);
    expect(stored!.topics[0]).to.include({
      topic: 'kettles',
      endorsements: 1,
      endorsedByViewer: true,
    });

    const anonymous = await badgeIn(
      html`<cw-community api=${API}
        ><cw-expert-badge user=${customer.id}></cw-expert-badge
      ></cw-community>`,
    );
    await openCard(anonymous);
    expect(part(anonymous, 'endorse')).to.equal(null);
    expect(text(part(anonymous, 'card'))).to.contain('Sign in to endorse');
  });

  it('opens the card on the first click, and closes it on the next', async () => {
    const api = await startMockApi();
    await seedExpert(api);
    const el = await signedIn();
    const trigger = part(el, 'trigger')!;
    const box = trigger.getBoundingClientRect();
    const at: [number, number] = [Math.round(box.left + 5), Math.round(box.top + 5)];
    await sendMouse({ type: 'click', position: at });
    await el.updateComplete;
    expect(trigger.getAttribute('aria-expanded')).to.equal('true');
    await until(() => part(el, 'card')?.matches(':popover-open'), 'the first click did not open');
    await sendMouse({ type: 'click', position: at });
    await el.updateComplete;
    expect(trigger.getAttribute('aria-expanded')).to.equal('false');
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  it('hovering opens the card and the pointer can cross to it without closing', async () => {
    const api = await startMockApi();
    await seedExpert(api);
    const el = await signedIn();
    const trigger = part(el, 'trigger')!.getBoundingClientRect();
    await sendMouse({
      type: 'move',
      position: [Math.round(trigger.left + 5), Math.round(trigger.top + 5)],
    });
    await until(() => part(el, 'card')?.matches(':popover-open'), 'hover did not open the card');
    const card = part(el, 'card')!;
    await until(() => card.dataset.placement);
    const rect = card.getBoundingClientRect();
    // Through the gap, onto the card.
    await sendMouse({
      type: 'move',
      position: [Math.round(trigger.left + 5), Math.round(trigger.bottom + 3)],
    });
    await sendMouse({
      type: 'move',
      position: [Math.round(rect.left + 10), Math.round(rect.top + 10)],
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(part(el, 'card')?.matches(':popover-open')).to.equal(true);
    await sendMouse({ type: 'move', position: [0, 0] });
    await until(() => part(el, 'card') === null, 'leaving did not close the card');
  });
});

describe('cw-expert-list', () => {
  async function listIn(markup: ReturnType<typeof html>): Promise<CwExpertList> {
    const community = await fixture<CwCommunity>(markup);
    const el = community.querySelector('cw-expert-list')!;
    await until(
      () => part(el, 'list') || text(el.shadowRoot as unknown as Element).includes('Nobody'),
    );
    await el.updateComplete;
    return el;
  }

  it('ranks experts on the topic, endorses and loads more; axe clean', async () => {
    const api = await startMockApi();
    await seedExpert(api);
    const question = await api.community.questions.ask(employee, 'sku-2', {
      title: 'Which kettle is quietest?',
      topics: ['kettles'],
    });
    const answer = await api.community.questions.answer(moderator, question.id, { body: 'Glass.' });
    await api.community.questions.voteAnswer(customer, answer.id, { value: 1 });

    const el = await listIn(
      html`<cw-community api=${API} token=${mockToken(employee)}
        ><cw-expert-list topic="kettles" page-size="1"></cw-expert-list
      ></cw-community>`,
    );
    await expect(el).to.be.accessible();
    expect(text(part(el, 'heading'))).to.equal('Experts on kettles');
    expect(parts(el, 'expert')).to.have.length(1);
    expect(text(parts(el, 'expert')[0]!)).to.contain('Casey Customer');

    const fired = oneEvent(el, 'cw-endorse');
    part(el, 'endorse')!.click();
    expect((await fired).detail.endorsed).to.equal(true);
    await until(() => part(el, 'endorse')?.getAttribute('aria-pressed') === 'true');
    // One sentence with even separators, whatever a minifier does to template whitespace.
    const figures = parts(el, 'expert')[0]!.querySelector('p.muted')!;
    await until(() => figures.textContent!.includes('1 endorsement'));
    expect(figures.textContent!.trim()).to.match(/^\S+ · Score \d+ · 1 endorsement$/);

    part(el, 'load-more')!.click();
    await until(() => parts(el, 'expert').length === 2);
    expect(text(parts(el, 'expert')[1]!)).to.contain(moderator.name);
    expect(part(el, 'load-more')).to.equal(null);
  });

  it('shares one profile cache with the badges: one GET /users, and an endorsement shows everywhere', async () => {
    const api = await startMockApi();
    await seedExpert(api);
    const community = await fixture<CwCommunity>(
      html`<cw-community api=${API} token=${mockToken(employee)}
        ><p>
          ${[1, 2, 3].map(() => html`<cw-expert-badge user=${customer.id}></cw-expert-badge> `)}
        </p>
        <cw-expert-list topic="kettles"></cw-expert-list
      ></cw-community>`,
    );
    const badges = [...community.querySelectorAll('cw-expert-badge')];
    const list = community.querySelector('cw-expert-list')!;
    await until(() => badges.every((b) => text(part(b, 'name')) === 'Casey Customer'));
    await until(() => part(list, 'endorse'), 'the list did not load');
    expect(api.requestsTo('/users', 'GET')).to.have.length(1);
    const figures = () => parts(list, 'expert')[0]!.querySelector('p.muted')!.textContent!;
    expect(figures()).to.include('0 endorsements');

    // Endorsed in one badge's card: the list and every other card show it, with no reload.
    await openCard(badges[0]!);
    part(badges[0]!, 'endorse')!.click();
    await until(() => figures().includes('1 endorsement'), 'the list kept the old count');
    expect(part(list, 'endorse')!.getAttribute('aria-pressed')).to.equal('true');
    await until(() => !(part(badges[0]!, 'endorse') as HTMLButtonElement).disabled);
    badges[0]!.hide();
    const other = await openCard(badges[2]!);
    expect(text(other)).to.contain('1 endorsement');
    expect(part(badges[2]!, 'endorse')!.getAttribute('aria-pressed')).to.equal('true');
    badges[2]!.hide();

    // Withdrawn in the list: every badge's card follows.
    part(list, 'endorse')!.click();
    await until(() => figures().includes('0 endorsements'));
    await until(() => part(list, 'endorse')?.getAttribute('aria-pressed') === 'false');
    const third = await openCard(badges[1]!);
    await until(() => text(third).includes('0 endorsements'), 'a badge kept the old count');
    expect(part(badges[1]!, 'endorse')!.getAttribute('aria-pressed')).to.equal('false');
    expect(api.requestsTo('/users', 'GET')).to.have.length(1);
  });

  it('says so when nobody has expertise yet', async () => {
    await startMockApi();
    const el = await listIn(
      html`<cw-community api=${API}
        ><cw-expert-list topic="nothing"></cw-expert-list
      ></cw-community>`,
    );
    expect(text(el.shadowRoot as unknown as Element)).to.contain('Nobody has expertise here yet.');
    await expect(el).to.be.accessible();
  });

  it("shows and changes the viewer's endorsement on a topic outside the person's five best", async () => {
    const api = await startMockApi();
    await seedExpert(api);
    for (const topic of ['pouring', 'boiling', 'filters', 'lids', 'handles']) {
      await api.community.experts.endorse(moderator, customer.id, topic, true);
      await api.community.experts.endorse(employee, customer.id, topic, true);
    }
    await api.community.experts.endorse(employee, customer.id, 'cords', true);
    const el = await listIn(
      html`<cw-community api=${API} token=${mockToken(employee)}
        ><cw-expert-list topic="cords"></cw-expert-list
      ></cw-community>`,
    );
    const figures = () => parts(el, 'expert')[0]!.querySelector('p.muted')!.textContent!;
    expect(part(el, 'endorse')!.getAttribute('aria-pressed')).to.equal('true');
    expect(figures()).to.include('1 endorsement');
    part(el, 'endorse')!.click();
    await until(() => part(el, 'endorse')!.getAttribute('aria-pressed') === 'false');
    await until(() => figures().includes('0 endorsements'), 'the count did not follow');
    await until(() => !(part(el, 'endorse') as HTMLButtonElement).disabled);
    expect(part(el, 'endorse')!.getAttribute('aria-pressed')).to.equal('false');
  });

  it('says why a page failed, fires cw-error, and loads on Try again', async () => {
    const api = await startMockApi();
    await seedExpert(api);
    let failing = true;
    api.use(
      http.get(`${API}/experts`, () =>
        failing ? HttpResponse.json({ title: 'Down' }, { status: 503 }) : undefined,
      ),
    );
    const community = await fixture<CwCommunity>(
      html`<cw-community api=${API}
        ><cw-expert-list topic="kettles"></cw-expert-list
      ></cw-community>`,
    );
    const el = community.querySelector('cw-expert-list')!;
    await retriesFailedPage(el, {
      recover: () => (failing = false),
      reloaded: () => parts(el, 'expert').length === 1,
    });
  });
});

describe('cw-qa expert marks', () => {
  it("marks answers by experts on the question's topics, with one GET /users for all authors", async () => {
    const api = await startMockApi();
    await seedExpert(api);
    const question = await api.community.questions.ask(employee, 'sku-9', {
      title: 'How do I descale this kettle?',
      topics: ['kettles'],
    });
    await api.community.questions.answer(customer, question.id, { body: 'Citric acid.' });
    await api.community.questions.answer(moderator, question.id, { body: 'Vinegar.' });
    const community = await fixture<CwCommunity>(
      html`<cw-community api=${API}><cw-qa subject="sku-9"></cw-qa></cw-community>`,
    );
    const qa = community.querySelector('cw-qa')!;
    await until(() => part(qa, 'question-title'), 'questions did not load');
    part(qa, 'question-title')!.click();
    await until(() => parts(qa, 'answer').length === 2, 'answers did not load');
    await until(() => part(qa, 'expert-mark'), 'no expert mark');
    const marked = parts(qa, 'answer').filter((a) => a.querySelector('[part~="expert-mark"]'));
    expect(marked).to.have.length(1);
    expect(text(marked[0]!)).to.contain('Citric acid.');
    expect(text(marked[0]!.querySelector('[part~="expert-mark"]'))).to.equal('Expert on kettles');
    // Each author is their badge, read from the same cache as the mark.
    const badge = marked[0]!.querySelector('cw-expert-badge')!;
    expect(badge.getAttribute('user')).to.equal(customer.id);
    await until(() => text(part(badge, 'level')) === 'Contributor', 'the badge has no level');
    expect(text(marked[0]!.querySelector('[part~="meta"]'))).to.match(/^Answered on .+ by/);
    expect(api.requestsTo('/users', 'GET')).to.have.length(1);
    await expect(qa).to.be.accessible();
  });
});

describe('cw-qa invitations', () => {
  it('does not offer to invite an expert who already answered', async () => {
    const api = await startMockApi();
    await seedExpert(api);
    const question = await api.community.questions.ask(employee, 'sku-8', {
      title: 'Can the kettle boil milk?',
      topics: ['kettles'],
    });
    await api.community.questions.answer(customer, question.id, { body: 'Better not.' });
    const community = await fixture<CwCommunity>(
      html`<cw-community api=${API} token=${mockToken(employee)}
        ><cw-qa subject="sku-8"></cw-qa
      ></cw-community>`,
    );
    const qa = community.querySelector('cw-qa')!;
    await until(() => part(qa, 'question-title'), 'questions did not load');
    part(qa, 'question-title')!.click();
    await until(() => part(qa, 'answer') && part(qa, 'invite'), 'no answer or invite section');
    part(qa, 'invite')!.querySelector('button')!.click();
    await until(() => !text(part(qa, 'invite')).includes('Find experts'), 'no experts listed');
    expect(text(part(qa, 'invite'))).not.to.contain('Casey Customer');
    expect(text(part(qa, 'invite'))).to.contain('Nobody else has expertise on these topics yet.');
    expect(api.requestsTo('/experts', 'GET')).to.have.length(1);
  });

  it('the asker finds experts on the topic and invites one; the invitee sees it', async () => {
    const api = await startMockApi();
    await seedExpert(api);
    await api.community.questions.ask(employee, 'sku-7', {
      title: 'Which descaler is safe for steel?',
      topics: ['kettles'],
    });
    const community = await fixture<CwCommunity>(
      html`<cw-community api=${API} token=${mockToken(employee)}
        ><cw-qa subject="sku-7"></cw-qa
      ></cw-community>`,
    );
    const qa = community.querySelector('cw-qa')!;
    await until(() => part(qa, 'question-title'), 'questions did not load');
    part(qa, 'question-title')!.click();
    await until(() => part(qa, 'invite'), 'no invite section for the asker');
    const find = part(qa, 'invite')!.querySelector('button')!;
    expect(text(find)).to.equal('Find experts on kettles');
    find.click();
    await until(() => text(part(qa, 'invite')).includes('Invite Casey Customer'));
    await expect(qa).to.be.accessible();
    part(qa, 'invite')!.querySelector('button')!.click();
    await until(() => text(part(qa, 'invite')).includes('Casey Customer is invited'));
    const sent = api.requestsTo('/invitations', 'POST');
    expect(sent).to.have.length(1);
    expect(sent[0]!.headers.get('Idempotency-Key')).to.be.a('string');
    const inbox = await api.community.experts.invitations(customer, {});
    expect(inbox.items.map((i) => i.questionTitle)).to.deep.equal([
      'Which descaler is safe for steel?',
    ]);
  });
});
