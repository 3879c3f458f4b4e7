import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http } from 'msw';
import '../../src/index.js';
import type { CwCommunity } from '../../src/components/community/community.js';
import type { CwRating } from '../../src/components/rating/rating.js';
import type { CwReviews } from '../../src/components/reviews/reviews.js';
import { useLocale } from '../../src/i18n/locale.js';
import { demoPersonas, mockToken, problemResponse } from '../../server/msw/index.js';
import type { Identity } from '../../server/domain/types.js';
import {
  $,
  buttonNamed,
  fill,
  loaded as loadedWhen,
  part,
  parts,
  retriesFailedPage,
  text,
  until,
} from '../support/dom.js';
import { postingWidgetSuite } from '../support/posting-suite.js';
import { API, customerToken, startMockApi, type MockApi } from '../support/mock-api.js';

const root = (el: Element) => el.shadowRoot!;
const titles = (el: CwReviews) => parts(el, 'review-title').map((p) => p.textContent!.trim());
const starInput = (el: CwReviews) => $(el, 'cw-rating-input');
const field = (el: CwReviews, id: 'title' | 'body') =>
  $<HTMLInputElement | HTMLTextAreaElement>(el, `#${id}`)!;

const reviewer = (n: number): Identity => ({
  id: `u-rev-${n}`,
  name: `Reviewer ${n}`,
  avatar: null,
  roles: ['member'],
});

async function seed(
  api: MockApi,
  subject: string,
  reviews: Array<{ stars: number; title: string; body?: string; by?: Identity }>,
): Promise<void> {
  for (const [n, r] of reviews.entries()) {
    await api.community.reviews.create(
      r.by ?? reviewer(n),
      subject,
      { stars: r.stars, title: r.title, body: r.body ?? `Text of ${r.title}.` },
      undefined,
    );
  }
}

/** The summary and the first page are shown. */
const loaded = (el: CwReviews) =>
  loadedWhen(
    el,
    () => $(el, '[part="base"][aria-busy="false"]') && part(el, 'average'),
    'reviews did not load',
  );

async function reviewsIn(markup: ReturnType<typeof html>): Promise<CwReviews> {
  const community = await fixture<CwCommunity>(markup);
  const el = community.querySelector('cw-reviews')!;
  await loaded(el);
  return el;
}

async function signedIn(subject = 'sku-1', token = customerToken()): Promise<CwReviews> {
  const el = await reviewsIn(
    html`<cw-community api=${API} token=${token}
      ><cw-reviews subject=${subject} label="Blue kettle"></cw-reviews
    ></cw-community>`,
  );
  // The write button and helpful buttons need the viewer too, which may arrive after the
  // list: wait until what the signed-in viewer can do is shown.
  const others = () => parts(el, 'review').filter((review) => !review.hasAttribute('data-own'));
  await until(
    () =>
      (buttonNamed(el, 'Write a review') || root(el).querySelector('form') || part(el, 'own')) &&
      others().every((review) => parts(review, 'helpful-button').length > 0),
    'the viewer did not load',
  );
  await el.updateComplete;
  return el;
}

/** Fills the write form like a person would: stars by keyboard, text by typing. */
async function fillForm(el: CwReviews, stars: number, title: string, body: string) {
  await until(() => starInput(el)?.shadowRoot?.querySelector('[role="radio"]'));
  starInput(el)!.focus();
  for (let i = 0; i < stars; i += 1) await sendKeys({ press: 'ArrowRight' });
  field(el, 'title').focus();
  await sendKeys({ type: title });
  field(el, 'body').focus();
  await sendKeys({ type: body });
  await el.updateComplete;
}

beforeEach(() => localStorage.clear());

