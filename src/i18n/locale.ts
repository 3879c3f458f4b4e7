import { targetLocales } from './generated/locale-codes.js';
import { msg, type str } from './localize.js';

type TargetLocale = (typeof targetLocales)[number];

/**
 * Translations by locale, each its own chunk loaded on demand; generated from xliff/<locale>.xlf
 * by `npm run i18n` (see docs/translations.md). Other locales show English sentences
 * (numbers and dates still follow the locale).
 */
const translations: Record<TargetLocale, () => Promise<{ templates: Record<string, unknown> }>> = {
  de: () => import('./generated/de.js'),
  fr: () => import('./generated/fr.js'),
  es: () => import('./generated/es.js'),
  ar: () => import('./generated/ar.js'),
};

export const translatedLocales: readonly string[] = targetLocales;

let localization: Promise<{ setLocale(locale: string): Promise<void> }> | undefined;

/**
 * The language the sentences are in right now. Plural forms are chosen by its rules, not by
 * the locale that formats numbers: the category must fit the words around the number.
 */
let messageLocale = 'en';

/**
 * Switches message translations. Called lazily by `configure({ locale })` so importing an
 * element has no side effect.
 */
export async function useLocale(locale: string): Promise<void> {
  const language = locale.split('-')[0]!;
  const target = translatedLocales.includes(locale)
    ? locale
    : translatedLocales.includes(language)
      ? language
      : 'en';
  if (!localization) {
    if (target === 'en') return;
    // Set in the same event that re-renders the widgets, so no render mixes a new sentence
    // with the old language's plural form.
    window.addEventListener('lit-localize-status', (event) => {
      if (event.detail.status === 'ready') messageLocale = event.detail.readyLocale;
    });
    // The runtime loads only when a page asks for a translation: English pages don't pay for it.
    localization = import('@lit/localize/init/runtime.js').then(({ configureLocalization }) =>
      configureLocalization({
        sourceLocale: 'en',
        targetLocales: translatedLocales,
        loadLocale: (name) => translations[name as TargetLocale]() as never,
      }),
    );
  }
  await (await localization).setLocale(target);
}

/** The locale that formats numbers and dates for `element`: its nearest `lang`, else the page's. */
export function localeOf(element: Element): string {
  const lang = element.closest('[lang]')?.getAttribute('lang');
  return lang || document.documentElement.lang || navigator.language || 'en';
}

/** Whether `element` is laid out right to left. */
export function isRightToLeft(element: Element): boolean {
  return getComputedStyle(element).direction === 'rtl';
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

export function formatNumber(locale: string, value: number, fractionDigits = 0): string {
  const key = `${locale}|${fractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

export function pluralCategory(locale: string, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

/** What `str` makes of a sentence with placeholders. */
type Sentence = ReturnType<typeof str>;

/** `msg` as lit-localize's extractor must not read it (see `counted`). */
type Lookup = (template: Sentence, options: { id: string }) => string;

/**
 * A counted sentence, in the form that fits `count` in the language now showing (its plural
 * category by `Intl.PluralRules`). English writes two forms; every translation has all six
 * CLDR categories as ids `<id>-zero` … `<id>-other` (Arabic uses them all), and a category
 * English never selects holds its `other` form. `id`, `one` and `other` must be written
 * literally: the translation scripts read them from the source.
 */
export function counted(id: string, count: number, one: Sentence, other: Sentence): string {
  const category = pluralCategory(messageLocale, count);
  // The id is computed, which the extractor refuses, so the call goes through a plain type
  // (`msg` itself, read when called: the translation runtime replaces it); the scripts list
  // the six ids of each sentence for the extractor instead (scripts/check-translations.mjs).
  return (msg as Lookup)(category === 'one' ? one : other, { id: `${id}-${category}` });
}

/**
 * Wraps text that came from people (names, titles, topics, the page's labels) or that has its
 * own direction (dates) in first-strong isolates, so a Latin name in an Arabic sentence, or a
 * Hebrew title in an English one, neither reorders nor is reordered by the words around it.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date as people of `locale` write it, e.g. "23 Nov 2026"; the ISO text when unparsable. */
export function formatDate(locale: string, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}
