/**
 * The drop-in entry: registers every element and exposes the core's public API.
 *
 * ```html
 * <script type="module" src="https://cdn.example/community-widgets.js"></script>
 * <cw-community api="https://example.com/community/api">
 *   <cw-rating subject="sku-123"></cw-rating>
 * </cw-community>
 * ```
 */
export * from './community.js';
export * from './rating.js';
export * from './idea-board.js';
export * from './core/index.js';