describe('cw-reviews', () => {
  // The language of the sentences is one per page: a test that switches it switches it back.
  afterEach(() => useLocale('en'));

  describe('reading', () => {
    it('is accessible and tells anonymous visitors to sign in, with a slot', async () => {
      const api = await startMockApi({ 'sku-1': [0, 0, 1, 1, 1] });
      await seed(api, 'sku-1', [{ stars: 5, title: 'Great' }]);
      const el = await reviewsIn(
        html`<cw-community api=${API}
          ><cw-reviews subject="sku-1"
            ><a slot="sign-in" href="/login">Log in to review</a></cw-reviews
          ></cw-community
        >`,
      );
      expect(part(el, 'sign-in')).to.exist;
      expect(root(el).querySelector('form')).to.equal(null);
      expect(buttonNamed(el, 'Write a review')).to.equal(undefined);
      expect(text(el)).to.contain('Helpful: 0 yes, 0 no');
      expect(parts(el, 'helpful-button')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('shows the summary, and each review with stars, author, local date and text', async () => {
      const api = await startMockApi();
      await seed(api, 'sku-1', [
        { stars: 2, title: 'Leaks', body: 'First paragraph.\n\nSee https://example.com/x.' },
        { stars: 5, title: 'Lovely' },
      ]);
      const el = await reviewsIn(
        html`<cw-community api=${API} locale="de-DE"
          ><cw-reviews subject="sku-1"></cw-reviews
        ></cw-community>`,
      );
      expect(part(el, 'average')!.textContent!.trim()).to.equal('3,5');
      expect(titles(el)).to.deep.equal(['Lovely', 'Leaks']);
      const leaks = parts(el, 'review')[1]!;
      // The sentences follow the locale too, once its translations have loaded.
      await until(
        () =>
          leaks.querySelector('[part="stars"]')!.getAttribute('aria-label') ===
          'Mit 2 von 5 Sternen bewertet',
        'the stars are not named in German',
      );
      expect(leaks.querySelector('[part="author"]')!.textContent).to.equal('Reviewer 0');
      const time = leaks.querySelector('time')!;
      const expected = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium' }).format(
        new Date(time.dateTime),
      );
      expect(time.textContent).to.contain(expected);
      const body = leaks.querySelector('[part="review-body"]')!;
      expect(body.querySelectorAll('p')).to.have.length(2);
      expect(body.querySelector('a')!.getAttribute('rel')).to.equal('nofollow ugc noopener');
      await expect(el).to.be.accessible();
    });

    it('keeps its text off the screen edges on a phone (390 px)', async () => {
      const api = await startMockApi();
      await seed(api, 'sku-1', [{ stars: 4, title: 'Fits a small kitchen' }]);
      await setViewport({ width: 390, height: 844 });
      try {
        const el = await reviewsIn(
          html`<cw-community api=${API} style="display: block; margin: 0"
            ><cw-reviews subject="sku-1"></cw-reviews
          ></cw-community>`,
        );
        const widget = el.getBoundingClientRect();
        expect(widget.width).to.be.at.most(390);
        for (const box of [part(el, 'review')!, part(el, 'average')!].map((e) =>
          e.getBoundingClientRect(),
        )) {
          expect(box.left - widget.left, 'start inset').to.be.at.least(12);
          expect(widget.right - box.right, 'end inset').to.be.at.least(12);
        }
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });

    it('says so when there are no reviews yet', async () => {
      await startMockApi();
      const el = await signedIn();
      expect(text(el)).to.contain('No reviews yet.');
      await expect(el).to.be.accessible();
    });

    it('marks verified reviewers, as their signed token says', async () => {
      const api = await startMockApi();
      await seed(api, 'sku-1', [
        { stars: 4, title: 'Bought it', by: { ...reviewer(9), verifiedSubjects: ['sku-1'] } },
        { stars: 3, title: 'Just looking' },
      ]);
      const el = await signedIn();
      const [other, verified] = parts(el, 'review'); // newest first
      expect(verified!.querySelector('[part="verified"]')!.textContent).to.contain(
        'Verified purchase',
      );
      expect(other!.querySelector('[part="verified"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('shows the author as an expert badge (the page defines <cw-expert-badge>)', async () => {
      const api = await startMockApi();
      await seed(api, 'sku-1', [{ stars: 4, title: 'Expert view' }]);
      const el = await signedIn();
      await until(() => root(el).querySelector('cw-expert-badge'));
      const badge = root(el).querySelector('cw-expert-badge')!;
      expect(badge.getAttribute('user')).to.equal('u-rev-0');
      expect(badge.getAttribute('part')).to.equal('author');
    });

    it('loads more reviews by cursor, and sorts', async () => {
      const api = await startMockApi();
      await seed(
        api,
        'sku-1',
        Array.from({ length: 5 }, (_, n) => ({ stars: (n % 5) + 1, title: `Review ${n}` })),
      );
      const community = await fixture<CwCommunity>(
        html`<cw-community api=${API}
          ><cw-reviews subject="sku-1" page-size="2"></cw-reviews
        ></cw-community>`,
      );
      const el = community.querySelector('cw-reviews')!;
      await loaded(el);
      expect(titles(el)).to.deep.equal(['Review 4', 'Review 3']);
      part(el, 'load-more')!.click();
      await until(() => titles(el).length === 4);
      part(el, 'load-more')!.click();
      await until(() => titles(el).length === 5);
      expect(part(el, 'load-more')).to.equal(null);
      const select = part(el, 'sort') as unknown as HTMLSelectElement;
      select.value = 'lowest';
      select.dispatchEvent(new Event('change'));
      await until(() => titles(el)[0] === 'Review 0');
      expect(titles(el)).to.deep.equal(['Review 0', 'Review 1']);
    });

    it('offers a retry when the list fails to load', async () => {
      const api = await startMockApi();
      api.use(
        http.get(`${API}/subjects/:subject/reviews`, () => problemResponse('internal', 'boom'), {
          once: true,
        }),
      );
      const community = await fixture<CwCommunity>(
        html`<cw-community api=${API}><cw-reviews subject="sku-1"></cw-reviews></cw-community>`,
      );
      const el = community.querySelector('cw-reviews')!;
      await retriesFailedPage(el, {
        sentence: 'Reviews could not be loaded.',
        recover: () => undefined,
        reloaded: () => text(el).includes('No reviews yet.'),
      });
    });
  });

  describe('writing', () => {
    it('write → edit → filter by stars, all by keyboard', async () => {
      const api = await startMockApi();
      await seed(api, 'sku-1', [
        { stars: 3, title: 'Middling' },
        { stars: 5, title: 'Superb' },
      ]);
      const el = await signedIn();
      await expect(el).to.be.accessible();

      buttonNamed(el, 'Write a review')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => root(el).querySelector('form'));
      await expect(el).to.be.accessible();
      await fillForm(el, 4, 'Good kettle', 'Boils quickly.');
      const submitted = oneEvent(el, 'cw-review-submit');
      await sendKeys({ press: 'Tab' }); // body → hint-free submit button
      await sendKeys({ press: 'Enter' });
      const { detail } = await submitted;
      expect(detail).to.include({ subject: 'sku-1', stars: 4, edited: false });
      await until(() => titles(el)[0] === 'Good kettle');
      expect(root(el).querySelector('form')).to.equal(null);
      expect(part(el, 'own')).to.exist;
      await expect(el).to.be.accessible();

      // Edit: focus sits on the own review; Tab reaches the author's badge, then Edit.
      await until(() => root(el).activeElement === part(el, 'own'));
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement!.localName).to.equal('cw-expert-badge');
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement!.textContent!.trim()).to.equal('Edit');
      await sendKeys({ press: 'Enter' });
      await until(() => root(el).querySelector('form'));
      await until(() => starInput(el)?.shadowRoot?.activeElement);
      await sendKeys({ press: 'ArrowLeft' }); // 4 → 3 stars
      field(el, 'title').focus();
      await sendKeys({ press: 'End' });
      await sendKeys({ type: ', on reflection' });
      const edited = oneEvent(el, 'cw-review-submit');
      await sendKeys({ press: 'Enter' }); // implicit submission from the title field
      expect((await edited).detail).to.include({ stars: 3, edited: true });
      await until(() => titles(el)[0] === 'Good kettle, on reflection');
      expect(part(el, 'own')!.querySelector('[part="stars"]')!.getAttribute('aria-label')).to.equal(
        'Rated 3 out of 5',
      );

      // Filter by the 3-star row of the distribution, with the keyboard.
      const threeStars = parts(el, 'filter')[2]!; // 5, 4, 3, 2, 1
      expect(threeStars.textContent!.replace(/\s+/g, ' ')).to.contain('3 stars: 2 ratings');
      threeStars.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => titles(el).length === 2);
      expect(titles(el)).to.deep.equal(['Good kettle, on reflection', 'Middling']);
      expect(threeStars.getAttribute('aria-pressed')).to.equal('true');
      await expect(el).to.be.accessible();
      parts(el, 'filter')[0]!.focus();
      await sendKeys({ press: 'Space' });
      await until(() => titles(el).length === 1 && titles(el)[0] === 'Superb');
      expect(text(el)).to.contain('Showing 5-star reviews.');
      buttonNamed(el, 'Show all reviews')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => titles(el).length === 3);
    });

    it('updates a <cw-rating> of the same subject with no extra request', async () => {
      const api = await startMockApi({ 'sku-1': [0, 0, 1, 1, 0] });
      const community = await fixture<CwCommunity>(
        html`<cw-community api=${API} token=${customerToken()}>
          <cw-rating subject="sku-1"></cw-rating>
          <cw-reviews subject="sku-1"></cw-reviews>
        </cw-community>`,
      );
      const rating = community.querySelector<CwRating>('cw-rating')!;
      const el = community.querySelector('cw-reviews')!;
      await loaded(el);
      await until(() => part(rating, 'count')?.textContent === '2 ratings');
      expect(api.requestsTo('/ratings', 'GET')).to.have.length(1);

      // The write button needs the viewer too, which may arrive after the list.
      await until(() => buttonNamed(el, 'Write a review'), 'the viewer did not load');
      buttonNamed(el, 'Write a review')!.click();
      await fillForm(el, 5, 'Five stars', 'Would buy again.');
      buttonNamed(el, 'Publish review')!.click();
      await until(() => part(rating, 'count')?.textContent === '3 ratings');
      expect(part(rating, 'average')!.textContent).to.equal('4.0');
      expect(part(el, 'count')!.textContent).to.equal('3 ratings');
      expect(api.requestsTo('/ratings', 'GET')).to.have.length(1);
      expect(api.requestsTo('/reviews', 'POST')).to.have.length(1);
      expect(api.requestsTo('/reviews', 'GET')).to.have.length(1);
    });

    it('refuses over-limit text with a human sentence and keeps it', async () => {
      const api = await startMockApi();
      const el = await signedIn();
      buttonNamed(el, 'Write a review')!.click();
      await fillForm(el, 4, 'Long one', 'x');
      const long = 'A'.repeat(10 * 1024);
      const body = field(el, 'body');
      body.value = long;
      body.dispatchEvent(new Event('input'));
      await el.updateComplete;
      buttonNamed(el, 'Publish review')!.click();
      await el.updateComplete;
      const error = root(el).querySelector('#body-error')!;
      expect(error.textContent).to.equal(
        'This is 10240 characters long; the most is 5000. Please shorten it.',
      );
      expect(body.getAttribute('aria-invalid')).to.equal('true');
      expect(body.getAttribute('aria-describedby')).to.contain('body-error');
      expect(field(el, 'body').value).to.equal(long);
      expect(root(el).activeElement).to.equal(body);
      expect(api.requestsTo('/reviews', 'POST')).to.have.length(0);
      await expect(el).to.be.accessible();
      // Cancel is explicit: the form closes and its draft goes.
      expect(localStorage.length).to.equal(1);
      buttonNamed(el, 'Cancel')!.click();
      await el.updateComplete;
      expect(root(el).querySelector('form')).to.equal(null);
      expect(localStorage.length).to.equal(0);
    });

    it('keeps the draft when posting fails, across a reload, and retries with the same key', async () => {
      const api = await startMockApi();
      api.use(
        http.post(`${API}/subjects/:subject/reviews`, () => problemResponse('internal', 'down'), {
          once: true,
        }),
      );
      let el = await signedIn();
      buttonNamed(el, 'Write a review')!.click();
      await fillForm(el, 3, 'Survives failure', 'Kept safe.');
      buttonNamed(el, 'Publish review')!.click();
      await until(() => part(el, 'error'));
      expect(part(el, 'error')!.textContent).to.contain('Your review was not published.');
      expect(part(el, 'error')!.textContent).to.contain('Your text is kept here');
      expect(field(el, 'title').value).to.equal('Survives failure');
      await expect(el).to.be.accessible();

      // "Reload": a new widget on the same subject finds the draft and opens the form with it.
      el = await signedIn();
      await until(() => root(el).querySelector('form'));
      expect(field(el, 'title').value).to.equal('Survives failure');
      expect(field(el, 'body').value).to.equal('Kept safe.');
      buttonNamed(el, 'Publish review')!.click();
      await until(() => titles(el)[0] === 'Survives failure');
      const posts = api.requestsTo('/reviews', 'POST');
      expect(posts).to.have.length(2);
      const keys = posts.map((r) => r.headers.get('Idempotency-Key'));
      expect(keys[0]).to.be.a('string').and.have.length.above(7);
      expect(keys[1]).to.equal(keys[0]);
      expect(localStorage.length).to.equal(0);
    });

    it('says when the visitor already reviewed it elsewhere', async () => {
      const api = await startMockApi();
      const el = await signedIn();
      buttonNamed(el, 'Write a review')!.click();
      await fillForm(el, 2, 'Second try', 'Again.');
      await api.community.reviews.create(
        demoPersonas.customer,
        'sku-1',
        { stars: 4, title: 'First', body: 'Earlier, in another tab.' },
        undefined,
      );
      buttonNamed(el, 'Publish review')!.click();
      await until(() => part(el, 'error'));
      expect(part(el, 'error')!.textContent).to.contain('You have already reviewed this.');
    });

    it('deletes the own review after confirmation; the rating stays', async () => {
      const api = await startMockApi();
      await api.community.reviews.create(
        demoPersonas.customer,
        'sku-1',
        { stars: 4, title: 'Mine', body: 'To be deleted.' },
        undefined,
      );
      const el = await signedIn();
      buttonNamed(el, 'Delete')!.click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
      buttonNamed(el, 'Yes, delete it')!.click();
      await until(() => titles(el).length === 0);
      expect(part(el, 'count')!.textContent).to.equal('1 rating');
      expect(buttonNamed(el, 'Write a review')).to.exist;
    });
    it('follows a change of viewer: their own review comes with a fresh list', async () => {
      const api = await startMockApi();
      await api.community.reviews.create(
        demoPersonas.customer,
        'sku-1',
        { stars: 5, title: 'Mine', body: 'Own words.' },
        undefined,
      );
      const community = await fixture<CwCommunity>(
        html`<cw-community api=${API} token=${mockToken(demoPersonas.employee)}
          ><cw-reviews subject="sku-1"></cw-reviews
        ></cw-community>`,
      );
      const el = community.querySelector('cw-reviews')!;
      await loaded(el);
      // Helpful buttons need the viewer too, which may arrive after the list.
      await until(() => parts(el, 'helpful-button').length === 2, 'no helpful buttons');
      expect(part(el, 'own')).to.equal(null);
      community.token = customerToken();
      await until(() => part(el, 'own'), 'the new viewer does not see their review');
      expect(buttonNamed(el, 'Edit')).to.exist;
      expect(parts(el, 'helpful-button')).to.have.length(0);
    });
  });

  describe('helpful votes', () => {
    it('counts at once and fires cw-helpful; a second press takes it back', async () => {
      const api = await startMockApi();
      await seed(api, 'sku-1', [{ stars: 4, title: 'Useful' }]);
      const el = await signedIn();
      const [yes] = parts(el, 'helpful-button');
      const fired = oneEvent(el, 'cw-helpful');
      yes!.click();
      await el.updateComplete;
      expect(parts(el, 'helpful-button')[0]!.textContent!.trim()).to.equal('Yes (1)');
      expect((await fired).detail).to.deep.equal({
        subject: 'sku-1',
        reviewId: (await api.community.reviews.list(null, 'sku-1', {})).items[0]!.id,
        value: 'yes',
        previous: 'none',
      });
      await until(() => text(el).includes('Thanks, your answer was saved.'));
      expect(parts(el, 'helpful-button')[0]!.getAttribute('aria-pressed')).to.equal('true');
      parts(el, 'helpful-button')[0]!.click();
      await until(() => parts(el, 'helpful-button')[0]!.textContent!.trim() === 'Yes (0)');
      // The count changes at once; the write that takes the vote back follows it.
      const storedYes = async () =>
        (await api.community.reviews.list(null, 'sku-1', {})).items[0]!.helpful.yes;
      await until(async () => (await storedYes()) === 0);
      const stored = (await api.community.reviews.list(null, 'sku-1', {})).items[0]!;
      expect(stored.helpful).to.deep.equal({ yes: 0, no: 0 });
    });

    it('rolls back with a message when the vote fails', async () => {
      const api = await startMockApi();
      await seed(api, 'sku-1', [{ stars: 4, title: 'Useful' }]);
      api.use(
        http.put(`${API}/reviews/:id/helpful`, () => problemResponse('internal', 'down'), {
          once: true,
        }),
      );
      const el = await signedIn();
      parts(el, 'helpful-button')[1]!.click();
      await el.updateComplete;
      expect(parts(el, 'helpful-button')[1]!.textContent!.trim()).to.equal('No (1)');
      await until(() => part(el, 'error'));
      expect(part(el, 'error')!.textContent).to.contain('Your answer was not saved.');
      expect(parts(el, 'helpful-button')[1]!.textContent!.trim()).to.equal('No (0)');
      expect(parts(el, 'helpful-button')[1]!.getAttribute('aria-pressed')).to.equal('false');
      await expect(el).to.be.accessible();
    });

    it('sends quick successive votes in order; the last one decides', async () => {
      const api = await startMockApi();
      await seed(api, 'sku-1', [{ stars: 4, title: 'Useful' }]);
      // The first vote's answer waits until all three clicks are made, however slow the machine.
      let release!: () => void;
      const clicked = new Promise<void>((resolve) => (release = resolve));
      api.use(
        http.put(
          `${API}/reviews/:id/helpful`,
          async () => {
            await clicked;
            return undefined; // then answered by the contract's handler
          },
          { once: true },
        ),
      );
      const el = await signedIn();
      const yes = () => parts(el, 'helpful-button')[0]!;
      const no = () => parts(el, 'helpful-button')[1]!;
      yes().click();
      await el.updateComplete;
      no().click();
      await el.updateComplete;
      yes().click();
      await el.updateComplete;
      expect(yes().textContent!.trim()).to.equal('Yes (1)');
      release();
      // The sentence can come with the first answer, before the last vote has left: wait
      // for both requests, not for whichever sign shows first.
      await until(
        () =>
          api.requestsTo('/helpful', 'PUT').length === 2 &&
          text(el).includes('Thanks, your answer was saved.'),
      );
      const stored = (await api.community.reviews.list(null, 'sku-1', {})).items[0]!;
      expect(stored.helpful).to.deep.equal({ yes: 1, no: 0 });
      expect(yes().textContent!.trim()).to.equal('Yes (1)');
      expect(no().textContent!.trim()).to.equal('No (0)');
      // The first vote went out; the second was superseded before it left.
      expect(api.requestsTo('/helpful', 'PUT')).to.have.length(2);
    });

    it('offers no helpful buttons on the own review', async () => {
      const api = await startMockApi();
      await api.community.reviews.create(
        demoPersonas.customer,
        'sku-1',
        { stars: 5, title: 'Mine', body: 'Own words.' },
        undefined,
      );
      const el = await signedIn();
      expect(parts(part(el, 'own')!, 'helpful-button')).to.have.length(0);
      expect(buttonNamed(el, 'Edit')).to.exist;
    });
  });

  describe('safety', () => {
    const hostile = [
      '<script>window.__pwned = 1</script>',
      '<img src=x onerror="window.__pwned = 2">',
      '<a href="javascript:window.__pwned=3">click</a> javascript:window.__pwned=4',
      '\u202Egnp.exe\u202C and zero\u200Bwidth',
      `${'W'.repeat(4000)}`,
    ].join('\n\n');

    it('renders hostile text inert', async () => {
      const api = await startMockApi();
      await seed(api, 'sku-1', [
        { stars: 1, title: '<b onmouseover="window.__pwned=5">bold</b>', body: hostile },
      ]);
      const el = await signedIn();
      const review = part(el, 'review')!;
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
      expect(review.querySelector('script, img, b, [onerror], [onmouseover]')).to.equal(null);
      expect(part(el, 'review-title')!.textContent!.trim()).to.equal(
        '<b onmouseover="window.__pwned=5">bold</b>',
      );
      const body = part(el, 'review-body')!;
      expect(body.textContent).to.contain('<script>window.__pwned = 1</script>');
      expect([...body.querySelectorAll('a')].map((a) => a.href)).to.deep.equal([]);
      expect(body.textContent).not.to.match(/[\u202A-\u202E\u200B]/);
      // A 4000-character word wraps inside the widget instead of widening the page.
      expect(review.scrollWidth).to.be.at.most(review.clientWidth + 1);
      await expect(el).to.be.accessible();
    });

    it('writes JSON-LD that parses, has the schema.org shape, and holds no markup', async () => {
      const api = await startMockApi({ 'sku-1': [0, 0, 0, 1, 0] });
      await seed(api, 'sku-1', [
        {
          stars: 5,
          title: '</script><script>window.__pwned=6</script>',
          body: 'Nice & <b>bold</b>\u2028next line',
        },
      ]);
      const community = await fixture<CwCommunity>(
        html`<cw-community api=${API}
          ><cw-reviews subject="sku-1" label=${'Blue <kettle>'} structured-data></cw-reviews
        ></cw-community>`,
      );
      const el = community.querySelector('cw-reviews')!;
      await loaded(el);
      await until(() => el.querySelector('script[type="application/ld+json"]'));
      const scripts = document.querySelectorAll('script[type="application/ld+json"]');
      expect(scripts).to.have.length(1);
      const script = scripts[0]!;
      expect(script.parentElement).to.equal(el);
      const source = script.textContent!;
      expect(source).not.to.match(/[<>&\u2028]/);
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
      const data = JSON.parse(source);
      expect(data['@context']).to.equal('https://schema.org');
      expect(data['@type']).to.equal('Product');
      expect(data.name).to.equal('Blue <kettle>');
      expect(data.aggregateRating).to.deep.equal({
        '@type': 'AggregateRating',
        ratingValue: 4.5,
        ratingCount: 2,
        bestRating: 5,
        worstRating: 1,
      });
      expect(data.review).to.have.length(1);
      const [review] = data.review;
      expect(review['@type']).to.equal('Review');
      expect(review.name).to.equal('</script><script>window.__pwned=6</script>');
      expect(review.reviewBody).to.equal('Nice & <b>bold</b>\u2028next line');
      expect(review.author).to.deep.equal({ '@type': 'Person', name: 'Reviewer 0' });
      expect(review.reviewRating).to.deep.equal({
        '@type': 'Rating',
        ratingValue: 5,
        bestRating: 5,
        worstRating: 1,
      });
      expect(review.datePublished).to.match(/^\d{4}-\d{2}-\d{2}$/);
      el.removeAttribute('structured-data');
      await el.updateComplete;
      expect(el.querySelector('script')).to.equal(null);
    });
  });

  describe('looks', () => {
    it('is accessible in dark theme and right to left', async () => {
      const api = await startMockApi();
      await seed(api, 'sku-1', [{ stars: 4, title: 'مراجعة', body: 'نص عربي.' }]);
      const dark = await reviewsIn(
        html`<cw-community api=${API} token=${mockToken(demoPersonas.employee)}
          ><cw-reviews subject="sku-1" theme="dark"></cw-reviews
        ></cw-community>`,
      );
      await expect(dark).to.be.accessible();
      const rtl = await reviewsIn(
        html`<div dir="rtl" lang="ar">
          <cw-community api=${API}><cw-reviews subject="sku-1"></cw-reviews></cw-community>
        </div>`,
      );
      await expect(rtl).to.be.accessible();
    });
  });
});

