import type { CwError, CwErrorKind } from './errors.js';

/** Detail of `cw-rate`: a visitor set (1–5) or cleared (null) a rating. */
export interface RateDetail {
  /** The rated subject; null for a rating used as a form input. */
  subject: string | null;
  value: number | null;
  previous: number | null;
}

/** Detail of `cw-error`: a widget showed an error to the visitor. */
export interface ErrorDetail {
  /** What the widget was doing: `load`, `rate`, … */
  action: string;
  kind: CwErrorKind;
  status: number | undefined;
  message: string;
}

/** Detail of `cw-question-submit`: a visitor's question was posted. */
export interface QuestionSubmitDetail {
  subject: string;
  questionId: string;
  title: string;
}

/** Detail of `cw-answer-submit`: a visitor's answer was posted. */
export interface AnswerSubmitDetail {
  subject: string;
  questionId: string;
  answerId: string;
}

/**
 * Detail of `cw-vote`: a visitor voted (fired as they act, before the server answers).
 * Q&A votes are up (1), down (-1) or withdrawn (0); idea votes are on (1) or off (0).
 * A review's helpful vote (yes 1, no -1, none 0) never leaves `<cw-reviews>`, which
 * answers it with `cw-helpful`.
 */
export type VoteDetail =
  | {
      target: 'question' | 'answer' | 'review';
      /** The subject whose Q&A (or review) it is. */
      subject: string;
      id: string;
      value: -1 | 0 | 1;
      previous: -1 | 0 | 1;
    }
  | {
      target: 'idea';
      board: string;
      id: string;
      value: 0 | 1;
      previous: 0 | 1;
    };

/** Detail of `cw-answer-accept`: the asker (or a moderator) accepted an answer, or none. */
export interface AnswerAcceptDetail {
  subject: string;
  questionId: string;
  /** The accepted answer; null when acceptance was withdrawn. */
  answerId: string | null;
  previous: string | null;
}

/** Detail of `cw-review-submit`: a visitor's review was saved (written or edited). */
export interface ReviewSubmitDetail {
  subject: string;
  reviewId: string;
  stars: number;
  /** True for an edit of an existing review, false for a new one. */
  edited: boolean;
}

/** Detail of `cw-helpful`: a visitor said whether a review helped them. */
export interface HelpfulDetail {
  subject: string;
  reviewId: string;
  value: 'yes' | 'no' | 'none';
  previous: 'yes' | 'no' | 'none';
}

/** Detail of `cw-idea-submit`: a visitor's idea was posted to a board. */
export interface IdeaSubmitDetail {
  board: string;
  ideaId: string;
  title: string;
}

/** Detail of `cw-idea-status`: a moderator set an idea's status or merged it. */
export interface IdeaStatusDetail {
  board: string;
  ideaId: string;
  status: string;
  previous: string;
  note: string | null;
  /** The idea it was merged into, for a merge. */
  mergedInto: string | null;
}

/** Detail of `cw-endorse`: a visitor endorsed a person on a topic, or withdrew it. */
export interface EndorseDetail {
  userId: string;
  topic: string;
  endorsed: boolean;
}

/** Detail of `cw-report`: a visitor reported a post to the moderators. */
export interface ReportDetail {
  kind: 'question' | 'answer' | 'review' | 'idea' | 'comment';
  id: string;
  reason: 'spam' | 'abuse' | 'off-topic' | 'other';
  /** What the post is now: `hidden` when this report reached the threshold. */
  state: 'visible' | 'held' | 'hidden' | 'removed';
}

/** Detail of `cw-moderation-decision`: a moderator approved, removed or restored posts. */
export interface ModerationDecisionDetail {
  action: 'approve' | 'remove' | 'restore';
  targets: Array<{ kind: ReportDetail['kind']; id: string }>;
  reason: string | null;
}

/** Detail of `cw-insights-export`: the dashboard wrote one insight as CSV for download. */
export interface InsightsExportDetail {
  kind: 'ratings' | 'questions' | 'ideas' | 'experts' | 'participation';
  fileName: string;
  csv: string;
}

/**
 * Every event a widget fires, by name: the one list. The global event map below is derived
 * from it, so a new event is typed for `addEventListener` by adding one line here.
 * All bubble and cross shadow roots.
 */
export interface CwEventMap {
  'cw-rate': RateDetail;
  'cw-error': ErrorDetail;
  'cw-question-submit': QuestionSubmitDetail;
  'cw-answer-submit': AnswerSubmitDetail;
  'cw-vote': VoteDetail;
  'cw-answer-accept': AnswerAcceptDetail;
  'cw-review-submit': ReviewSubmitDetail;
  'cw-helpful': HelpfulDetail;
  'cw-idea-submit': IdeaSubmitDetail;
  'cw-idea-status': IdeaStatusDetail;
  'cw-endorse': EndorseDetail;
  'cw-report': ReportDetail;
  'cw-moderation-decision': ModerationDecisionDetail;
  'cw-insights-export': InsightsExportDetail;
}

export type CwEvent<K extends keyof CwEventMap> = CustomEvent<CwEventMap[K]>;

/** Each event of `CwEventMap` as the `CustomEvent` a listener receives. */
type CwEvents = { [K in keyof CwEventMap]: CwEvent<K> };

export function emit<K extends keyof CwEventMap>(
  target: EventTarget,
  type: K,
  detail: CwEventMap[K],
): boolean {
  return target.dispatchEvent(
    new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: false }),
  );
}

/** Tells the host page that `action` failed, as a `cw-error` event carrying the error's sentence. */
export function reportError(target: EventTarget, action: string, error: CwError): void {
  emit(target, 'cw-error', {
    action,
    kind: error.kind,
    status: error.status,
    message: error.message,
  });
}

declare global {
  // Declaration merging needs an interface; its members all come from `CwEventMap`.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends CwEvents {}
}
