/**
 * The drop-in bundle for pages that show several widgets (`dist/cdn/community-all.js`): what
 * `community-widgets.js` loads widget by widget, in one file. Separate files each start gzip
 * without a dictionary, so a page with every widget paid ≈ 10 KB for the 18 files it loaded;
 * here `<cw-qa>`, `<cw-reviews>`, `<cw-idea-board>`, the expert badge and list, the posting kit
 * and the rating's write path are in the entry. What few such pages show still loads on use:
 * the inbox, the moderation queue and the dashboard when their tag appears (the autoloader),
 * @floating-ui/dom when a card opens, the report form on the first Report, a translation.
 * docs/decisions/003-bundle-size.md measures both kinds of page.
 */
import './components/rating/rating-input.js';
import './qa.js';
import './reviews.js';
import './idea-board.js';
import './expert-badge.js';
import './expert-list.js';

// The same page-facing API, and the autoloader for the widgets left out above.
export * from './cdn.js';
