import type { components } from '../contract.js';

/** One offending input of a 422 problem: a JSON pointer into the body, or `#name` for a parameter. */
export type Issue = NonNullable<components['schemas']['Problem']['errors']>[number];
