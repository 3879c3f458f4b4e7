import type { components } from '../../api/contract.js';

type Schemas = components['schemas'];

/** The viewer behind the token (or anonymous), as `GET /me` returns it. */
export type Viewer = Schemas['Viewer'];
/** A subject's rating summary, as `GET /ratings` returns it. */
export type RatingSummary = Schemas['RatingSummary'];
/** An RFC 9457 problem document. */
export type Problem = Schemas['Problem'];
