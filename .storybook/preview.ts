import {
  setCustomElementsManifest,
  type Decorator,
  type Preview,
} from '@storybook/web-components-vite';
import { html } from 'lit';
import { setupWorker } from 'msw/browser';
import { isCommonAssetRequest } from 'msw';
import { mswLoader } from 'msw-storybook-addon/csf3';
import customElements from '../custom-elements.json';
import { configure, globalConfiguration } from '../src/core/config.js';
import { storyRouter } from '../stories/support/mock-api.js';
import { controlsFromTypes, publicManifest } from '../stories/support/public-api.js';
import themes from '../src/styles/themes.css?raw';

// Autodocs read attributes, properties, parts, slots, CSS properties and events from the
// manifest that `npm run analyze` writes from the elements' JSDoc: its public API only.
setCustomElementsManifest(publicManifest(customElements));

// The presets a host opts into (README, «Themes»), as the host gets them: Vite's CSS pipeline
// would rewrite their light-dark() colours into variables only its own output sets.
const presetSheet = document.createElement('style');
presetSheet.textContent = themes;
document.head.append(presetSheet);

const palettes = {
  light: { background: '#ffffff', color: '#1f2328' },
  dark: { background: '#0d1117', color: '#e6e8eb' },
} as const;

/** The presets of src/styles/themes.css, by the class a host puts on any ancestor. */
const presets = {
  standard: '',
  compact: 'cw-compact',
  'high-contrast': 'cw-high-contrast',
} as const;

const locales = {
  en: { title: 'English', dir: 'ltr' },
  de: { title: 'Deutsch', dir: 'ltr' },
  fr: { title: 'Français', dir: 'ltr' },
  es: { title: 'Español', dir: 'ltr' },
  ar: { title: 'العربية (right to left)', dir: 'rtl' },
} as const;

/**
 * Puts every story on a page of the chosen colour scheme, preset and language: `color-scheme`
 * drives the widgets' `light-dark()` tokens, the preset's class their spacing, type and
 * contrast, `dir` and `lang` their layout and numbers, and
 * `configure({ locale })` their sentences (a story's own `<cw-community locale>` wins).
 */
const withPage: Decorator = (story, context) => {
  const theme = (context.globals.theme as keyof typeof palettes | undefined) ?? 'light';
  const lang = (context.globals.locale as keyof typeof locales | undefined) ?? 'en';
  const palette = palettes[theme] ?? palettes.light;
  const preset =
    presets[(context.globals.preset as keyof typeof presets | undefined) ?? 'standard'];
  const direction = (locales[lang] ?? locales.en).dir;
  // The sentences' language is one per page (@lit/localize), and each configure() makes every
  // widget on the page look for its backend again: the toolbar sets it in the single-story
  // view; a docs page, where dozens of stories share the page, stays in English. (Its inline
  // stories do not all say viewMode 'docs', hence the page's own URL.)
  const docsPage = new URLSearchParams(location.search).get('viewMode') === 'docs';
  if (!docsPage && globalConfiguration().locale !== lang) configure({ locale: lang });
  if (context.viewMode === 'story') {
    // The whole canvas, not just the wrapper, matches the scheme in the single-story view.
    document.documentElement.style.colorScheme = theme;
    document.body.style.background = palette.background;
  }
  return html`<div
    class="cw-story-page ${preset ?? ''}"
    data-theme=${theme}
    dir=${direction}
    lang=${lang}
    style="color-scheme: ${theme}; background: ${palette.background}; color: ${palette.color}; padding: 1rem; font-family: system-ui, sans-serif;"
  >
    ${story()}
  </div>`;
};

const preview: Preview = {
  tags: ['autodocs'],
  // One handler routes each story's requests to that story's own in-memory backend, so it
  // survives the addon's handler reset and every story on a docs page keeps its mocks.
  loaders: [
    mswLoader(async () => {
      const worker = setupWorker(storyRouter);
      await worker.start({
        quiet: true,
        onUnhandledRequest(request, print) {
          if (isCommonAssetRequest(request)) return;
          if (new URL(request.url).origin === location.origin) return;
          print.warning();
        },
      });
      return worker;
    }),
  ],
  decorators: [withPage],
  argTypesEnhancers: [controlsFromTypes(customElements)],
  globalTypes: {
    theme: {
      description: 'Colour scheme of the page',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
    preset: {
      description: 'Theme preset the host page opts into (community-widgets/themes.css)',
      toolbar: {
        title: 'Preset',
        icon: 'component',
        items: [
          { value: 'standard', title: 'Standard' },
          { value: 'compact', title: 'Compact' },
          { value: 'high-contrast', title: 'High contrast' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Language of the widgets (Arabic lays them out right to left)',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: Object.entries(locales).map(([value, { title }]) => ({ value, title })),
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', preset: 'standard', locale: 'en' },
  parameters: {
    controls: { expanded: true },
    a11y: { test: 'error' },
    docs: { toc: false },
  },
};

export default preview;
