import { HttpResponse } from 'msw';
import { PROBLEM_CONTENT_TYPE, problem, type ProblemKind } from '../http/problem.js';
import type { Problem } from '../domain/types.js';

/** A problem+json response, for the mock itself and for failure overrides in tests and stories. */
export function problemResponse(
  kind: ProblemKind | Problem,
  detail = '',
  headers: Record<string, string> = {},
): HttpResponse<Problem> {
  const body = typeof kind === 'string' ? problem(kind, detail) : kind;
  return HttpResponse.json(body, {
    status: body.status,
    headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, ...headers },
  });
}
