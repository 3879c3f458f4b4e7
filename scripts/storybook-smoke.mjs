#!/usr/bin/env node
/**
 * Opens the BUILT Storybook (storybook-static/) in Debian's Chromium and checks that stories
 * really render: a green `storybook build` proves nothing when the elements fail at runtime.
 *
 * For each story: the page loads without page errors or unexpected console errors, Storybook
 * shows no error screen, and <cw-rating>'s shadow root holds real content for that state.
 * The docs page must list the element's API from custom-elements.json.
 *
 * Every docs page: each inline preview, scrolled to as a reader would, renders (widgets load
 * near the viewport, so a preview far down a docs page starts loading only when it is reached).
 *
 *   npm run build-storybook && npm run test:storybook [-- <story id pattern>]
 */
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { requireBuiltStorybook, serveStorybook } from './storybook-static-server.mjs';

// A story's first render loads its chunks and msw's worker: on a 2-core machine shared with
// other runs that took over 15 s (issue 19: "summary-only did not load").
const TIMEOUT = 30_000;

requireBuiltStorybook('storybook');

class CheckError extends Error {}
function assert(condition, message) {
  if (!condition) throw new CheckError(message);
}

/** A CSS selector inside the first <cw-rating> (Playwright's CSS pierces open shadow roots). */
const inRating =
  (selector, nth = 0) =>
  (page) =>
    page.locator('cw-rating').nth(nth).locator(selector);

/** Polls `probe` until it returns a truthy value; fails with `message` after the timeout. */
async function until(probe, message, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await probe().catch((error) => error);
    if (last && !(last instanceof Error)) return last;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new CheckError(`${message}${last instanceof Error ? ` (${last.message})` : ''}`);
}

async function text(locator) {
  await locator.first().waitFor({ state: 'attached', timeout: TIMEOUT });
  return (await locator.first().textContent())?.replace(/\s+/g, ' ').trim() ?? '';
}

/**
 * Waits for the summary to be loaded: five stars and "N ratings" (any digits: ar uses ٠–٩), or
 * the sentence `counted` expects in another language.
 */
async function summaryLoaded(page, nth = 0, counted = /^\S+ ratings?$/) {
  await inRating('[part~="base"][aria-busy="false"]', nth)(page).waitFor({ timeout: TIMEOUT });
  const stars = await inRating('[part~="stars"] [part~="star"]', nth)(page).count();
  assert(stars === 5, `expected 5 summary stars, found ${stars}`);
  const count = await text(inRating('[part~="count"]', nth)(page));
  assert(counted.test(count), `count text is "${count}", expected ${counted}`);
  return count;
}

/** Waits for <cw-reviews> to show its summary and list. */
async function reviewsLoaded(page) {
  await page.locator('cw-reviews [part~="base"][aria-busy="false"]').waitFor({ timeout: TIMEOUT });
  await page.locator('cw-reviews [part~="average"]').waitFor({ timeout: TIMEOUT });
}

async function radioGroup(page) {
  const group = inRating('[role="radiogroup"]')(page);
  await group.waitFor({ timeout: TIMEOUT });
  const radios = await group.locator('[role="radio"]').count();
  assert(radios === 5, `expected 5 radios in the group, found ${radios}`);
  return group;
}

async function checkedValue(page) {
  return inRating('[role="radio"][aria-checked="true"]')(page).getAttribute('data-value', {
    timeout: TIMEOUT,
  });
}

/** A CSS selector inside the first <cw-qa>. */
const inQa = (selector) => (page) => page.locator('cw-qa').first().locator(selector);

async function questionsLoaded(page) {
  await inQa('.list-area[aria-busy="false"]')(page).waitFor({ timeout: TIMEOUT });
  return inQa('[part~="question"]')(page).count();
}

/**
 * Stories whose state is "still loading" (the backend never answers): their previews stay busy
 * on purpose.
 */
const LOADING_BY_DESIGN = /--loading$/;

/**
 * Why a docs preview is not rendered yet ('' once it is): it has no widget yet (its loaders
 * are running), or a widget still says it is busy (`aria-busy="true"`, or a "Loading…" status).
 * Runs in the page; walks the open shadow roots.
 */
