import { SUBJECT_ID_LIMITS, SUBJECT_ID_PATTERN } from '../limits.js';
import type { Issue } from './issue.js';

/**
 * Why `subject` is not a subject id the contract accepts, as an issue at `pointer`, or
 * undefined when it is one. The browser checks ids before batching them, so one malformed
 * id never fails the request of every other widget on the page.
 */
export function subjectIdIssue(subject: unknown, pointer: string): Issue | undefined {
  if (typeof subject !== 'string' || subject.length < SUBJECT_ID_LIMITS.min) {
    return { pointer, detail: 'A subject id is required.' };
  }
  if (subject.length > SUBJECT_ID_LIMITS.max) {
    return {
      pointer,
      detail: `A subject id may have at most ${SUBJECT_ID_LIMITS.max} characters.`,
    };
  }
  if (!SUBJECT_ID_PATTERN.test(subject)) {
    return {
      pointer,
      detail:
        'A subject id may only contain letters, digits and . _ : - and must start with a letter or digit.',
    };
  }
  return undefined;
}
