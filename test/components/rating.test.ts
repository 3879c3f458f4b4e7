import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { delay, http } from 'msw';
import '../../src/index.js';
import type { CwRating } from '../../src/components/rating/rating.js';
import type { CwCommunity } from '../../src/components/community/community.js';
import { demoPersonas, mockToken, problemResponse } from '../../server/msw/index.js';
import { part, parts, text, until } from '../support/dom.js';
import { API, customerToken, startMockApi } from '../support/mock-api.js';

const input = (el: CwRating) => el.shadowRoot!.querySelector('cw-rating-input');
const options = (el: CwRating) => (input(el)?.shadowRoot ? parts(input(el)!, 'option') : []);
const focusedOption = (el: CwRating) => input(el)?.shadowRoot!.activeElement;
const checkedValue = (el: CwRating) =>
  options(el).findIndex((o) => o.getAttribute('aria-checked') === 'true') + 1;
/** Share of a star's width its fill covers (the fill viewport's width over the star's). */
const fillShare = (fill: Element) =>
  Math.round((Number(fill.getAttribute('width')) / 21.5) * 1000) / 1000;

async function loaded(el: CwRating): Promise<void> {
  await until(() => el.shadowRoot?.querySelector('[aria-busy="false"]'), 'rating did not load');
  await el.updateComplete;
}

async function signedIn(el: CwRating): Promise<void> {
  await until(() => options(el).length === 5, 'rating input did not appear');
}

async function ratingIn(markup: ReturnType<typeof html>): Promise<CwRating> {
  const community = await fixture<CwCommunity>(markup);
  const el = community.querySelector('cw-rating')!;
  await loaded(el);
  return el;
}

