/** The engine every widget shares. It never renders. */
export type {
  CommunityBackend,
  CreateOptions,
  QuestionQuery,
  QuestionSort,
  QuestionsBackend,
  RatingsBackend,
  RequestOptions,
  ReviewQuery,
  ReviewsBackend,
  TokenProvider,
} from './backend.js';
export { createBatcher, type BatcherOptions, type BatchLoader } from './batcher.js';
export { CommunityClient, clientFor } from './client.js';
export {
  configurationChanged,
  configure,
  globalConfiguration,
  onConfigure,
  resolveBackend,
  resolveClient,
  type CommunityConfig,
} from './config.js';
export {
  CommunityController,
  nearestCommunity,
  type CommunityHost,
  type CommunityProvider,
} from './community-controller.js';
export {
  DraftController,
  DraftStorage,
  draftStorage,
  DRAFT_MAX_AGE_MS,
  type Draft,
  type DraftAddress,
} from './drafts.js';
export { CwError, toCwError, type CwErrorKind } from './errors.js';
export { newIdempotencyKey } from './idempotency.js';
export {
  PagedList,
  type PageLoader,
  type PageResult,
  type PagedListListener,
  type PagedListState,
} from './paged-list.js';
export {
  cleanUserLine,
  parseUserText,
  safeHref,
  type TextPiece,
  type UserParagraph,
} from './user-text.js';
export {
  emit,
  type CwEvent,
  type CwEventMap,
  type AnswerAcceptDetail,
  type AnswerSubmitDetail,
  type EndorseDetail,
  type ErrorDetail,
  type HelpfulDetail,
  type IdeaStatusDetail,
  type IdeaSubmitDetail,
  type QuestionSubmitDetail,
  type RateDetail,
  type ReviewSubmitDetail,
  type VoteDetail,
} from './events.js';
export { RatingsStore, type RatingListener, type RatingState } from './ratings.js';
export {
  RestBackend,
  parseRetryAfter,
  searchParams,
  type Method,
  type RestBackendOptions,
  type RequestTimeouts,
  DEFAULT_TIMEOUTS,
} from './rest-backend.js';
export { QuestionsStore, questionsBackend, questionsFor, withVote } from './questions.js';
export { RestQuestionsBackend } from './rest-questions.js';
export { ReviewsStore, reviewsBackend, reviewsFor, withHelpful } from './reviews.js';
export { RestReviewsBackend } from './rest-reviews.js';
export type * from './types.js';
export { ViewerStore, type ViewerListener, type ViewerState } from './viewer.js';
export { whenNearViewport } from './visibility.js';
export {
  IDEA_STATUS_VALUES,
  IdeaBoardModel,
  IdeasStore,
  ideasBackend,
  ideasFor,
  withIdeaVote,
  type Board,
  type BoardState,
  type Idea,
  type IdeaBoardListener,
  type IdeasBackend,
  type IdeaComment,
  type IdeaInput,
  type IdeaListQuery,
  type IdeaSort,
  type IdeaStatus,
  type IdeaUpdate,
  type IdeaVoteResult,
} from './ideas.js';
export { RestIdeasBackend } from './rest-ideas.js';
export {
  ProfilesStore,
  expertsBackend,
  expertsFor,
  type Badge,
  type Expert,
  type ExpertQuery,
  type ExpertsBackend,
  type Invitation,
  type ProfileListener,
  type ProfileState,
  type ReputationLevel,
  type TopicExpertise,
  type TopicSummary,
  type UserProfile,
} from './experts.js';
export { RestExpertsBackend } from './rest-experts.js';
export {
  INBOX_REFRESH,
  UnreadCountStore,
  fillLinkTemplate,
  inboxFor,
  notificationsBackend,
  type Inbox,
  type InboxNotification,
  type NotificationKind,
  type NotificationPreferences,
  type NotificationsBackend,
  type UnreadListener,
  type UnreadState,
} from './notifications.js';
export { RestNotificationsBackend } from './rest-notifications.js';
export { TRUSTED_TYPES_POLICY } from './trusted-script.js';
