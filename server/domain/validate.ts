import { RATING_VALUE_RANGE, SUBJECT_ID_LIMITS } from '../../api/limits.js';
import { subjectIdIssue } from '../../api/shared/subject-id.js';
import { DomainError, type Issue } from './errors.js';

export { SUBJECT_ID_PATTERN } from '../../api/limits.js';
export { subjectIdIssue };
export const SUBJECT_ID_MAX_LENGTH = SUBJECT_ID_LIMITS.max;
/** Most subjects one `GET /ratings` may ask for; clients chunk above it. */
export const MAX_SUBJECTS_PER_REQUEST = 100;
export const MIN_RATING = RATING_VALUE_RANGE.min;
export const MAX_RATING = RATING_VALUE_RANGE.max;

export function assertSubjectId(subject: unknown, pointer = '#subject'): asserts subject is string {
  const issue = subjectIdIssue(subject, pointer);
  if (issue) throw DomainError.invalid([issue]);
}

/** Validates a list of subject ids and returns it without duplicates, in first-seen order. */
export function distinctSubjectIds(subjects: readonly unknown[], pointer = '#subjects'): string[] {
  if (subjects.length === 0) {
    throw DomainError.invalid([{ pointer, detail: 'Name at least one subject.' }]);
  }
  // A loop, not flatMap: this runs on every subject of every batched ratings read.
  const issues: Issue[] = [];
  for (const subject of subjects) {
    const issue = subjectIdIssue(subject, pointer);
    if (issue) issues.push(issue);
  }
  if (issues.length > 0) throw DomainError.invalid(issues.slice(0, 10));
  const distinct = [...new Set(subjects as string[])];
  if (distinct.length > MAX_SUBJECTS_PER_REQUEST) {
    throw DomainError.invalid([
      { pointer, detail: `Ask for at most ${MAX_SUBJECTS_PER_REQUEST} subjects at once.` },
    ]);
  }
  return distinct;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a `RatingInput` body: exactly `{ value }` with an integer from 1 to 5. */
export function parseRatingInput(body: unknown): number {
  if (!isPlainObject(body)) {
    throw DomainError.invalid([{ pointer: '', detail: 'The body must be a JSON object.' }]);
  }
  const issues: Issue[] = Object.keys(body)
    .filter((key) => key !== 'value')
    .map((key) => ({ pointer: `/${key}`, detail: `Unknown field "${key}".` }));
  const { value } = body;
  if (value === undefined) {
    issues.push({ pointer: '/value', detail: 'A rating value is required.' });
  } else if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < MIN_RATING ||
    value > MAX_RATING
  ) {
    issues.push({
      pointer: '/value',
      detail: `A rating must be a whole number from ${MIN_RATING} to ${MAX_RATING}.`,
    });
  }
  if (issues.length > 0) throw DomainError.invalid(issues);
  return value as number;
}
