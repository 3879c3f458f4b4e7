import { errorMessages } from '../i18n/messages.js';
import type { Problem } from './types.js';

export type CwErrorKind =
  | 'network'
  | 'aborted'
  | 'malformed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'invalid'
  | 'rate-limited'
  | 'server'
  /** The service did not answer within the request's timeout. */
  | 'timeout'
  /** The service answered 2xx with something that is not JSON. */
  | 'bad-answer'
  /** 503: the service (or the identity provider it checks tokens with) is down for now. */
  | 'unavailable';

/**
 * Every failure the core reports. `message` is a sentence a visitor can read; `problem`
 * keeps the backend's RFC 9457 document for logs and for per-field details.
 */
export class CwError extends Error {
  override readonly name = 'CwError';

  constructor(
    readonly kind: CwErrorKind,
    options: { status?: number; retryAfter?: number; problem?: Problem; cause?: unknown } = {},
  ) {
    super(humanMessage(kind, options.retryAfter), { cause: options.cause });
    this.status = options.status;
    this.retryAfter = options.retryAfter;
    this.problem = options.problem;
  }

  /** The HTTP status, when the error came from a response. */
  readonly status: number | undefined;
  /** Seconds to wait before retrying, from `Retry-After`. */
  readonly retryAfter: number | undefined;
  readonly problem: Problem | undefined;

  /** JSON pointers of the inputs a 422 named, e.g. `/value` or `#subject`. */
  get pointers(): string[] {
    return this.problem?.errors?.map((issue) => issue.pointer) ?? [];
  }

  static fromStatus(status: number, problem?: Problem, retryAfter?: number): CwError {
    return new CwError(kindOfStatus(status), { status, problem, retryAfter });
  }
}

function kindOfStatus(status: number): CwErrorKind {
  switch (status) {
    case 400:
      return 'malformed';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 413:
    case 414:
      return 'too-large';
    case 422:
      return 'invalid';
    case 429:
      return 'rate-limited';
    case 503:
      return 'unavailable';
    default:
      return status >= 500 ? 'server' : 'invalid';
  }
}

function humanMessage(kind: CwErrorKind, retryAfter = 0): string {
  switch (kind) {
    case 'network':
      return errorMessages.network();
    case 'aborted':
      return errorMessages.aborted();
    case 'unauthenticated':
      return errorMessages.unauthenticated();
    case 'forbidden':
      return errorMessages.forbidden();
    case 'not-found':
      return errorMessages.notFound();
    case 'conflict':
      return errorMessages.conflict();
    case 'too-large':
      return errorMessages.tooLarge();
    case 'rate-limited':
      return errorMessages.rateLimited(Math.max(1, Math.ceil(retryAfter)));
    case 'server':
      return errorMessages.server();
    case 'timeout':
      return errorMessages.timeout();
    case 'bad-answer':
      return errorMessages.badAnswer();
    case 'unavailable':
      return errorMessages.unavailable();
    default:
      return errorMessages.invalid();
  }
}

/** Wraps anything thrown into a CwError, so callers handle one type. */
export function toCwError(error: unknown): CwError {
  if (error instanceof CwError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') {
    return new CwError('aborted', { cause: error });
  }
  return new CwError('network', { cause: error });
}
