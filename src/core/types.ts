import type { components } from '../../api/contract.js';

type Schemas = components['schemas'];

/** The viewer behind the token (or anonymous), as `GET /me` returns it. */
export type Viewer = Schemas['Viewer'];
/** A subject's rating summary, as `GET /ratings` returns it. */
export type RatingSummary = Schemas['RatingSummary'];
/** An RFC 9457 problem document. */
export type Problem = Schemas['Problem'];
/** A review as the viewer sees it (`own`, `viewerHelpful`). */
export type Review = Schemas['Review'];
/** A page of a subject's reviews, with the viewer's own review. */
export type ReviewPage = Schemas['ReviewPage'];
/** What writing or editing a review answers: the review and the subject's new rating summary. */
export type ReviewWrite = Schemas['ReviewWrite'];
export type ReviewInput = Schemas['ReviewInput'];
export type ReviewChanges = Schemas['ReviewChanges'];
export type ReviewSort = Schemas['ReviewSort'];
export type HelpfulValue = Schemas['HelpfulValue'];
