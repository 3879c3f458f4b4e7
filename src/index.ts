/**
 * The npm entry (`community-widgets`): registers every element and exposes the core's
 * public API. Registering is a side effect, so a bundler keeps every widget even for one
 * named import: apps import each element from its own module (`community-widgets/rating.js`),
 * as the README shows first. The CDN drop-in is src/cdn.ts.
 */
export * from './community.js';
export * from './rating.js';
export * from './qa.js';
export * from './reviews.js';
export * from './idea-board.js';
export * from './expert-badge.js';
export * from './expert-list.js';
export * from './moderation-queue.js';
export * from './inbox.js';
export * from './insights.js';
export * from './core/index.js';
