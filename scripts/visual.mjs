#!/usr/bin/env node
/**
 * Visual regression: screenshots of each widget's main stories in the BUILT Storybook, in
 * light, dark and right to left (Arabic), and the dense lists in the compact and
 * high-contrast presets, compared pixel by pixel with the baselines committed in
 * test/visual/baselines/. A pixel counts as changed when a channel moves by more than 40/255
 * (antialiasing stays under that); a story fails when more than 0.1 % of its pixels change,
 * or its size does. Failures leave the new screenshot and a diff image (changed pixels red)
 * in test/visual/output/.
 *
 * Deterministic: a fixed clock (every date the mocks write is "now"), a fixed viewport and
 * scale, animations and the caret off, the page's fonts loaded, and a screenshot is taken
 * only once two in a row are identical (the widget has finished rendering).
 *
 *   npm run build-storybook && npm run test:visual              compare
 *   npm run build-storybook && npm run test:visual -- --update  write the baselines anew
 *   npm run test:visual -- reviews                               only names matching "reviews"
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { comparePngs, decodePng, encodePng } from './png.mjs';
import { requireBuiltStorybook, serveStorybook } from './storybook-static-server.mjs';

const BASELINES = 'test/visual/baselines';
const OUTPUT = 'test/visual/output';
const TIMEOUT = 30_000;
const CHANNEL_THRESHOLD = 40;
const MAX_CHANGED = 0.001;
const CLOCK = new Date('2026-06-15T12:00:00Z');

requireBuiltStorybook('visual');
const update = process.argv.includes('--update');
const only = process.argv.slice(2).find((arg) => !arg.startsWith('--'));

/** Each widget's main stories and what shows they have rendered. */
const stories = [
  ['rating', 'widgets-rating--with-distribution', 'cw-rating [part~="distribution"] li'],
  [
    'rating-signed-in',
    'widgets-rating--signed-in-with-own-rating',
    'cw-rating [role="radio"][aria-checked="true"]',
  ],
  ['reviews', 'widgets-reviews--list', 'cw-reviews [part~="review-title"]'],
  ['qa', 'widgets-questions-and-answers--list', 'cw-qa [part~="question"]'],
  ['idea-board', 'widgets-idea-board--signed-in', 'cw-idea-board [part~="vote"]'],
  ['expert-card', 'widgets-experts--card-open', 'cw-expert-badge [part~="card"] [part~="topic"]'],
  ['expert-list', 'widgets-experts--expert-list', 'cw-expert-list [part~="endorse"]'],
];

/** The page each story is shot on: Storybook globals (the toolbar's theme, preset, language). */
const looks = [
  ['light', {}],
  ['dark', { theme: 'dark' }],
  ['rtl', { locale: 'ar' }],
];
/** The presets change spacing, type and contrast: shot where lists are densest. */
const presets = [
  ['compact', { preset: 'compact' }],
  ['high-contrast', { preset: 'high-contrast' }],
];
const presetStories = ['reviews', 'idea-board'];

const cases = [
  ...stories.flatMap(([widget, id, ready]) =>
    looks.map(([look, globals]) => ({ name: `${widget}-${look}`, id, ready, globals })),
  ),
  ...stories
    .filter(([widget]) => presetStories.includes(widget))
    .flatMap(([widget, id, ready]) =>
      presets.map(([look, globals]) => ({ name: `${widget}-${look}`, id, ready, globals })),
    ),
].filter(({ name }) => !only || name.includes(only));

/**
 * In the page: '' once the story's widgets have their data (nothing `aria-busy`, and in
 * Arabic, Arabic sentences: the language's chunk has loaded), else what is missing.
 */
function pending(arabic) {
  const root = document.querySelector('#storybook-root');
  if (!root) return 'no story root';
  let busy = false;
  let text = '';
  const walk = (node) => {
    for (const element of node.querySelectorAll('*')) {
      if (element.getAttribute('aria-busy') === 'true') busy = true;
      if (element.shadowRoot) {
        text += element.shadowRoot.textContent ?? '';
        walk(element.shadowRoot);
      }
    }
  };
  walk(root);
  if (busy) return 'a widget is still loading';
  if (arabic && !/[\u0600-\u06ff]/.test(text)) return 'the Arabic sentences have not loaded';
  return '';
}

async function until(probe, message) {
  const deadline = Date.now() + TIMEOUT;
  let last = '';
  while (Date.now() < deadline) {
    last = await probe();
    if (last === true || last === '') return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${message}${typeof last === 'string' && last ? `: ${last}` : ''}`);
}

/**
 * Screenshots until two in a row are identical: the render has settled. The whole page, not
 * the story's box, so popovers (the expert card) are in the picture.
 */
async function settledScreenshot(page) {
  let previous = await page.screenshot({ animations: 'disabled', caret: 'hide', fullPage: true });
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    const next = await page.screenshot({ animations: 'disabled', caret: 'hide', fullPage: true });
    if (next.equals(previous)) return next;
    previous = next;
  }
  throw new Error('the story kept changing over 20 screenshots');
}

rmSync(OUTPUT, { recursive: true, force: true });
mkdirSync(BASELINES, { recursive: true });
const { server, origin } = await serveStorybook();
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
let passed = 0;
const failures = [];
try {
  const context = await browser.newContext({
    viewport: { width: 800, height: 600 },
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
  await context.clock.setFixedTime(CLOCK);
  for (const { name, id, ready, globals } of cases) {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    try {
      const query = Object.entries(globals)
        .map(([key, value]) => `${key}:${value}`)
        .join(';');
      await page.goto(
        `${origin}/iframe.html?id=${id}&viewMode=story${query ? `&globals=${query}` : ''}`,
      );
      await page.locator(ready).first().waitFor({ timeout: TIMEOUT });
      await until(() => page.evaluate(pending, globals.locale === 'ar'), `${name}: not rendered`);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const shot = await settledScreenshot(page);
      if (problems.length) throw new Error(problems.join('; '));
      const baseline = join(BASELINES, `${name}.png`);
      if (update) {
        writeFileSync(baseline, shot);
        console.log(`  wrote ${baseline}`);
        passed += 1;
        continue;
      }
      if (!existsSync(baseline)) {
        throw new Error(`no baseline ${baseline}: run \`npm run test:visual -- --update\``);
      }
      const expected = decodePng(readFileSync(baseline));
      const actual = decodePng(shot);
      const { sizeDiffers, differing, diff } = comparePngs(expected, actual, CHANNEL_THRESHOLD);
      const share = differing / (expected.width * expected.height);
      if (sizeDiffers || share > MAX_CHANGED) {
        mkdirSync(OUTPUT, { recursive: true });
        writeFileSync(join(OUTPUT, `${name}.png`), shot);
        if (diff) writeFileSync(join(OUTPUT, `${name}.diff.png`), encodePng(diff));
        throw new Error(
          sizeDiffers
            ? `size ${actual.width}×${actual.height}, baseline ${expected.width}×${expected.height} (see ${OUTPUT}/${name}.png)`
            : `${differing} pixels changed (${(share * 100).toFixed(2)} %; see ${OUTPUT}/${name}.diff.png)`,
        );
      }
      passed += 1;
      console.log(`  ok    ${name} (${differing} pixels within tolerance)`);
    } catch (error) {
      failures.push(name);
      console.log(`  FAIL  ${name}\n    ${error.message}`);
    } finally {
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`visual: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
