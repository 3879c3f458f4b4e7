import type { Issue } from './errors.js';

/**
 * Rules for plain text people post (titles, questions, answers, reviews, ideas, comments),
 * shared by the domain (which stores it) and the browser (which checks a form before
 * sending and renders stored text; see src/core/user-text.ts).
 *
 * Text is stored as plain text, never HTML: rendering escapes it. What the server does
 * store is normalised so equal-looking posts are equal and invisible junk is gone.
 */

/** Inclusive length limits in characters (Unicode code points, as JSON Schema counts). */
export interface TextLimits {
  min: number;
  max: number;
}

/** Controls other than tab and newline, and the bidi embeddings/overrides that can disguise
 * text (isolates stay: they are how mixed-direction text is written correctly). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNWANTED = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\uFEFF]/g;

/**
 * The stored form of posted text: Unicode NFC, `\n` line ends, no control characters or
 * bidi overrides, no trailing spaces on lines, at most one blank line in a row, trimmed.
 */
export function normalizeUserText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(UNWANTED, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Length in characters as people and JSON Schema count them (code points, not UTF-16 units). */
export function textLength(text: string): number {
  return Array.from(text).length;
}

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
  const length = textLength(text);
  if (length < limits.min) {
    return {
      pointer,
      detail:
        limits.min === 1
          ? `${what} must not be empty.`
          : `${what} needs at least ${limits.min} characters.`,
    };
  }
  if (length > limits.max) {
    return {
      pointer,
      detail: `${what} may have at most ${limits.max} characters; this one has ${length}.`,
    };
  }
  return undefined;
}