describe('cw-rating', () => {
  describe('summary', () => {
    it('shows the average with exact fractional stars and the count', async () => {
      // 1×3 + 2×2 + 3×1 + 4×4 + 5×10 = 76 over 20 ratings → 3.8
      await startMockApi({ 'sku-1': [3, 2, 1, 4, 10] });
      const el = await ratingIn(
        html`<cw-community api=${API}
          ><cw-rating subject="sku-1" readonly></cw-rating
        ></cw-community>`,
      );
      expect(part(el, 'average')!.textContent!.trim()).to.equal('3.8');
      expect(part(el, 'count')!.textContent!.trim()).to.equal('20 ratings');
      expect(parts(el, 'star-fill').map(fillShare)).to.deep.equal([1, 1, 1, 0.8, 0]);
      expect(part(el, 'stars')!.getAttribute('aria-label')).to.equal('Rated 3.8 out of 5');
      await expect(el).to.be.accessible();
    });

    it('draws a partial star to the exact share of its width', async () => {
      await startMockApi({ 'sku-1': [0, 0, 3, 7, 0] }); // 3.7
      const el = await ratingIn(
        html`<cw-community api=${API}
          ><cw-rating subject="sku-1" readonly></cw-rating
        ></cw-community>`,
      );
      const fill = parts(el, 'star-fill')[3]!;
      expect(fillShare(fill)).to.equal(0.7);
      // The fill viewport clips the very path it shares with the outline: same user space.
      expect(fill.getAttribute('viewBox')!.split(' ').slice(0, 2)).to.deep.equal(
        parts(el, 'star')[3]!.getAttribute('viewBox')!.split(' ').slice(0, 2),
      );
    });

    it('fills partial stars from the right in RTL', async () => {
      await startMockApi({ 'sku-1': [0, 0, 3, 7, 0] }); // 3.7
      const el = await ratingIn(
        html`<cw-community api=${API} dir="rtl"
          ><cw-rating subject="sku-1" readonly></cw-rating
        ></cw-community>`,
      );
      const star = parts(el, 'star')[3]!;
      expect(fillShare(parts(el, 'star-fill')[3]!)).to.equal(0.7);
      // Mirrored, so the fill starts at the right edge.
      expect(getComputedStyle(star).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
      // The first star is the rightmost one.
      expect(parts(el, 'star')[0]!.getBoundingClientRect().left).to.be.greaterThan(
        star.getBoundingClientRect().left,
      );
    });

    it('says when nothing has been rated yet', async () => {
      await startMockApi();
      const el = await ratingIn(
        html`<cw-community api=${API}
          ><cw-rating subject="new-1" readonly></cw-rating
        ></cw-community>`,
      );
      expect(text(el)).to.contain('No ratings yet');
      await expect(el).to.be.accessible();
    });

    it('lists the distribution on request', async () => {
      await startMockApi({ 'sku-1': [1, 0, 0, 1, 2] });
      const el = await ratingIn(
        html`<cw-community api=${API}
          ><cw-rating subject="sku-1" readonly distribution></cw-rating
        ></cw-community>`,
      );
      const rows = [...part(el, 'distribution')!.querySelectorAll('li')].map((li) =>
        li.querySelector('.visually-hidden')!.textContent!.trim(),
      );
      expect(rows).to.deep.equal([
        '5 stars: 2 (50%)',
        '4 stars: 1 (25%)',
        '3 stars: 0 (0%)',
        '2 stars: 0 (0%)',
        '1 star: 1 (25%)',
      ]);
      await expect(el).to.be.accessible();
    });

    it('formats numbers in the page language', async () => {
      await startMockApi({ 'sku-1': [0, 0, 1, 1, 0] }); // 3.5
      const el = await ratingIn(
        html`<cw-community api=${API} lang="de"
          ><cw-rating subject="sku-1" readonly></cw-rating
        ></cw-community>`,
      );
      expect(part(el, 'average')!.textContent!.trim()).to.equal('3,5');
    });
  });

  describe('properties set after connecting (framework wrappers)', () => {
    // @lit/react (React 18, and React 19 after hydration) inserts the element first and sets
    // its properties in a layout effect, before the first render.
    it('loads the subject and signs in with a provider configured the same way', async () => {
      await startMockApi({ 'sku-1': [0, 0, 0, 1, 1] });
      const community = document.createElement('cw-community');
      const el = document.createElement('cw-rating');
      community.append(el);
      document.body.append(community);
      community.api = API;
      community.getToken = async () => customerToken();
      el.subject = 'sku-1';
      try {
        await loaded(el);
        expect(part(el, 'average')!.textContent!.trim()).to.equal('4.5');
        await signedIn(el);
      } finally {
        community.remove();
      }
    });
  });

  describe('loading and errors', () => {
    it('shows a loading state that is accessible and busy', async () => {
      const api = await startMockApi();
      api.use(http.get(`${API}/ratings`, () => delay('infinite')));
      const community = await fixture<CwCommunity>(
        html`<cw-community api=${API}><cw-rating subject="sku-1"></cw-rating></cw-community>`,
      );
      const el = community.querySelector('cw-rating')!;
      await el.updateComplete;
      expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
      expect(text(el)).to.contain('Loading ratings…');
      await expect(el).to.be.accessible();
    });

    it('shows a failed load as a sentence with a retry that works', async () => {
      const api = await startMockApi({ 'sku-failing': [0, 0, 0, 0, 1] });
      let failures = 1;
      // Only this test's subject: a read of the test before may still be on its way, and it
      // used to take the one failure, so this widget loaded fine and never offered a retry.
      api.use(
        http.get(`${API}/ratings`, ({ request }) =>
          new URL(request.url).searchParams.get('subjects')?.includes('sku-failing') &&
          failures-- > 0
            ? problemResponse('internal', 'boom')
            : undefined,
        ),
      );
      const community = await fixture<CwCommunity>(
        html`<cw-community api=${API}><cw-rating subject="sku-failing"></cw-rating></cw-community>`,
      );
      const el = community.querySelector('cw-rating')!;
      // Two round trips through msw's service worker: on a busy machine they outlast the
      // default second, so the wait is for the condition with a wider bound.
      await until(() => part(el, 'retry'), 'no retry button');
      expect(part(el, 'error')!.textContent).to.contain('Ratings could not be loaded.');
      await expect(el).to.be.accessible();
      part(el, 'retry')!.click();
      await until(() => part(el, 'average'), 'retry did not load');
      expect(part(el, 'average')!.textContent!.trim()).to.equal('5.0');
    });

    it('refuses a malformed subject id with a sentence and without a request', async () => {
      const api = await startMockApi();
      const community = await fixture<CwCommunity>(
        html`<cw-community api=${API}><cw-rating subject=${'<bad id>'}></cw-rating></cw-community>`,
      );
      const el = community.querySelector('cw-rating')!;
      await until(() => part(el, 'error'));
      expect(part(el, 'error')!.textContent).to.contain('its id is not valid');
      expect(part(el, 'retry')).to.equal(null);
      expect(api.requestsTo('/ratings')).to.have.length(0);
    });

    it('fires cw-error when it shows an error', async () => {
      const api = await startMockApi();
      api.use(http.get(`${API}/ratings`, () => problemResponse('internal', 'boom')));
      const community = await fixture<CwCommunity>(html`<cw-community api=${API}></cw-community>`);
      const el = document.createElement('cw-rating');
      el.subject = 'sku-1';
      const event = oneEvent(community, 'cw-error');
      community.append(el);
      const { detail } = await event;
      expect(detail).to.include({ action: 'load', kind: 'server', status: 500 });
    });
  });

  describe('rating as a signed-in visitor', () => {
    it('is a radio group that sets, changes and clears by keyboard', async () => {
      const api = await startMockApi({ 'sku-1': [0, 0, 0, 0, 1] });
      const el = await ratingIn(
        html`<cw-community api=${API} token=${customerToken()}
          ><cw-rating subject="sku-1" label="Blue kettle"></cw-rating
        ></cw-community>`,
      );
      await signedIn(el);
      await expect(el).to.be.accessible();
      const group = part(input(el)!, 'input')!;
      expect(group.getAttribute('role')).to.equal('radiogroup');
      expect(group.getAttribute('aria-label')).to.equal('Your rating of \u2068Blue kettle\u2069');

      el.focus();
      expect(focusedOption(el)).to.equal(options(el)[0]);
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      await until(() => checkedValue(el) === 2);
      await sendKeys({ press: 'End' });
      await until(() => checkedValue(el) === 5);
      expect(focusedOption(el)).to.equal(options(el)[4]);
      await sendKeys({ press: 'ArrowLeft' });
      await until(() => checkedValue(el) === 4);
      await until(
        async () =>
          (await api.community.ratings.summaries(demoPersonas.customer, ['sku-1']))[0]!
            .viewerRating === 4,
        'the last rating did not reach the backend',
      );
      await until(() => text(el).includes('You rated this 4 stars out of 5.'));
      expect(part(el, 'count')!.textContent!.trim()).to.equal('2 ratings');

      await sendKeys({ press: 'Home' });
      await until(() => checkedValue(el) === 1);
      await sendKeys({ press: 'Delete' });
      await until(() => checkedValue(el) === 0);
      await until(() => text(el).includes('Your rating was removed.'));
      const [summary] = await api.community.ratings.summaries(demoPersonas.customer, ['sku-1']);
      expect(summary).to.include({ viewerRating: null, count: 1 });
      // Writes of one subject go out one by one; superseded values are never sent.
      expect(api.requestsTo('/rating', 'PUT').length).to.be.at.most(5);
    });

    it('sends one write per decision: arrowing across five stars and pausing is one PUT', async () => {
      const api = await startMockApi();
      const el = await ratingIn(
        html`<cw-community api=${API} token=${customerToken()}
          ><cw-rating subject="sku-1"></cw-rating
        ></cw-community>`,
      );
      await signedIn(el);
      el.focus();
      for (let i = 0; i < 5; i += 1) await sendKeys({ press: 'ArrowRight' });
      expect(checkedValue(el)).to.equal(5);
      await until(() => text(el).includes('You rated this 5 stars out of 5.'), 'no decision');
      const [summary] = await api.community.ratings.summaries(demoPersonas.customer, ['sku-1']);
      expect(summary!.viewerRating).to.equal(5);
      expect(api.requestsTo('/rating', 'PUT')).to.have.length(1);

      // Home only moves the choice; Enter decides at once, and leaving sends nothing more.
      await sendKeys({ press: 'Home' });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'Enter' });
      await until(() => text(el).includes('You rated this 2 stars out of 5.'), 'Enter did not decide');
      (document.activeElement as HTMLElement).blur();
      expect(api.requestsTo('/rating', 'PUT')).to.have.length(2);
      const [after] = await api.community.ratings.summaries(demoPersonas.customer, ['sku-1']);
      expect(after!.viewerRating).to.equal(2);
    });

    it('decides when focus leaves the stars', async () => {
      const api = await startMockApi();
      const community = await fixture<CwCommunity>(
        html`<cw-community api=${API} token=${customerToken()}
          ><cw-rating subject="sku-1"></cw-rating><button>next</button></cw-community
        >`,
      );
      const el = community.querySelector('cw-rating')!;
      await loaded(el);
      await signedIn(el);
      el.focus();
      await sendKeys({ press: 'End' });
      await sendKeys({ press: 'ArrowLeft' });
      await sendKeys({ press: 'Tab' });
      await until(() => api.requestsTo('/rating', 'PUT').length === 1, 'leaving did not decide');
      await until(
        async () =>
          (await api.community.ratings.summaries(demoPersonas.customer, ['sku-1']))[0]!
            .viewerRating === 4,
        'the decision did not reach the backend',
      );
    });

    it('mirrors the arrow keys right to left', async () => {
      await startMockApi();
      const el = await ratingIn(
        html`<cw-community api=${API} token=${customerToken()} dir="rtl"
          ><cw-rating subject="sku-1"></cw-rating
        ></cw-community>`,
      );
      await signedIn(el);
      el.focus();
      await sendKeys({ press: 'ArrowLeft' });
      await sendKeys({ press: 'ArrowLeft' });
      await until(() => checkedValue(el) === 2);
      await sendKeys({ press: 'ArrowRight' });
      await until(() => checkedValue(el) === 1);
    });

    it('clears with the visible button and rates with a click', async () => {
      await startMockApi();
      const el = await ratingIn(
        html`<cw-community api=${API} token=${customerToken()}
          ><cw-rating subject="sku-1"></cw-rating
        ></cw-community>`,
      );
      await signedIn(el);
      options(el)[2]!.click();
      await until(() => part(el, 'clear'));
      expect(checkedValue(el)).to.equal(3);
      part(el, 'clear')!.click();
      await until(() => checkedValue(el) === 0 && !part(el, 'clear'));
    });

    it('fires cw-rate on user action only', async () => {
      await startMockApi();
      const el = await ratingIn(
        html`<cw-community api=${API} token=${customerToken()}
          ><cw-rating subject="sku-1"></cw-rating
        ></cw-community>`,
      );
      await signedIn(el);
      const seen: unknown[] = [];
      document.addEventListener('cw-rate', (e) => seen.push(e.detail));
      el.value = 3; // programmatic: no event
      el.subject = 'sku-1';
      await el.updateComplete;
      expect(seen).to.have.length(0);
      const event = oneEvent(el, 'cw-rate');
      options(el)[3]!.click();
      const { detail, bubbles, composed } = await event;
      expect(detail).to.deep.equal({ subject: 'sku-1', value: 4, previous: null });
      expect(bubbles && composed).to.equal(true);
    });

    it('rolls an optimistic rating back and says why when the backend refuses', async () => {
      const api = await startMockApi({ 'sku-1': [0, 0, 0, 0, 1] });
      api.use(
        http.put(`${API}/subjects/:subject/rating`, async () => {
          await delay(100);
          return problemResponse('internal', 'database down');
        }),
      );
      const el = await ratingIn(
        html`<cw-community api=${API} token=${customerToken()}
          ><cw-rating subject="sku-1"></cw-rating
        ></cw-community>`,
      );
      await signedIn(el);
      options(el)[1]!.click();
      await el.updateComplete;
      // Shown at once…
      expect(checkedValue(el)).to.equal(2);
      expect(part(el, 'count')!.textContent!.trim()).to.equal('2 ratings');
      // …and rolled back with a sentence when refused.
      await until(() => part(el, 'error'), 'no error shown');
      expect(checkedValue(el)).to.equal(0);
      expect(part(el, 'count')!.textContent!.trim()).to.equal('1 rating');
      expect(part(el, 'error')!.textContent).to.contain('Your rating was not saved.');
      await expect(el).to.be.accessible();
    });

    it('turns a 422 from the backend into a sentence about the value', async () => {
      const api = await startMockApi();
      api.use(
        http.put(`${API}/subjects/:subject/rating`, () =>
          problemResponse({
            type: 'https://community-widgets.dev/problems/invalid',
            title: 'Invalid input',
            status: 422,
            detail: 'A rating must be a whole number from 1 to 5.',
            errors: [{ pointer: '/value', detail: 'A rating must be a whole number from 1 to 5.' }],
          }),
        ),
      );
      const el = await ratingIn(
        html`<cw-community api=${API} token=${customerToken()}
          ><cw-rating subject="sku-1"></cw-rating
        ></cw-community>`,
      );
      await signedIn(el);
      options(el)[2]!.click();
      await until(() => part(el, 'error'), 'no error shown');
      expect(part(el, 'error')!.textContent).to.contain(
        'Your rating was not saved. Choose a whole number of stars from 1 to 5.',
      );
      expect(checkedValue(el)).to.equal(0);
      const [summary] = await api.community.ratings.summaries(demoPersonas.customer, ['sku-1']);
      expect(summary!.count).to.equal(0);
    });

    it('shares one value between two widgets on the same subject', async () => {
      await startMockApi({ 'sku-1': [0, 0, 0, 0, 1] });
      const community = await fixture<CwCommunity>(
        html`<cw-community api=${API} token=${customerToken()}>
          <cw-rating id="a" subject="sku-1"></cw-rating>
          <cw-rating id="b" subject="sku-1" readonly></cw-rating>
        </cw-community>`,
      );
      const [a, b] = [...community.querySelectorAll('cw-rating')] as [CwRating, CwRating];
      await loaded(a);
      await signedIn(a);
      options(a)[0]!.click();
      await until(() => part(b, 'count')!.textContent!.trim() === '2 ratings');
      expect(part(b, 'average')!.textContent!.trim()).to.equal('3.0');
    });

    it('asks the host once for a fresh token after a 401, then succeeds', async () => {
      const api = await startMockApi();
      const calls: boolean[] = [];
      const community = await fixture<CwCommunity>(
        html`<cw-community
          api=${API}
          .getToken=${({ refresh }: { refresh: boolean }) => {
            calls.push(refresh);
            return mockToken(demoPersonas.customer, { expiresIn: refresh ? 3600 : -60 });
          }}
          ><cw-rating subject="sku-1"></cw-rating
        ></cw-community>`,
      );
      const el = community.querySelector('cw-rating')!;
      await loaded(el);
      await signedIn(el);
      options(el)[4]!.click();
      await until(() => text(el).includes('You rated this 5 stars out of 5.'));
      expect(calls.filter((refresh) => refresh).length).to.be.at.least(1);
      const [summary] = await api.community.ratings.summaries(demoPersonas.customer, ['sku-1']);
      expect(summary!.viewerRating).to.equal(5);
    });

    it('waits out Retry-After on 429 and then saves', async () => {
      const api = await startMockApi();
      let limited = 1;
      api.use(
        http.put(`${API}/subjects/:subject/rating`, () =>
          limited-- > 0
            ? problemResponse('rate-limited', 'slow down', { 'Retry-After': '1' })
            : undefined,
        ),
      );
      const el = await ratingIn(
        html`<cw-community api=${API} token=${customerToken()}
          ><cw-rating subject="sku-1"></cw-rating
        ></cw-community>`,
      );
      await signedIn(el);
      const started = performance.now();
      options(el)[3]!.click();
      await until(() => text(el).includes('You rated this 4 stars out of 5.'), '');
      expect(performance.now() - started).to.be.at.least(1000);
      expect(api.requestsTo('/rating', 'PUT')).to.have.length(2);
    });
  });

  describe('anonymous visitors', () => {
    it('see the summary and a sentence with a sign-in slot instead of a dead control', async () => {
      await startMockApi({ 'sku-1': [0, 0, 1, 0, 0] });
      const el = await ratingIn(
        html`<cw-community api=${API}
          ><cw-rating subject="sku-1"
            ><a slot="sign-in" href="/login">Sign in to rate</a></cw-rating
          ></cw-community
        >`,
      );
      await until(() => part(el, 'sign-in'));
      expect(input(el)).to.equal(null);
      const slot = part(el, 'sign-in')!.querySelector('slot')!;
      expect(slot.assignedElements()[0]!.textContent).to.equal('Sign in to rate');
      await expect(el).to.be.accessible();
    });
  });

  describe('signing in and out', () => {
    it('offers the input once an anonymous visitor signs in, and the sentence after sign-out', async () => {
      const api = await startMockApi({ 'sku-1': [0, 0, 1, 0, 0] });
      const community = await fixture<CwCommunity>(
        html`<cw-community api=${API}><cw-rating subject="sku-1"></cw-rating></cw-community>`,
      );
      const el = community.querySelector('cw-rating')!;
      await until(() => part(el, 'sign-in'), 'no sign-in sentence');
      community.token = customerToken();
      await signedIn(el);
      expect(part(el, 'sign-in')).to.equal(null);
      expect(api.requestsTo('/me')).to.have.length(1);
      community.token = undefined;
      await until(() => part(el, 'sign-in'), 'no sign-in sentence after sign-out');
      expect(options(el)).to.have.length(0);
    });
  });

  describe('as a form input', () => {
    it('submits its value, resets to the default and enforces required', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form>
          <cw-rating name="stars" value="2" required label="Service"></cw-rating>
        </form>`,
      );
      const el = form.querySelector('cw-rating')!;
      await el.updateComplete;
      await expect(el).to.be.accessible();
      expect(new FormData(form).get('stars')).to.equal('2');
      expect(el.form).to.equal(form);

      const change = oneEvent(el, 'change');
      el.focus();
      await sendKeys({ press: 'ArrowRight' });
      await change;
      expect(el.value).to.equal(3);
      expect(new FormData(form).get('stars')).to.equal('3');

      form.reset();
      await el.updateComplete;
      expect(el.value).to.equal(2);

      el.value = 0;
      await el.updateComplete;
      expect(form.checkValidity()).to.equal(false);
      expect(el.validationMessage).to.equal('Please choose a rating.');
      expect(new FormData(form).has('stars')).to.equal(false);
      el.value = 4;
      await el.updateComplete;
      expect(form.checkValidity()).to.equal(true);
    });

    it('shows the browser\'s message on the stars when required and empty, and its label focuses it', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form>
          <label for="service">Service</label>
          <cw-rating id="service" name="stars" required></cw-rating>
        </form>`,
      );
      const el = form.querySelector('cw-rating')!;
      await until(() => options(el).length === 5, 'stars did not render');
      let submitted = 0;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        submitted += 1;
      });
      let invalid = 0;
      el.addEventListener('invalid', () => (invalid += 1));
      form.requestSubmit();
      expect(submitted).to.equal(0);
      expect(invalid).to.equal(1);
      expect(el.matches(':invalid')).to.equal(true);
      // The browser focuses the anchor of the message: the focusable star.
      expect(document.activeElement).to.equal(el);
      expect(focusedOption(el)).to.equal(options(el)[0]);

      (document.activeElement as HTMLElement).blur();
      expect(focusedOption(el)).to.equal(null);
      form.querySelector('label')!.click();
      expect(focusedOption(el)).to.equal(options(el)[0]);
      await sendKeys({ press: 'ArrowRight' });
      await until(() => el.value === 1);
      form.requestSubmit();
      expect(submitted).to.equal(1);
    });

    it('is not editable or submitted when its fieldset is disabled', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form>
          <fieldset disabled><cw-rating name="stars" value="3"></cw-rating></fieldset>
        </form>`,
      );
      const el = form.querySelector('cw-rating')!;
      await el.updateComplete;
      expect(el.disabled).to.equal(true);
      options(el)[0]!.click();
      expect(el.value).to.equal(3);
      expect(new FormData(form).has('stars')).to.equal(false);
    });
  });
});
