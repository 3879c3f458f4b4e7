/**
 * The parts of @lit/localize every page needs, imported by module so the bundle does not
 * also carry the translation runtime (≈ 4 KB gzipped): `useLocale` loads that on demand.
 */
export { msg } from '@lit/localize/init/install.js';
export { str } from '@lit/localize/internal/str-tag.js';
export { updateWhenLocaleChanges } from '@lit/localize/internal/localized-controller.js';
