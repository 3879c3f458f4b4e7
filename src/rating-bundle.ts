/** Entry of the rating-only drop-in bundle: `<cw-community>`, `<cw-rating>` and `configure`. */
export * from './community.js';
export * from './rating.js';