function previewPending(block) {
  const widgets = [...block.querySelectorAll('*')].filter(
    (element) => element.localName.startsWith('cw-') && element.shadowRoot,
  );
  if (widgets.length === 0) return 'no widget rendered';
  const walk = (root) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.getAttribute('aria-busy') === 'true') return element;
      if (element.getAttribute('role') === 'status' && /Loading/.test(element.textContent ?? ''))
        return element;
      const inner = element.shadowRoot && walk(element.shadowRoot);
      if (inner) return inner;
    }
    return undefined;
  };
  for (const widget of widgets) {
    const busy = walk(widget.shadowRoot);
    if (busy) {
      // A reader scrolls to it: widgets load once they come near the viewport.
      busy.scrollIntoView({ block: 'center' });
      return `<${widget.localName}> is still loading`;
    }
  }
  return '';
}

/**
 * A reader's pass over a docs page: each story's preview is scrolled to, in order, and must
 * render (its widgets load their data and stop being busy) unless its state is loading.
 */
async function docsPreviewsLoaded(page) {
  await page.locator('[id^="anchor--"]').first().waitFor({ timeout: TIMEOUT });
  const anchors = await page
    .locator('[id^="anchor--"]')
    .evaluateAll((elements) => elements.map((element) => element.id));
  assert(anchors.length > 0, 'the docs page shows no story');
  for (const anchor of anchors) {
    const id = anchor.replace(/^anchor--(primary--)?/, '');
    const block = page.locator(`[id="${anchor}"]`);
    await block.scrollIntoViewIfNeeded({ timeout: TIMEOUT });
    if (LOADING_BY_DESIGN.test(id)) continue;
    let reason = '';
    await until(
      async () => (reason = await block.evaluate(previewPending)) === '',
      `docs: the preview of ${id} did not render`,
    ).catch((error) => {
      throw new CheckError(`${error.message}: ${reason}`);
    });
  }
  return anchors.length;
}

const FAILED_RESOURCE = /Failed to load resource: the server responded with a status of 5\d\d/;

