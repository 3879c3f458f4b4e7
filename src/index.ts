/**
 * The npm entry (`community-widgets`): registers every element and exposes the core's
 * public API. Bundlers keep what an app uses; the CDN drop-in is src/cdn.ts.
 */
export * from './community.js';
export * from './rating.js';
export * from './qa.js';
export * from './reviews.js';
export * from './idea-board.js';
export * from './expert-badge.js';
export * from './expert-list.js';
export * from './moderation-queue.js';
export * from './core/index.js';