postingWidgetSuite<CwReviews>({
  tag: 'cw-reviews',
  async mount(subject, { anonymous = false } = {}) {
    const community = await fixture<CwCommunity>(
      anonymous
        ? html`<cw-community api=${API}><cw-reviews subject=${subject}></cw-reviews></cw-community>`
        : html`<cw-community api=${API} token=${customerToken()}
            ><cw-reviews subject=${subject}></cw-reviews
          ></cw-community>`,
    );
    return community.querySelector('cw-reviews')!;
  },
  // The list and the viewer are known: the write button (or the kept form) or the sign-in.
  loaded: (el) =>
    loadedWhen(
      el,
      () =>
        $(el, '[part="base"][aria-busy="false"]') &&
        part(el, 'average') &&
        (part(el, 'write-button') || part(el, 'form') || part(el, 'sign-in')),
      'reviews did not load',
    ),
  routes: {
    list: `${API}/subjects/:subject/reviews`,
    create: `${API}/subjects/:subject/reviews`,
  },
  texts: {
    loading: 'Loading reviews…',
    empty: 'No reviews yet.',
    loadFailed: 'Reviews could not be loaded.',
    notPosted: 'Your review was not published.',
  },
  /** Opens the form, gives stars and a title unless the draft has them; the text is the body. */
  async compose(el) {
    if (!part(el, 'form')) part(el, 'write-button')!.click();
    await until(() => field(el, 'body'), 'the form did not open');
    const stars = starInput(el) as HTMLElement & { value: number };
    if (!stars.value) {
      stars.value = 4;
      stars.dispatchEvent(new Event('change'));
    }
    if (!field(el, 'title').value) fill(field(el, 'title'), 'A suite review');
    await el.updateComplete;
    return field(el, 'body');
  },
  validText: 'Does the suite keep this draft?',
  async seed(api, subject, text) {
    await seed(api, subject, [{ stars: 3, title: 'Seeded', body: text }]);
  },
});
