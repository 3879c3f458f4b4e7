/**
 * The all-widgets drop-in bundle (`dist/cdn/community-widgets.js`): `<cw-community>`,
 * `<cw-rating>` and `configure()` at once, every other widget's code when its tag appears.
 *
 * ```html
 * <script type="module" src="https://cdn.example/community-widgets.js"></script>
 * <cw-community api="https://example.com/community/api">
 *   <cw-rating subject="sku-123"></cw-rating>
 *   <cw-qa subject="sku-123"></cw-qa>
 * </cw-community>
 * ```
 */
import { startAutoloading } from './autoloader.js';

export * from './community.js';
export * from './rating.js';
export { loadWidgetsIn } from './autoloader.js';
// The page-facing API; the rest of the core is for npm users (`community-widgets/core.js`).
export { CwError } from './core/errors.js';
export { RestBackend } from './core/rest-backend.js';

startAutoloading();
