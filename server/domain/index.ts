export { Community, type CommunityOptions } from './community.js';
export { DomainError, type DomainErrorKind, type Issue } from './errors.js';
export { RatingService, requireIdentity } from './ratings.js';
export { distributionChange, summaryOf, withViewerRating } from '../../api/shared/rating-math.js';
export {
  demoDistributions,
  demoPersonas,
  seedQuestions,
  seedRatings,
  type PersonaName,
} from './seed.js';
export type { Store, StoreReader, StoreWriter } from './store.js';
export * from './types.js';
export * from './validate.js';
export * from './idempotency.js';
export * from './pagination.js';
export * from './text-search.js';
export * from './user-text.js';
export { normalizeUserText, textLength, type TextLimits } from '../../api/shared/user-text.js';
export * from './qa-rules.js';
export {
  QuestionService,
  POST_ID_PATTERN,
  assertPostId,
  type QuestionListOptions,
} from './questions.js';
export * from './review-rules.js';
export type { ReviewRow, ReviewListQuery, ReviewReader, ReviewWriter } from './review-store.js';
export * from './reviews.js';
export * from './idea-rules.js';
export type * from './idea-store.js';
export {
  IdeaService,
  type Board,
  type BoardInput,
  type Idea,
  type IdeaComment,
  type IdeaListOptions,
  type IdeaUpdate,
  type IdeaVoteResult,
} from './ideas.js';
export { DEMO_BOARD, seedIdeas } from './idea-seed.js';
export * from './expert-rules.js';
export type * from './expert-store.js';
export { Reputation, type Earner, type ReputationSource } from './reputation.js';
export {
  ExpertService,
  profilesOf,
  assertUserId,
  type Expert,
  type ExpertListOptions,
  type Invitation,
  type TopicExpertise,
  type TopicSummary,
  type UserProfile,
} from './experts.js';
export * from './moderation-rules.js';
export * from './access-rules.js';
export type * from './moderation-store.js';
export {
  ModerationService,
  MODERATION_KINDS,
  type ModeratedPost,
  type ModerationItem,
  type ModerationLogEntry,
  type ModerationNote,
  type PostEffects,
  type ReportReceipt,
  type Suspension,
} from './moderation.js';
export type * from './notification-store.js';
export {
  NotificationService,
  NOTIFICATION_KINDS,
  type Notification,
  type NotificationKind,
  type NotificationPreferences,
  type UnreadCount,
} from './notifications.js';
