import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { CwCommunity } from '../../src/components/community/community.js';
import { configure } from '../../src/core/config.js';
import { demoPersonas, mockToken } from '../../server/msw/index.js';
import { part, parts, text, until } from '../support/dom.js';
import { API, startMockApi, type MockApi } from '../support/mock-api.js';

const { customer, employee, moderator } = demoPersonas;
type Locale = 'en' | 'de' | 'fr' | 'es' | 'ar';
const LOCALES: Locale[] = ['en', 'de', 'fr', 'es', 'ar'];

/**
 * Per widget, sentences it shows on this page, in every language (as `text()` reads them: the
 * no-break spaces of French and German typography become spaces). Each non-English locale must
 * show its own and none of the English ones: a missing translation shows up as English here.
 */
const sentences: Record<string, Record<Locale, string[]>> = {
  'cw-rating': {
    en: ['4 ratings', '1 star: 1 (25%)'],
    de: ['4 Bewertungen', '1 Stern: 1 (25 %)'],
    fr: ['4 notes', '1 étoile : 1 (25 %)'],
    es: ['4 valoraciones', '1 estrella: 1 (25 %)'],
    ar: ['4 تقييمات', '1 نجمة: 1 (25%)'],
  },
  'cw-reviews': {
    en: ['Most helpful', 'Reviewed on'],
    de: ['Hilfreichste', 'Rezensiert am'],
    fr: ['Les plus utiles', 'Avis publié le'],
    es: ['Más útiles', 'Reseña del'],
    ar: ['الأكثر فائدة', 'تمت المراجعة في'],
  },
  'cw-qa': {
    en: ['Questions and answers', 'Asked by'],
    de: ['Fragen und Antworten', 'Gefragt von'],
    fr: ['Questions et réponses', 'Question posée par'],
    es: ['Preguntas y respuestas', 'Pregunta de'],
    ar: ['الأسئلة والأجوبة', 'سأل'],
  },
  'cw-idea-board': {
    en: ['Most votes', '1 vote'],
    de: ['Meiste Stimmen', '1 Stimme'],
    fr: ['Plus de votes', '1 vote'],
    es: ['Más votos', '1 voto'],
    ar: ['الأكثر تصويتًا', '1 صوت'],
  },
  'cw-expert-badge': {
    en: ['Contributor'],
    de: ['Mitwirkende Person'],
    fr: ['Contributeur'],
    es: ['Colaborador'],
    ar: ['مساهم'],
  },
  'cw-expert-list': {
    en: ['Experts on kettles', 'Score 50'],
    de: ['Fachleute für kettles', 'Punktzahl 50'],
    fr: ['Experts en kettles', 'Score 50'],
    es: ['Expertos en kettles', 'Puntuación 50'],
    ar: ['خبراء في kettles', 'النقاط 50'],
  },
};

async function seed(api: MockApi) {
  // Ratings 5, 4 and 1 on sku-1, and a review of 4 stars (its rating), so the summary has a "1 star" row.
  await api.community.reviews.create(
    employee,
    'sku-1',
    { stars: 4, title: 'Good kettle', body: 'Boils fast.' },
    undefined,
  );
  // The customer becomes a contributor on `kettles` (two accepted, upvoted answers).
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
  await api.community.ideas.saveBoard({ id: 'roadmap', title: 'Roadmap', voteBudget: 10 });
  const idea = await api.community.ideas.submit(employee, 'roadmap', { title: 'Dark mode' });
  await api.community.ideas.vote(employee, idea.id, { voted: true });
}

async function page(locale: Locale): Promise<CwCommunity> {
  const community = await fixture<CwCommunity>(
    html`<cw-community
      api=${API}
      token=${mockToken(employee)}
      locale=${locale}
      lang=${locale}
      dir=${locale === 'ar' ? 'rtl' : 'ltr'}
    >
      <cw-rating subject="sku-1" distribution></cw-rating>
      <cw-reviews subject="sku-1"></cw-reviews>
      <cw-qa subject="sku-1"></cw-qa>
      <cw-idea-board board="roadmap"></cw-idea-board>
      <p>Answered by <cw-expert-badge user=${customer.id}></cw-expert-badge>.</p>
      <cw-expert-list topic="kettles"></cw-expert-list>
    </cw-community>`,
  );
  return community;
}

