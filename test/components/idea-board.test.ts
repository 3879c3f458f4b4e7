import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/index.js';
import type { CwCommunity } from '../../src/components/community/community.js';
import type { CwIdeaBoard } from '../../src/components/idea-board/idea-board.js';
import type { Idea } from '../../src/core/ideas.js';
import type { Identity } from '../../server/domain/types.js';
import { demoPersonas, mockToken, problemResponse } from '../../server/msw/index.js';
import { focused, loaded, part, parts, text, until } from '../support/dom.js';
import { postingWidgetSuite } from '../support/posting-suite.js';
import { API, startMockApi, type MockApi } from '../support/mock-api.js';

const customer = demoPersonas.customer;
const employee = demoPersonas.employee;
const moderator = demoPersonas.moderator;

const root = (el: CwIdeaBoard) => el.shadowRoot!;
const byId = <T extends HTMLElement = HTMLElement>(el: CwIdeaBoard, id: string) =>
  root(el).getElementById(id) as T | null;
const ideaOf = (el: CwIdeaBoard, title: string) =>
  parts(el, 'idea').find((li) => text(li).includes(title));
/** The vote button of the listed idea whose title contains `title` (inside its `<cw-vote>`). */
const voteOf = (el: CwIdeaBoard, title: string) => {
  const li = ideaOf(el, title);
  return li ? part(li, 'vote') : null;
};
/** The id of the listed idea whose title contains `title`. */
const idOf = (el: CwIdeaBoard, title: string) =>
  part(ideaOf(el, title)!, 'idea-title')!.id.slice('title-'.length);

async function seedBoard(api: MockApi, voteBudget: number | null = 10) {
  await api.community.ideas.saveBoard({ id: 'roadmap', title: 'Product roadmap', voteBudget });
  const dark = await api.community.ideas.submit(employee, 'roadmap', {
    title: 'Dark mode for the portal',
    body: 'Easier on the eyes at night.',
  });
  const csv = await api.community.ideas.submit(employee, 'roadmap', {
    title: 'Export orders as CSV',
  });
  await api.community.ideas.vote(employee, csv.id, { voted: true });
  return { dark, csv };
}

async function boardIn(markup: ReturnType<typeof html>): Promise<CwIdeaBoard> {
  const community = await fixture<CwCommunity>(markup);
  const el = community.querySelector('cw-idea-board')!;
  await until(
    () => part(el, 'list') || root(el)?.textContent?.includes('No ideas'),
    'the board did not load',
  );
  await el.updateComplete;
  return el;
}

async function signedInBoard(token = mockToken(customer)): Promise<CwIdeaBoard> {
  const el = await boardIn(
    html`<cw-community api=${API} token=${token}
      ><cw-idea-board board="roadmap"></cw-idea-board
    ></cw-community>`,
  );
  // Vote buttons and the form need the viewer too, which may arrive after the list.
  await until(() => part(el, 'share') || part(el, 'sign-in'), 'the viewer did not load');
  await el.updateComplete;
  return el;
}

async function settle(el: CwIdeaBoard) {
  await el.updateComplete;
  await new Promise((resolve) => setTimeout(resolve, 0));
  await el.updateComplete;
}

