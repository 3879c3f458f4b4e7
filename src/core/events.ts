import type { CwErrorKind } from './errors.js';

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

/** Detail of `cw-idea-submit`: a visitor's idea was posted to a board. */
export interface IdeaSubmitDetail {
  board: string;
  ideaId: string;
  title: string;
}

/**
 * Detail of `cw-vote`: a visitor cast, changed or withdrew a vote (fired when they act,
 * before the server confirms). For ideas `value` is 1 (voted) or 0 (vote withdrawn).
 */
export interface VoteDetail {
  /** What was voted on: `idea` (Q&A adds `question` and `answer`). */
  kind: string;
  id: string;
  value: number;
  previous: number;
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

/** Every event a widget fires, by name. All bubble and cross shadow roots. */
export interface CwEventMap {
  'cw-rate': RateDetail;
  'cw-error': ErrorDetail;
  'cw-idea-submit': IdeaSubmitDetail;
  'cw-vote': VoteDetail;
  'cw-idea-status': IdeaStatusDetail;
}

export type CwEvent<K extends keyof CwEventMap> = CustomEvent<CwEventMap[K]>;

export function emit<K extends keyof CwEventMap>(
  target: EventTarget,
  type: K,
  detail: CwEventMap[K],
): boolean {
  return target.dispatchEvent(
    new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: false }),
  );
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cw-rate': CwEvent<'cw-rate'>;
    'cw-error': CwEvent<'cw-error'>;
    'cw-idea-submit': CwEvent<'cw-idea-submit'>;
    'cw-vote': CwEvent<'cw-vote'>;
    'cw-idea-status': CwEvent<'cw-idea-status'>;
  }
}
