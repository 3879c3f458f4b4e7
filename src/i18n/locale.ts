/**
 * Translations by locale, each loaded on demand. Locales not listed here show English text
 * (numbers, dates and plural rules still follow the locale).
 */
const translations: Record<string, () => Promise<{ templates: Record<string, unknown> }>> = {};

export const translatedLocales: readonly string[] = Object.keys(translations);

let localization: Promise<{ setLocale(locale: string): Promise<void> }> | undefined;

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
    // The runtime loads only when a page asks for a translation: English pages don't pay for it.
    localization = import('@lit/localize/init/runtime.js').then(({ configureLocalization }) =>
      configureLocalization({
        sourceLocale: 'en',
        targetLocales: translatedLocales,
        loadLocale: (name) => translations[name]!() as never,
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
