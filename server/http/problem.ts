import { DomainError, type DomainErrorKind } from '../domain/errors.js';
import { ProtocolError } from './body.js';
import type { Problem } from '../domain/types.js';

/**
 * RFC 9457 problem documents. Pure (no fastify, no Node APIs) because the msw mock answers
 * with the very same documents as the server.
 */
export const PROBLEM_BASE = 'https://community-widgets.dev/problems/' as const;
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export type ProblemKind =
  | DomainErrorKind
  | 'malformed'
  | 'too-large'
  | 'unsupported-media-type'
  | 'uri-too-long'
  | 'range-not-satisfiable'
  | 'rate-limited'
  | 'unavailable'
  | 'internal';

const problemKinds: Record<ProblemKind, { status: number; title: string }> = {
  malformed: { status: 400, title: 'Malformed request' },
  unauthenticated: { status: 401, title: 'Sign-in required' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  'too-large': { status: 413, title: 'Request too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'uri-too-long': { status: 414, title: 'URI too long' },
  'range-not-satisfiable': { status: 416, title: 'Range not satisfiable' },
  invalid: { status: 422, title: 'Invalid input' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service unavailable' },
};

export function problem(
  kind: ProblemKind,
  detail: string,
  extra: Partial<Pick<Problem, 'errors' | 'instance' | 'retryAfter'>> = {},
): Problem {
  const { status, title } = problemKinds[kind];
  // A template type, so a kind missing from the contract's `Problem.type` enum fails to compile.
  return { type: `${PROBLEM_BASE}${kind}` as const, title, status, detail, ...extra };
}

/** The problem to answer for anything a handler threw; unknown errors never leak details. */
export function problemFromError(error: unknown, instance?: string): Problem {
  const extra = instance ? { instance } : {};
  if (error instanceof DomainError) {
    return problem(error.kind, error.message, {
      ...extra,
      ...(error.issues.length > 0 ? { errors: error.issues } : {}),
    });
  }
  if (error instanceof ProtocolError) return problem(error.kind, error.message, extra);
  return problem('internal', 'Something went wrong on our side. Please try again.', extra);
}