const checks = [
  {
    id: 'widgets-rating--with-distribution',
    async run(page) {
      const count = await summaryLoaded(page);
      assert(count === '100 ratings', `count is "${count}", expected "100 ratings"`);
      const average = await text(inRating('[part~="average"]')(page));
      assert(average === '4.3', `average is "${average}", expected "4.3"`);
      const rows = await inRating('[part~="distribution"] li')(page).count();
      assert(rows === 5, `distribution has ${rows} rows, expected 5`);
      const input = await inRating('[role="radiogroup"]')(page).count();
      assert(input === 0, 'a readonly widget shows no radio group');
    },
  },
  {
    id: 'widgets-rating--loading',
    async run(page) {
      await inRating('[part~="base"][aria-busy="true"]')(page).waitFor({ timeout: TIMEOUT });
      await page.waitForTimeout(1000);
      const busy = await inRating('[part~="base"]')(page).getAttribute('aria-busy');
      assert(busy === 'true', 'still loading after 1 s (the backend never answers)');
      const stars = await inRating('[part~="stars"] [part~="star"]')(page).count();
      assert(stars === 5, 'the loading state reserves the five stars');
    },
  },
  {
    id: 'widgets-rating--empty',
    async run(page) {
      const count = await text(inRating('[part~="count"]:not(.placeholder)')(page));
      assert(count === 'No ratings yet', `empty text is "${count}"`);
    },
  },
  {
    id: 'widgets-rating--anonymous',
    async run(page) {
      await summaryLoaded(page);
      await inRating('[part~="sign-in"]')(page).waitFor({ timeout: TIMEOUT });
      const link = page.locator('cw-rating > a[slot="sign-in"]');
      assert((await link.count()) === 1, 'the sign-in link is slotted');
      assert(await link.isVisible(), 'the sign-in link is visible');
      assert((await inRating('[role="radiogroup"]')(page).count()) === 0, 'no input for anonymous');
    },
  },
  {
    id: 'widgets-rating--signed-in-with-own-rating',
    async run(page) {
      await summaryLoaded(page);
      await radioGroup(page);
      const checked = await checkedValue(page);
      assert(checked === '4', `own rating shows ${checked} stars checked, expected 4`);
      await inRating('[part~="clear"]')(page).waitFor({ timeout: TIMEOUT });
      // A real write through the mock: 5 stars sticks and the count stays 100.
      await inRating('[role="radio"][data-value="5"]')(page).click();
      await until(
        async () => (await checkedValue(page)) === '5',
        'clicking 5 stars did not check them',
      );
      // The write's own outcome, not a pause: an error would show by the time it is announced.
      await page
        .getByText('You rated this 5 stars', { exact: false })
        .waitFor({ state: 'attached', timeout: TIMEOUT });
      assert(
        (await inRating('[part~="error"]')(page).count()) === 0,
        'rating 5 stars showed an error',
      );
    },
  },
  {
    id: 'widgets-rating--optimistic-failure-rolled-back',
    allowConsole: FAILED_RESOURCE,
    async run(page) {
      // The story's play function clicks the fifth star; the PUT fails after 1.2 s.
      const error = await text(inRating('[part~="error"]')(page));
      assert(/not saved/i.test(error), `error message is "${error}"`);
      const checked = await checkedValue(page);
      assert(checked === '3', `after the rollback ${checked} stars are checked, expected 3`);
    },
  },
  {
    id: 'widgets-rating--error-with-retry',
    allowConsole: FAILED_RESOURCE,
    async run(page) {
      const error = await text(inRating('[part~="error"]')(page));
      // The sentence, then what happened (issue 19: a read error says why).
      assert(
        error ===
          'Ratings could not be loaded. The community service is unavailable. Please try again shortly.',
        `error text is "${error}"`,
      );
      await inRating('[part~="retry"]')(page).click({ timeout: TIMEOUT });
      const count = await summaryLoaded(page);
      assert(count === '100 ratings', `after retry the count is "${count}"`);
    },
  },
  {
    id: 'widgets-rating--right-to-left',
    async run(page) {
      // The story speaks Arabic: "N تقييمات" (or its singular, dual or zero form).
      await until(
        () => summaryLoaded(page, 0, /^\S+ (تقييم|تقييمان|تقييمات|تقييمًا)$/),
        'the right-to-left story does not count its ratings in Arabic',
      );
      await radioGroup(page);
      const direction = await page
        .locator('cw-rating')
        .evaluate((element) => [
          getComputedStyle(element).direction,
          element.closest('[lang]')?.lang,
        ]);
      assert(direction[0] === 'rtl' && direction[1] === 'ar', `dir/lang is ${direction}`);
      const one = await inRating('[role="radio"][data-value="1"]')(page).boundingBox();
      const five = await inRating('[role="radio"][data-value="5"]')(page).boundingBox();
      assert(one && five && one.x > five.x, 'in RTL the first star is on the right');
    },
  },
  {
    id: 'widgets-rating--dark',
    async run(page) {
      await summaryLoaded(page);
      await radioGroup(page);
      const [scheme, color] = await page.locator('cw-rating').evaluate((element) => {
        const count = element.shadowRoot.querySelector('[part~="count"]');
        return [getComputedStyle(element).colorScheme, getComputedStyle(count).color];
      });
      assert(scheme === 'dark', `color-scheme is "${scheme}", expected dark`);
      const [r, g, b] = color.match(/\d+(\.\d+)?/g).map(Number);
      assert(r + g + b > 3 * 128, `text colour ${color} is not light on the dark page`);
    },
  },
  {
    id: 'widgets-rating--form-input',
    async run(page) {
      await radioGroup(page);
      await inRating('[role="radio"][data-value="4"]')(page).click();
      await page.getByRole('button', { name: 'Send' }).click();
      const output = await text(page.locator('form output'));
      assert(output === 'Submitted: stars=4', `form output is "${output}"`);
      await page.getByRole('button', { name: 'Reset' }).click();
      const valid = await page.locator('cw-rating').evaluate((element) => element.checkValidity());
      assert(valid === false, 'after reset the required rating is missing again');
    },
  },
  {
    id: 'widgets-rating--many-ratings-on-a-page',
    async run(page) {
      await summaryLoaded(page, 0);
      const widgets = await page.locator('cw-rating').count();
      assert(widgets === 24, `expected 24 widgets, found ${widgets}`);
      await until(
        async () =>
          (await page.locator('cw-rating [part~="base"][aria-busy="false"]').count()) === 24,
        'not all 24 widgets finished loading',
      );
      const reads = await text(page.locator('output[data-reads-for]'));
      assert(reads === '1', `${reads} GET /ratings requests for 24 widgets, expected 1`);
    },
  },
  {
    id: 'widgets-community--shared-subject',
    async run(page) {
      await summaryLoaded(page, 0);
      await summaryLoaded(page, 1);
      const averages = () =>
        Promise.all([0, 1].map((nth) => text(inRating('[part~="average"]', nth)(page))));
      const [before] = await averages();
      await inRating('[role="radio"][data-value="1"]')(page).click();
      await until(async () => {
        const [a, b] = await averages();
        return a === b && a !== before;
      }, 'the second widget on the same subject did not follow the first');
    },
  },
  {
    id: 'widgets-questions-and-answers--list',
    async run(page) {
      const questions = await questionsLoaded(page);
      assert(questions === 3, `the list shows ${questions} questions, expected 3`);
      const first = await text(inQa('[part~="question-title"]')(page));
      assert(/switch off by itself/.test(first), `the most voted question is "${first}"`);
      assert((await inQa('[part~="answered"]')(page).count()) === 1, 'one question is answered');
      assert((await inQa('[part~="vote-up"]')(page).count()) > 0, 'the customer can vote');
    },
  },
  {
    id: 'widgets-questions-and-answers--open-question-with-accepted-answer',
    async run(page) {
      await questionsLoaded(page);
      await inQa('[part~="answer"][part~="accepted"]')(page).waitFor({ timeout: TIMEOUT });
      const first = await inQa('[part~="answer"]')(page).first().getAttribute('part');
      assert(
        first === 'answer accepted',
        `the first answer is "${first}", expected the accepted one`,
      );
      const rel = await inQa('[part~="thread"] a')(page).first().getAttribute('rel');
      assert(rel === 'nofollow ugc noopener', `a posted link has rel="${rel}"`);
    },
  },
  {
    id: 'widgets-questions-and-answers--drafting-with-similar-questions',
    async run(page) {
      await inQa('[part~="similar"] li')(page).first().waitFor({ timeout: TIMEOUT });
      const suggestion = await text(inQa('[part~="similar"] li')(page));
      assert(/switch off by itself/.test(suggestion), `the first suggestion is "${suggestion}"`);
    },
  },
  {
    id: 'widgets-questions-and-answers--posting-failed-draft-kept',
    allowConsole: FAILED_RESOURCE,
    async run(page) {
      const error = await text(inQa('[part~="error"]')(page));
      assert(/not posted.*text is kept/.test(error), `error message is "${error}"`);
      const kept = await inQa('#ask-title')(page).inputValue();
      assert(kept === 'Will my question survive a failed post?', `the title field holds "${kept}"`);
    },
  },
  {
    id: 'widgets-questions-and-answers--dark',
    async run(page) {
      await inQa('[part~="answer"]')(page).first().waitFor({ timeout: TIMEOUT });
      const [scheme, color] = await page
        .locator('cw-qa')
        .evaluate((element) => [
          getComputedStyle(element).colorScheme,
          getComputedStyle(element.shadowRoot.querySelector('[part~="post-text"]')).color,
        ]);
      assert(scheme === 'dark', `color-scheme is "${scheme}", expected dark`);
      const [r, g, b] = color.match(/\d+(\.\d+)?/g).map(Number);
      assert(r + g + b > 3 * 128, `text colour ${color} is not light on the dark page`);
    },
  },
  {
    id: 'widgets-questions-and-answers--right-to-left',
    async run(page) {
      await questionsLoaded(page);
      const direction = await page
        .locator('cw-qa')
        .evaluate((element) => getComputedStyle(element).direction);
      assert(direction === 'rtl', `direction is ${direction}`);
    },
  },
  {
    id: 'widgets-rating--docs',
    docs: true,
    allowConsole: FAILED_RESOURCE, // the error-with-retry story's first load
    async run(page) {
      const table = page.locator('.docblock-argstable').first();
      await table.waitFor({ timeout: TIMEOUT });
      const api = (await table.textContent()) ?? '';
      for (const name of ['subject', 'readonly', 'distribution', 'size', 'cw-rate', 'sign-in']) {
        assert(api.includes(name), `the docs' API table does not list "${name}"`);
      }
      assert(
        api.includes('The id of the rated thing'),
        'the docs table lacks the JSDoc descriptions from custom-elements.json',
      );
      // Only public API: no reactive state, private fields or statics; controls by type.
      for (const hidden of ['ratingState', 'viewerState', '#internals', 'formAssociated']) {
        assert(!api.includes(hidden), `the docs' API table lists the internal "${hidden}"`);
      }
      // Each row: its name and the text of its control cell ("Set string", "False True", "-").
      const controls = new Map(
        await table
          .locator('tbody tr')
          .evaluateAll((rows) =>
            rows.map((row) => [
              row.querySelector('td')?.textContent?.trim() ?? '',
              row.querySelector('td:last-child')?.textContent ?? '',
            ]),
          ),
      );
      const control = (name) => controls.get(name) ?? `(no row "${name}")`;
      const apiControl = control('api');
      assert(/Set string/.test(apiControl), `api's control is "${apiControl}", not a text field`);
      const distribution = control('distribution');
      assert(/False\s*True/.test(distribution), `distribution's control is "${distribution}"`);
      const form = control('form');
      assert(!/Set /.test(form), `the read-only form property has a control: "${form}"`);
      await summaryLoaded(page, 0);
      const stories = await page
        .locator('[id^="anchor--widgets-rating--"]')
        .evaluateAll((anchors) => anchors.map((anchor) => anchor.id.replace('anchor--', '')));
      assert(stories.length >= 10, `the docs page shows ${stories.length} stories`);
      await docsPreviewsLoaded(page);
      for (const id of stories.filter((id) => !/--(loading|error-with-retry)$/.test(id))) {
        const errors = await page.locator(`#anchor--${id} cw-rating [part~="error"]`).count();
        assert(errors === 0, `docs: story ${id} shows an error`);
      }
    },
  },
  // <cw-reviews>: Playwright's CSS pierces the open shadow roots.
  {
    id: 'widgets-reviews--list',
    async run(page) {
      await reviewsLoaded(page);
      const titles = await page.locator('cw-reviews [part~="review-title"]').count();
      assert(titles === 5, `the list shows ${titles} reviews, expected 5`);
      const count = await text(page.locator('cw-reviews [part~="count"]'));
      assert(count === '34 ratings', `count is "${count}", expected "34 ratings"`);
      // The helpful buttons are a <cw-vote>'s, exported as `helpful-button`.
      await page.locator('cw-reviews [part~="helpful"] cw-vote [part~="vote"]').first().click();
      await page.waitForTimeout(300);
      assert((await page.locator('cw-reviews [part~="error"]').count()) === 0, 'voting failed');
    },
  },
  {
    id: 'widgets-reviews--filtered',
    async run(page) {
      await reviewsLoaded(page);
      await until(
        async () => (await page.locator('cw-reviews [part~="review"]').count()) === 2,
        'the 5-star filter did not leave two reviews',
      );
    },
  },
  {
    id: 'widgets-reviews--writing-with-draft',
    async run(page) {
      await reviewsLoaded(page);
      const title = page.locator('cw-reviews #title');
      await title.waitFor({ timeout: TIMEOUT });
      const value = await title.inputValue();
      assert(value === 'Pours without dripping', `the draft title is "${value}"`);
    },
  },
  {
    id: 'widgets-reviews--posting-failed-draft-kept',
    allowConsole: FAILED_RESOURCE,
    async run(page) {
      const error = await text(page.locator('cw-reviews [part~="error"]'));
      assert(/not published/.test(error), `error text is "${error}"`);
      const value = await page.locator('cw-reviews #title').inputValue();
      assert(value === 'Lovely colour', `the kept title is "${value}"`);
    },
  },
  {
    id: 'widgets-reviews--editing',
    async run(page) {
      const value = await page.locator('cw-reviews #title').inputValue({ timeout: TIMEOUT });
      assert(value === 'Okay so far', `the edit form holds "${value}"`);
    },
  },
  {
    id: 'widgets-reviews--with-structured-data',
    async run(page) {
      await reviewsLoaded(page);
      const json = await page
        .locator('cw-reviews > script[type="application/ld+json"]')
        .textContent({ timeout: TIMEOUT });
      const data = JSON.parse(json ?? '{}');
      assert(data['@type'] === 'Product' && data.review?.length === 5, 'JSON-LD is incomplete');
    },
  },
  {
    id: 'widgets-reviews--right-to-left',
    async run(page) {
      await reviewsLoaded(page);
      const direction = await page
        .locator('cw-reviews')
        .evaluate((element) => getComputedStyle(element).direction);
      assert(direction === 'rtl', `direction is ${direction}`);
      const row = page.locator('cw-reviews [part~="filter"]').first();
      const label = await row.locator('span[aria-hidden="true"]').first().boundingBox();
      const count = await row.locator('span.muted').boundingBox();
      assert(label && count && label.x > count.x, 'in RTL the star label sits right of the count');
    },
  },
  {
    id: 'widgets-reviews--dark',
    async run(page) {
      await reviewsLoaded(page);
      const scheme = await page
        .locator('cw-reviews')
        .evaluate((element) => getComputedStyle(element).colorScheme);
      assert(scheme === 'dark', `color-scheme is "${scheme}", expected dark`);
    },
  },
  {
    id: 'widgets-reviews--docs',
    docs: true,
    allowConsole: FAILED_RESOURCE,
    async run(page) {
      const table = page.locator('.docblock-argstable').first();
      await table.waitFor({ timeout: TIMEOUT });
      const api = (await table.textContent()) ?? '';
      for (const name of [
        'subject',
        'structured-data',
        'cw-review-submit',
        'cw-helpful',
        'sign-in',
      ]) {
        assert(api.includes(name), `the docs' API table does not list "${name}"`);
      }
      await docsPreviewsLoaded(page);
    },
  },
];

