import type { components } from '../../api/contract.js';

type Schemas = components['schemas'];

/** The viewer behind the token (or anonymous), as `GET /me` returns it. */
export type Viewer = Schemas['Viewer'];
/** A subject's rating summary, as `GET /ratings` returns it. */
export type RatingSummary = Schemas['RatingSummary'];
/** An RFC 9457 problem document. */
export type Problem = Schemas['Problem'];
/** A question with its counts and the viewer's own vote, as the Q&A routes return it. */
export type Question = Schemas['Question'];
/** An answer with its score, the viewer's vote and whether it is the accepted one. */
export type Answer = Schemas['Answer'];
/** -1, 0 or 1. */
export type VoteValue = Schemas['VoteValue'];
/** What `POST /subjects/{subject}/questions` takes. */
export type QuestionInput = Schemas['QuestionInput'];
/** What `PATCH /questions/{id}` takes. */
export type QuestionPatch = Schemas['QuestionPatch'];
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
