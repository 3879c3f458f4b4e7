export { Community, type CommunityOptions } from './community.js';
export { DomainError, type DomainErrorKind, type Issue } from './errors.js';
export { RatingService, requireIdentity } from './ratings.js';
export { distributionChange, summaryOf, withViewerRating } from './rating-math.js';
export { demoDistributions, demoPersonas, seedRatings, type PersonaName } from './seed.js';
export type { Store, StoreReader, StoreWriter } from './store.js';
export * from './types.js';
export * from './validate.js';