/** A CSS selector inside the first <cw-idea-board>. */
const inBoard = (selector) => (page) => page.locator('cw-idea-board').first().locator(selector);

/** Each idea-board story renders its state (play functions drive the interactive ones). */
const ideaStories = [
  ['signed-in', '[part~="vote"]'],
  ['loading', '[part~="base"][aria-busy="true"]'],
  ['empty', '[part~="share"]'],
  ['anonymous', '[part~="sign-in"]'],
  ['budget-exhausted', '[part~="budget"].spent'],
  ['vote-rolled-back', '[part~="error"]', FAILED_RESOURCE],
  ['submit-with-similar-ideas', '[part~="similar"] li'],
  ['failed-submit-keeps-draft', '[part~="form"] [part~="error"]', FAILED_RESOURCE],
  ['idea-with-comments', '[part~="comments"] li'],
  ['moderator-view', '[part~="moderation"]'],
  ['merged-idea', '#detail-heading'],
  ['updates', '[part~="updates"] li'],
  ['dark', '[part~="vote"]'],
  ['right-to-left', '[part~="vote"]'],
];
for (const [story, selector, allowConsole] of ideaStories) {
  checks.push({
    id: `widgets-idea-board--${story}`,
    ...(allowConsole ? { allowConsole } : {}),
    async run(page) {
      await until(
        async () => (await inBoard(selector)(page).count()) > 0,
        `<cw-idea-board> shows no ${selector}`,
      );
    },
  });
}

