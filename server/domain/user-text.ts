import { lengthProblem, type TextLimits } from '../../api/shared/user-text.js';
import type { Issue } from './errors.js';

/**
 * The domain's sentences for text that breaks its limits. Normalisation and counting are
 * shared with the browser (api/shared/user-text.ts); the limits come from the contract
 * (api/limits.ts).
 */
/**
 * Why `text` (already normalised) breaks `limits`, as a sentence naming `what`
 * ("The title"), or undefined when it fits.
 */
export function textLimitIssue(
  text: string,
  limits: TextLimits,
  pointer: string,
  what: string,
): Issue | undefined {
  const problem = lengthProblem(text, limits);
  if (problem?.kind === 'short') {
    return {
      pointer,
      detail:
        limits.min === 1
          ? `${what} must not be empty.`
          : `${what} needs at least ${limits.min} characters.`,
    };
  }
  if (problem?.kind === 'long') {
    return {
      pointer,
      detail: `${what} may have at most ${limits.max} characters; this one has ${problem.length}.`,
    };
  }
  return undefined;
}