describe('cw-idea-board', () => {
  beforeEach(() => localStorage.clear());

  describe('reading', () => {
    it('lists ideas with votes, status chips and the budget; axe clean', async () => {
      const api = await startMockApi();
      await seedBoard(api);
      const el = await signedInBoard();
      expect(part(el, 'title')!.textContent!.trim()).to.equal('Product roadmap');
      expect(part(el, 'budget')!.textContent!.trim()).to.equal('10 of 10 votes left');
      const titles = parts(el, 'idea-title').map((b) => b.textContent!.trim());
      expect(titles).to.deep.equal(['Export orders as CSV', 'Dark mode for the portal']);
      expect(voteOf(el, 'CSV')!.textContent).to.include('1 vote');
      expect(voteOf(el, 'CSV')!.getAttribute('aria-pressed')).to.equal('false');
      expect(parts(el, 'status')[0]!.textContent!.trim()).to.equal('Open');
      await expect(el).to.be.accessible();
    });

    it('every title starts at the same edge, whatever the width of its vote count', async () => {
      const api = await startMockApi();
      const { dark } = await seedBoard(api, null);
      for (let n = 0; n < 120; n += 1) {
        const voter: Identity = {
          id: `u-voter-${n}`,
          name: `Voter ${n}`,
          avatar: null,
          roles: ['member'],
        };
        await api.community.ideas.vote(voter, dark.id, { voted: true });
      }
      await api.community.ideas.submit(employee, 'roadmap', { title: 'Nobody voted yet' });
      for (const token of [mockToken(customer), null]) {
        const el = await boardIn(
          token
            ? html`<cw-community api=${API} token=${token}
                ><cw-idea-board board="roadmap"></cw-idea-board
              ></cw-community>`
            : html`<cw-community api=${API}
                ><cw-idea-board board="roadmap"></cw-idea-board
              ></cw-community>`,
        );
        await until(() => parts(el, 'idea-title').length === 3);
        await settle(el);
        const edges = parts(el, 'idea-title').map((t) =>
          Math.round(t.getBoundingClientRect().left),
        );
        expect(new Set(edges).size, `title edges ${edges.join(', ')}`).to.equal(1);
      }
    });

    it('anonymous visitors read, see no vote buttons or form, and get the sign-in slot', async () => {
      const api = await startMockApi();
      await seedBoard(api);
      const el = await boardIn(
        html`<cw-community api=${API}
          ><cw-idea-board board="roadmap"
            ><a slot="sign-in" href="/login">Sign in to vote</a></cw-idea-board
          ></cw-community
        >`,
      );
      await until(() => part(el, 'sign-in'));
      expect(parts(el, 'vote')).to.have.length(0);
      expect(part(el, 'share')).to.equal(null);
      expect(part(el, 'budget')).to.equal(null);
      const slot = part(el, 'sign-in')!.querySelector('slot')!;
      expect(slot.assignedElements()[0]!.textContent).to.equal('Sign in to vote');
      expect(text(el)).to.include('0 comments');
      await expect(el).to.be.accessible();
    });

    it('says so when the board does not exist', async () => {
      await startMockApi();
      const community = await fixture<CwCommunity>(
        html`<cw-community api=${API}><cw-idea-board board="nope"></cw-idea-board></cw-community>`,
      );
      const el = community.querySelector('cw-idea-board')!;
      await until(() => part(el, 'error'));
      expect(part(el, 'error')!.textContent).to.include('does not exist');
      await expect(el).to.be.accessible();
    });

    it('says so when its backend serves no idea boards (a ratings-only custom backend)', async () => {
      const backend = {
        getViewer: async () => ({
          authenticated: false,
          id: null,
          name: null,
          avatar: null,
          roles: [],
        }),
        getRatingSummaries: async () => [],
        setRating: async () => {
          throw new Error('unused');
        },
        clearRating: async () => {
          throw new Error('unused');
        },
      };
      const community = await fixture<CwCommunity>(
        html`<cw-community .backend=${backend}
          ><cw-idea-board board="roadmap"></cw-idea-board
        ></cw-community>`,
      );
      const el = community.querySelector('cw-idea-board')!;
      await until(() => text(el).includes('no idea boards'));
      await expect(el).to.be.accessible();
    });

    it('reserves its space while loading and says when a board is empty; axe clean', async () => {
      const api = await startMockApi();
      await api.community.ideas.saveBoard({ id: 'roadmap', title: 'Roadmap' });
      // The board is held until the loading state has been checked.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      api.use(
        http.get(`${API}/boards/:board`, async () => {
          await held;
        }),
      );
      const community = await fixture<CwCommunity>(
        html`<cw-community api=${API} token=${mockToken(customer)}
          ><cw-idea-board board="roadmap"></cw-idea-board
        ></cw-community>`,
      );
      const el = community.querySelector('cw-idea-board')!;
      await until(() => part(el, 'base'));
      expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
      expect(part(el, 'base')!.getBoundingClientRect().height).to.be.at.least(150);
      await expect(el).to.be.accessible();
      release();
      await until(
        () =>
          text(el).includes('No ideas here yet.') &&
          part(el, 'base')!.getAttribute('aria-busy') === 'false',
        'no empty state',
      );
      expect(part(el, 'title')!.textContent!.trim()).to.equal('Roadmap');
      await expect(el).to.be.accessible();
    });

    it('opens an idea with its comments; a comment posts, and a failed one keeps its text', async () => {
      const api = await startMockApi();
      const { csv } = await seedBoard(api);
      await api.community.ideas.comment(moderator, csv.id, { body: 'Planned for spring.' });
      const el = await signedInBoard();
      byId(el, `title-${csv.id}`)!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => part(el, 'comments'), 'no comments');
      expect(text(el)).to.include('Planned for spring.');
      expect(part(el, 'comments')!.textContent).to.include('Team');
      await expect(el).to.be.accessible();
      api.use(
        http.post(`${API}/ideas/:id/comments`, () => problemResponse('internal', 'down'), {
          once: true,
        }),
      );
      byId(el, 'comment-body')!.focus();
      await sendKeys({ type: 'I would use this every month.' });
      part(el, 'comment-form')!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await until(() => part(el, 'comment-form')!.querySelector('[part~="error"]'));
      expect(byId<HTMLTextAreaElement>(el, 'comment-body')!.value).to.equal(
        'I would use this every month.',
      );
      part(el, 'comment-form')!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await until(() => part(el, 'comments')!.textContent!.includes('every month'));
      expect(byId<HTMLTextAreaElement>(el, 'comment-body')!.value).to.equal('');
      const keys = api
        .requestsTo(`/ideas/${csv.id}/comments`, 'POST')
        .map((r) => r.headers.get('Idempotency-Key'));
      expect(keys).to.have.length(2);
      expect(keys[0]).to.equal(keys[1]);
      await expect(el).to.be.accessible();
    });

    it('searches, filters by status, sorts and loads more', async () => {
      const api = await startMockApi();
      await api.community.ideas.saveBoard({ id: 'roadmap', title: 'Roadmap' });
      for (let i = 0; i < 22; i += 1) {
        await api.community.ideas.submit(employee, 'roadmap', { title: `Numbered idea ${i}` });
      }
      const planned = await api.community.ideas.submit(employee, 'roadmap', {
        title: 'Keyboard shortcuts',
      });
      await api.community.ideas.setStatus(moderator, planned.id, { status: 'planned' });
      const el = await signedInBoard();
      expect(parts(el, 'idea')).to.have.length(20);
      part(el, 'load-more')!.click();
      await until(() => parts(el, 'idea').length === 23, 'more ideas did not load');
      const filter = part(el, 'filter') as HTMLSelectElement;
      filter.value = 'planned';
      filter.dispatchEvent(new Event('change'));
      await until(() => parts(el, 'idea').length === 1, 'the filter did not apply');
      filter.value = '';
      filter.dispatchEvent(new Event('change'));
      const search = part(el, 'search') as HTMLInputElement;
      search.focus();
      await sendKeys({ type: 'keyboard' });
      await until(
        () => parts(el, 'idea').length === 1 && text(el).includes('Keyboard shortcuts'),
        'the search did not apply',
      );
      const sort = part(el, 'sort') as HTMLSelectElement;
      sort.value = 'new';
      sort.dispatchEvent(new Event('change'));
      await until(() =>
        api.requestsTo('/boards/roadmap/ideas').some((r) => r.url.includes('sort=new')),
      );
      await expect(el).to.be.accessible();
    });
  });

  describe('voting', () => {
    it('votes optimistically and fires cw-vote', async () => {
      const api = await startMockApi();
      await seedBoard(api);
      // The vote's answer is held until the optimistic state has been checked.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      api.use(
        http.put(`${API}/ideas/:id/vote`, async () => {
          await held;
        }),
      );
      const el = await signedInBoard();
      const button = voteOf(el, 'Dark mode')!;
      const fired = oneEvent(el, 'cw-vote');
      button.click();
      const event = await fired;
      expect(event.detail).to.include({ target: 'idea', board: 'roadmap', value: 1, previous: 0 });
      expect(event.bubbles && event.composed).to.equal(true);
      await el.updateComplete;
      // Shown at once, before the (slow) answer.
      expect(voteOf(el, 'Dark mode')!.getAttribute('aria-pressed')).to.equal('true');
      expect(part(el, 'budget')!.textContent!.trim()).to.equal('9 of 10 votes left');
      release();
      await until(() => text(el).includes('You voted for'), 'no confirmation');
      expect((await api.community.ideas.get(customer, idOf(el, 'Dark'))).votes).to.equal(1);
    });

    it('rolls a failed vote back and says why', async () => {
      const api = await startMockApi();
      await seedBoard(api);
      api.use(http.put(`${API}/ideas/:id/vote`, () => problemResponse('internal', 'boom')));
      const el = await signedInBoard();
      voteOf(el, 'Dark mode')!.click();
      await until(() => part(el, 'error'), 'no error shown');
      expect(part(el, 'error')!.textContent).to.include('Your vote was not saved.');
      expect(voteOf(el, 'Dark mode')!.getAttribute('aria-pressed')).to.equal('false');
      expect(voteOf(el, 'Dark mode')!.textContent).to.include('0 votes');
      expect(part(el, 'budget')!.textContent!.trim()).to.equal('10 of 10 votes left');
      await expect(el).to.be.accessible();
    });

    it('votes in an open idea at once and rolls a refused vote back there too', async () => {
      const api = await startMockApi();
      const { dark } = await seedBoard(api);
      let release!: () => void;
      const answered = new Promise<void>((resolve) => (release = resolve));
      api.use(
        http.put(
          `${API}/ideas/:id/vote`,
          async () => {
            await answered;
            return problemResponse('internal', 'boom');
          },
          { once: true },
        ),
      );
      const el = await signedInBoard();
      byId(el, `title-${dark.id}`)!.click();
      await until(() => part(el, 'detail'), 'the idea did not open');
      const vote = () => part(part(el, 'detail')!, 'vote')!;
      vote().click();
      await el.updateComplete;
      expect(vote().getAttribute('aria-pressed')).to.equal('true');
      expect(vote().textContent).to.include('1 vote');
      expect(part(el, 'budget')!.textContent!.trim()).to.equal('9 of 10 votes left');
      release();
      await until(() => part(el, 'error'), 'no error shown');
      expect(part(el, 'error')!.textContent).to.include('Your vote was not saved.');
      expect(vote().getAttribute('aria-pressed')).to.equal('false');
      expect(vote().textContent).to.include('0 votes');
      expect(part(el, 'budget')!.textContent!.trim()).to.equal('10 of 10 votes left');
    });

    it('knows when the budget is spent: no request, a sentence instead', async () => {
      const api = await startMockApi();
      const { csv } = await seedBoard(api, 1);
      await api.community.ideas.vote(customer, csv.id, { voted: true });
      const el = await signedInBoard();
      expect(part(el, 'budget')!.textContent!.trim()).to.equal('0 of 1 votes left');
      const dark = voteOf(el, 'Dark mode')!;
      expect(dark.getAttribute('aria-disabled')).to.equal('true');
      const before = api.requestsTo('/vote').length;
      dark.click();
      await until(() => part(el, 'error'));
      expect(part(el, 'error')!.textContent).to.include('You have used all your votes');
      expect(api.requestsTo('/vote').length).to.equal(before);
      await expect(el).to.be.accessible();
    });
  });

  describe('submitting', () => {
    it('shows similar ideas while typing; a stale answer never replaces a newer one', async () => {
      const api = await startMockApi();
      await seedBoard(api);
      await api.community.ideas.submit(employee, 'roadmap', { title: 'Keyboard shortcuts please' });
      // The first lookup is held until the newer one has shown, then answered: it is stale.
      let staleAsked = false;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let staleAnswered!: () => void;
      const answered = new Promise<void>((resolve) => (staleAnswered = resolve));
      api.use(
        http.get(`${API}/boards/:board/ideas/similar`, async ({ request }) => {
          if (!new URL(request.url).searchParams.get('q')!.includes('keyboard')) return;
          staleAsked = true;
          await held;
          staleAnswered();
        }),
      );
      const el = await signedInBoard();
      part(el, 'share')!.click();
      await until(() => byId(el, 'idea-title'));
      const title = byId<HTMLInputElement>(el, 'idea-title')!;
      title.focus();
      await sendKeys({ type: 'keyboard' });
      await until(() => staleAsked, 'the first lookup was not sent');
      await sendKeys({ press: 'Control+A' });
      await sendKeys({ type: 'dark mode' });
      await until(() => part(el, 'similar')!.textContent!.includes('Dark mode'));
      release();
      await answered;
      // A request sent after the stale answer comes back after it, through the same worker;
      // then two frames and a render, so a stale answer the widget took would show by now.
      await fetch(`${API}/me`);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      await el.updateComplete;
      expect(part(el, 'similar')!.textContent).to.include('Dark mode for the portal');
      expect(part(el, 'similar')!.textContent).not.to.include('Keyboard');
      await expect(el).to.be.accessible();
    });

    it('a failed submit keeps the draft (also across a reload) and retries with the same key', async () => {
      const api = await startMockApi();
      await seedBoard(api);
      api.use(
        http.post(`${API}/boards/:board/ideas`, () => problemResponse('internal', 'down'), {
          once: true,
        }),
      );
      const el = await signedInBoard();
      part(el, 'share')!.click();
      await until(() => byId(el, 'idea-title'));
      byId(el, 'idea-title')!.focus();
      await sendKeys({ type: 'Offline mode for field work' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'No signal in the basement.' });
      await sendKeys({ press: 'Enter' }); // a new line in the details, not a submit
      part(el, 'submit')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => part(el, 'error'), 'no error shown');
      expect(part(el, 'error')!.textContent).to.include('your text is kept');
      expect(byId<HTMLInputElement>(el, 'idea-title')!.value).to.equal(
        'Offline mode for field work',
      );
      expect(part(el, 'submit')!.textContent!.trim()).to.equal('Try posting again');
      await expect(el).to.be.accessible();

      // A reload (a new element) finds the draft.
      const again = await signedInBoard();
      part(again, 'share')!.click();
      await until(() => byId(again, 'idea-title'));
      expect(byId<HTMLInputElement>(again, 'idea-title')!.value).to.equal(
        'Offline mode for field work',
      );
      expect(byId<HTMLTextAreaElement>(again, 'idea-body')!.value).to.equal(
        'No signal in the basement.\n',
      );
      const submitted = oneEvent(again, 'cw-idea-submit');
      part(again, 'submit')!.click();
      const event = await submitted;
      expect(event.detail).to.include({ board: 'roadmap', title: 'Offline mode for field work' });
      const keys = api
        .requestsTo('/boards/roadmap/ideas', 'POST')
        .map((r) => r.headers.get('Idempotency-Key'));
      expect(keys).to.have.length(2);
      expect(keys[0]).to.be.a('string').and.equal(keys[1]);
      expect(Object.keys(localStorage).filter((k) => k.startsWith('cw-draft'))).to.have.length(0);
    });

    it('refuses a too-short title before sending', async () => {
      const api = await startMockApi();
      await seedBoard(api);
      const el = await signedInBoard();
      part(el, 'share')!.click();
      await until(() => byId(el, 'idea-title'));
      byId(el, 'idea-title')!.focus();
      await sendKeys({ type: 'Short' });
      await sendKeys({ press: 'Enter' });
      await settle(el);
      expect(byId(el, 'idea-title')!.getAttribute('aria-invalid')).to.equal('true');
      expect(api.requestsTo('/boards/roadmap/ideas', 'POST')).to.have.length(0);
      await expect(el).to.be.accessible();
    });
  });

  describe('the loop', () => {
    it('submit → vote → a moderator sets "planned" → the voter sees the update, by keyboard', async () => {
      const api = await startMockApi();
      await seedBoard(api);
      const community = await fixture<CwCommunity>(
        html`<cw-community api=${API} token=${mockToken(customer)}
          ><cw-idea-board board="roadmap"></cw-idea-board
        ></cw-community>`,
      );
      const el = community.querySelector('cw-idea-board')!;
      await until(() => part(el, 'share'), 'no share button');

      // Submit.
      part(el, 'share')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => focused(el)?.id === 'idea-title', 'focus did not move to the form');
      await sendKeys({ type: 'Offline mode for field work' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'No signal in the basement.' });
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.getAttribute('part')).to.equal('submit');
      await sendKeys({ press: 'Enter' });
      await until(() => focused(el)?.part.contains('vote'), 'focus not on the vote');

      // Vote for it.
      await sendKeys({ press: 'Enter' });
      await until(() => focused(el)?.getAttribute('aria-pressed') === 'true', 'vote not shown');
      await until(() => text(el).includes('You voted for'));

      // A moderator opens it and sets "planned".
      community.token = mockToken(moderator);
      await until(() => voteOf(el, 'Offline')?.getAttribute('aria-pressed') === 'false');
      byId(el, `title-${idOf(el, 'Offline')}`)!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => focused(el)?.id === 'detail-heading', 'detail heading not focused');
      await until(() => byId(el, 'status-select'), 'no moderator controls');
      await expect(el).to.be.accessible();
      byId(el, 'status-select')!.focus();
      await sendKeys({ press: 'ArrowDown' });
      expect(byId<HTMLSelectElement>(el, 'status-select')!.value).to.equal('planned');
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'Coming in spring.' });
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.id).to.equal('save-status');
      const status = oneEvent(el, 'cw-idea-status');
      await sendKeys({ press: 'Enter' });
      expect((await status).detail).to.include({ status: 'planned', previous: 'open' });
      await until(() => text(el).includes('The status is now Planned.'));

      // The voter comes back and sees what happened.
      community.token = mockToken(customer);
      await until(() => part(el, 'updates-button'), 'no updates button');
      expect(part(el, 'updates-button')!.textContent!.trim()).to.equal('Your ideas moved (1)');
      part(el, 'updates-button')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => part(el, 'updates'), 'no updates view');
      // The idea's title is isolated in the sentence (U+2068…U+2069), so it keeps its direction.
      expect(part(el, 'updates')!.textContent).to.include(
        '“\u2068Offline mode for field work\u2069” is now Planned.',
      );
      expect(part(el, 'updates')!.textContent).to.include('Coming in spring.');
      await expect(el).to.be.accessible();
      // Marked seen: the server has nothing unseen for the voter any more.
      await until(async () => (await api.community.ideas.updates(customer)).items.length === 0);
    });

    it('moderators merge duplicates; the merged idea points at the survivor', async () => {
      const api = await startMockApi();
      const { dark } = await seedBoard(api);
      const night = await api.community.ideas.submit(customer, 'roadmap', {
        title: 'Night theme for the portal',
      });
      await api.community.ideas.vote(customer, night.id, { voted: true });
      const el = await signedInBoard(mockToken(moderator));
      byId(el, `title-${night.id}`)!.click();
      await until(() => root(el).querySelector('select[name="into"]'), 'no merge control');
      const select = root(el).querySelector<HTMLSelectElement>('select[name="into"]')!;
      select.value = dark.id;
      const fired = oneEvent(el, 'cw-idea-status');
      root(el).querySelector<HTMLFormElement>('select[name="into"]')!.form!.requestSubmit();
      expect((await fired).detail).to.include({ status: 'duplicate', mergedInto: dark.id });
      await until(() => text(el).includes('This idea was merged into another one.'));
      expect(part(el, 'comment-form'), 'a merged idea takes no comments').to.equal(null);
      expect((await api.community.ideas.get(null, dark.id)).votes).to.equal(1);
      await expect(el).to.be.accessible();
    });
  });

  describe('hostile text', () => {
    it('renders scripts, handlers, javascript: links, bidi overrides and 10 KB strings as inert text', async () => {
      const api = await startMockApi();
      await seedBoard(api);
      const hostile =
        '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">' +
        ' javascript:alert(1) [x](javascript:alert(2)) \u202Egnp.exe\u200B ' +
        'x'.repeat(10_000);
      const idea: Idea = {
        id: 'iHostile',
        board: 'roadmap',
        title: hostile,
        body: `${hostile}\n\nhttps://example.com/ok <a href="javascript:alert(3)">link</a>`,
        author: { id: 'u-evil', name: '<b onmouseover=alert(4)>Evil</b>', avatar: null },
        createdAt: new Date().toISOString(),
        status: 'planned',
        statusNote: hostile,
        statusChangedAt: new Date().toISOString(),
        votes: 3,
        viewerVoted: false,
        commentCount: 1,
        mergedInto: null,
      };
      api.use(
        http.get(`${API}/boards/:board/ideas`, () =>
          HttpResponse.json({ items: [idea], nextCursor: null }),
        ),
        http.get(`${API}/ideas/iHostile`, () => HttpResponse.json(idea)),
        http.get(`${API}/ideas/iHostile/comments`, () =>
          HttpResponse.json({
            items: [
              {
                id: 'cHostile',
                ideaId: 'iHostile',
                body: hostile,
                author: idea.author,
                createdAt: idea.createdAt,
                official: false,
              },
            ],
            nextCursor: null,
          }),
        ),
      );
      const el = await signedInBoard();
      byId(el, 'title-iHostile')!.click();
      await until(() => root(el).querySelector('[part~="comments"]'), 'detail did not load');
      const shadow = root(el);
      expect(shadow.querySelectorAll('script, img, b, iframe, object')).to.have.length(0);
      const handlers = [...shadow.querySelectorAll('*')].flatMap((node) =>
        [...node.attributes].filter((a) => a.name.startsWith('on')),
      );
      expect(handlers).to.have.length(0);
      const hrefs = [...shadow.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      expect(hrefs.every((href) => /^https?:\/\//.test(href ?? ''))).to.equal(true);
      expect(hrefs).to.include('https://example.com/ok');
      expect(shadow.textContent).not.to.match(/[\u202A-\u202E\u200B]/);
      expect(shadow.textContent).to.include('<script>window.__pwned = 1</script>');
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
      // Long words wrap instead of widening the page.
      expect(el.getBoundingClientRect().width).to.be.at.most(document.body.clientWidth + 1);
      await expect(el).to.be.accessible();
    });
  });
});

postingWidgetSuite<CwIdeaBoard>({
  tag: 'cw-idea-board',
  async mount(board, { anonymous = false } = {}) {
    const community = await fixture<CwCommunity>(
      anonymous
        ? html`<cw-community api=${API}
            ><cw-idea-board board=${board}></cw-idea-board
          ></cw-community>`
        : html`<cw-community api=${API} token=${mockToken(customer)}
            ><cw-idea-board board=${board}></cw-idea-board
          ></cw-community>`,
    );
    return community.querySelector('cw-idea-board')!;
  },
  async prepare(api, board) {
    await api.community.ideas.saveBoard({ id: board, title: 'Suite board' });
  },
  // The list is shown AND the viewer is known (the share button or the sign-in sentence).
  loaded: (el) =>
    loaded(
      el,
      () =>
        part(el, 'base')?.getAttribute('aria-busy') === 'false' &&
        (part(el, 'share') || part(el, 'sign-in')),
      'the board did not load',
    ),
  routes: { list: `${API}/boards/:board/ideas`, create: `${API}/boards/:board/ideas` },
  texts: {
    loading: 'Loading ideas…',
    empty: 'No ideas here yet.',
    loadFailed: 'The ideas could not be loaded.',
    notPosted: 'Your idea was not posted',
  },
  async compose(el) {
    if (!byId(el, 'idea-title')) part(el, 'share')!.click();
    await el.updateComplete;
    return byId<HTMLInputElement>(el, 'idea-title')!;
  },
  validText: 'Does the suite keep this idea?',
  async seed(api, board, title) {
    await api.community.ideas.submit(employee, board, { title });
  },
  async reveal(el) {
    part(el, 'idea-title')!.click();
    await until(() => part(el, 'detail'), 'the idea did not open');
  },
});