/** A CSS selector inside the first <cw-expert-badge> or <cw-expert-list>. */
const inExperts = (tag, selector) => (page) => page.locator(tag).first().locator(selector);

/** Each experts story renders its state (play functions open the cards). */
const expertStories = [
  ['in-text', 'cw-expert-badge', '[part~="level"]'],
  ['card-open', 'cw-expert-badge', '[part~="card"] [part~="topic"]'],
  ['near-viewport-edges', 'cw-expert-badge', '[part~="card"][data-placement^="top"]'],
  ['endorse', 'cw-expert-badge', '[part~="endorse"][aria-pressed="true"]'],
  ['anonymous', 'cw-expert-badge', '[part~="card"] slot[name="sign-in"]'],
  ['unknown-person', 'cw-expert-badge', '[part~="name"] slot'],
  ['loading', 'cw-expert-badge', '[part~="name"] slot'],
  ['dark', 'cw-expert-badge', '[part~="card"] [part~="topic"]'],
  ['right-to-left', 'cw-expert-badge', '[part~="card"] [part~="topic"]'],
  ['expert-list', 'cw-expert-list', '[part~="endorse"]'],
  ['expert-list-anonymous', 'cw-expert-list', 'slot[name="sign-in"]'],
  ['expert-list-empty', 'cw-expert-list', '[part~="base"][aria-busy="false"]'],
  ['expert-list-dark', 'cw-expert-list', '[part~="expert"]'],
];
for (const [story, tag, selector] of expertStories) {
  checks.push({
    id: `widgets-experts--${story}`,
    async run(page) {
      await until(
        async () => (await inExperts(tag, selector)(page).count()) > 0,
        `<${tag}> shows no ${selector}`,
      );
    },
  });
}