const widget = (community: Element, tag: string) => community.querySelector(tag)!;

/** Every widget on the page shows its sentences in `locale` and none of the English ones. */
async function speaks(community: CwCommunity, locale: Locale) {
  for (const [tag, byLocale] of Object.entries(sentences)) {
    const el = widget(community, tag);
    // Widgets load once near the viewport, as a reader scrolls to them.
    el.scrollIntoView({ block: 'nearest' });
    await until(
      () => byLocale[locale].every((sentence) => text(el).includes(sentence)),
      `${tag} does not say ${JSON.stringify(byLocale[locale])} in ${locale}`,
    );
    if (locale !== 'en') {
      for (const english of byLocale.en) {
        if (byLocale[locale].includes(english)) continue; // the same word in both ("Score")
        expect(text(el), `${tag} in ${locale}`).not.to.contain(english);
      }
    }
  }
}

/** The on-screen box of `needle` inside the text of `host`'s shadow root. */
function boxOf(container: Element, needle: string): DOMRect {
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = (node as Text).data.indexOf(needle);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + needle.length);
    return range.getBoundingClientRect();
  }
  throw new Error(`"${needle}" is not in ${container.outerHTML}`);
}

describe('five languages', () => {
  afterEach(() => configure({ locale: 'en' }));

  for (const locale of LOCALES) {
    it(`every widget renders in ${locale}`, async () => {
      const api = await startMockApi({ 'sku-1': [1, 0, 0, 1, 1] });
      await seed(api);
      const community = await page(locale);
      await speaks(community, locale);
      // The sub-elements and lazily loaded parts speak it too: the star input (signed in) and
      // the expert card.
      const rating = widget(community, 'cw-rating');
      await until(() => part(rating, 'option'), 'the star input did not load');
      const stars = parts(rating, 'option').map((option) => option.getAttribute('aria-label'));
      const twoStars = {
        en: '2 stars',
        de: '2 Sterne',
        fr: '2 étoiles',
        es: '2 estrellas',
        ar: '2 نجمتان',
      };
      expect(stars[1]).to.equal(twoStars[locale]);
    });
  }

  it('switches every widget on the page when the locale changes, and back', async () => {
    const api = await startMockApi({ 'sku-1': [1, 0, 0, 1, 1] });
    await seed(api);
    const community = await page('en');
    await speaks(community, 'en');
    for (const locale of ['de', 'ar', 'fr', 'es', 'en'] as const) {
      community.setAttribute('locale', locale);
      community.setAttribute('lang', locale);
      await speaks(community, locale);
    }
  });

  it('reads right to left in Arabic, with a Latin name and a number in their places', async () => {
    const api = await startMockApi({ 'sku-1': [1, 0, 0, 1, 1] });
    await seed(api);
    const community = await page('ar');
    await speaks(community, 'ar');

    // "سأل Emery Employee في 30/11/2026": the verb first, on the right; the Latin name after
    // it (to its left) in its own left-to-right order; the date last, leftmost.
    const qa = widget(community, 'cw-qa');
    const meta = part(qa, 'meta')!;
    expect(getComputedStyle(meta).direction).to.equal('rtl');
    const asked = boxOf(meta, 'سأل');
    const name = employee.name;
    const [first, last] = [name.split(' ')[0]!, name.split(' ').at(-1)!];
    const firstBox = boxOf(meta, first);
    const lastBox = boxOf(meta, last);
    const on = boxOf(meta, 'في');
    expect(asked.left, 'the verb is right of the name').to.be.greaterThan(firstBox.right - 1);
    expect(firstBox.left, 'the name keeps its own order').to.be.lessThan(lastBox.left);
    expect(lastBox.left, 'the name is right of "on"').to.be.greaterThan(on.right - 1);

    // "4 تقييمات": the number comes first, so it sits on the right of the word.
    const rating = widget(community, 'cw-rating');
    const count = part(rating, 'count')!;
    expect(getComputedStyle(count).direction).to.equal('rtl');
    expect(boxOf(count, '4').left).to.be.greaterThan(boxOf(count, 'تقييمات').right - 1);
  });
});
