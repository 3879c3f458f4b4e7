/**
 * msw handlers serving api/openapi.yaml in memory with the server's own domain rules.
 * Published as `community-widgets/mocks` for users' tests and offline demos.
 *
 * @example
 *   import { setupWorker } from 'msw/browser';
 *   import { createMockCommunity, createHandlers } from 'community-widgets/mocks';
 *   const community = await createMockCommunity({ ratings: { 'sku-1': [0, 1, 2, 8, 20] } });
 *   await setupWorker(...createHandlers(community)).start();
 */
export { createHandlers, type MockHandlerOptions } from './handlers.js';
export { createMockCommunity, type MockCommunityOptions } from './community.js';
export { mockToken, identityFromMockToken, type MockTokenOptions } from './tokens.js';
export { problemResponse } from './responses.js';
export { demoPersonas, demoDistributions } from '../domain/seed.js';
export { DEMO_BOARD, seedIdeas } from '../domain/idea-seed.js';
export type { BoardInput } from '../domain/ideas.js';
export type { Identity, Distribution } from '../domain/types.js';