/** Each moderation story renders its state (play functions open forms and views). */
const moderationStories = [
  ['queue', 'cw-moderation-queue', '[part~="reports"]'],
  ['remove-with-reason', 'cw-moderation-queue', '[data-reason]'],
  ['bulk', 'cw-moderation-queue', '[part~="bulk"]'],
  ['empty', 'cw-moderation-queue', '[part~="base"] .muted'],
  ['loading', 'cw-moderation-queue', '[role="status"]'],
  ['load-failed', 'cw-moderation-queue', '[part~="error"]'],
  ['log', 'cw-moderation-queue', '[part~="entry"]'],
  ['suspensions', 'cw-moderation-queue', '[part~="suspension"]'],
  ['not-moderator', 'cw-moderation-queue', '[part~="base"] p'],
  ['signed-out', 'cw-moderation-queue', '[part~="base"] p'],
  ['dark', 'cw-moderation-queue', '[part~="item"]'],
  ['report-form', 'cw-qa', '[part~="report-form"]'],
];
for (const [story, tag, selector] of moderationStories) {
  checks.push({
    id: `widgets-moderation--${story}`,
    // The failing story's 500 is the state it shows.
    ...(story === 'load-failed' ? { allowConsole: /500/ } : {}),
    async run(page) {
      await until(
        async () => (await page.locator(tag).first().locator(selector).count()) > 0,
        `<${tag}> shows no ${selector}`,
      );
    },
  });
}

