import { configureLocalization } from '@lit/localize';

/** Locales with translated messages; others fall back to English text (numbers still localise). */
export const translatedLocales: readonly string[] = [];

let localization: ReturnType<typeof configureLocalization> | undefined;

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
    localization = configureLocalization({
      sourceLocale: 'en',
      targetLocales: translatedLocales,
      loadLocale: (name) => import(/* @vite-ignore */ `./locales/${name}.js`),
    });
  }
  await localization.setLocale(target);
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