/** Each inbox story renders its state (play functions open the panel). */
const inboxStories = [
  ['bell', '[part~="count"]'],
  ['panel-open', '[part~="item"]'],
  ['all-read', '[part~="item"][data-read="true"]'],
  ['empty', '[part~="panel"] .muted'],
  ['loading', '[part~="panel"] [role="status"]'],
  ['load-failed', '[part~="error"]'],
  ['dark', '[part~="item"]'],
  ['right-to-left', '[part~="item"]'],
];
for (const [story, selector] of inboxStories) {
  checks.push({
    id: `widgets-inbox--${story}`,
    // The failing story's 503 is the state it shows.
    ...(story === 'load-failed' ? { allowConsole: /503/ } : {}),
    async run(page) {
      await until(
        async () => (await page.locator('cw-inbox').first().locator(selector).count()) > 0,
        `<cw-inbox> shows no ${selector}`,
      );
    },
  });
}

const { server, origin } = await serveStorybook();
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });

const index = await (await fetch(`${origin}/index.json`)).json();
// Every docs page, beside the ones checked in detail above: each preview on it renders.
for (const entry of Object.values(index.entries)) {
  if (entry.type !== 'docs' || checks.some((check) => check.id === entry.id)) continue;
  checks.push({
    id: entry.id,
    docs: true,
    // The failure stories' refused requests are the states they show.
    allowConsole: FAILED_RESOURCE,
    async run(page) {
      const previews = await docsPreviewsLoaded(page);
      assert(previews >= 2, `the docs page shows ${previews} previews`);
    },
  });
}
// `npm run test:storybook -- <pattern>` runs only the checks whose story id matches.
const only = process.argv[2] ? new RegExp(process.argv[2]) : undefined;
let passed = 0;
const failures = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  for (const check of checks.filter(({ id }) => !only || only.test(id))) {
    const started = Date.now();
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (check.allowConsole?.test(message.text())) return;
      problems.push(`console error: ${message.text()}`);
    });
    try {
      assert(index.entries[check.id], `no entry "${check.id}" in index.json`);
      const mode = check.docs ? 'docs' : 'story';
      await page.goto(`${origin}/iframe.html?id=${check.id}&viewMode=${mode}`);
      await page.waitForFunction(() => document.body.classList.contains('sb-show-main'), null, {
        timeout: TIMEOUT,
      });
      await check.run(page);
      const crashed = await page.evaluate(() =>
        document.body.classList.contains('sb-show-errordisplay')
          ? document.querySelector('#error-message')?.textContent || 'error display shown'
          : '',
      );
      assert(!crashed, `Storybook shows an error: ${crashed}`);
      assert(problems.length === 0, problems.join('\n    '));
      passed += 1;
      console.log(`  ok    ${check.id} (${Date.now() - started} ms)`);
    } catch (error) {
      const reason = error instanceof CheckError ? error.message : String(error?.message ?? error);
      const all = [reason, ...problems.filter((problem) => !reason.includes(problem))];
      failures.push(check.id);
      console.log(`  FAIL  ${check.id}\n    ${all.join('\n    ')}`);
    } finally {
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}

console.log(`storybook: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
