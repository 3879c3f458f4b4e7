import type { Bounds } from '../limits.js';

/**
 * Plain text people post (titles, questions, answers, reviews, ideas, comments), normalised
 * one way for the server (which stores it), the mock, and the browser (which checks a form
 * before sending and cleans stored text before showing it).
 *
 * Text is stored as plain text, never HTML: rendering escapes it. What is stored is
 * normalised so equal-looking posts are equal and invisible junk is gone: a title made only
 * of invisible characters counts as empty, so it is refused rather than shown blank.
 */

/** Inclusive length limits in characters (Unicode code points, as JSON Schema counts). */
export type TextLimits = Bounds;

/**
 * Characters that only hide or disguise text: controls other than tab and newline, bidi
 * embeddings and overrides (U+202A–U+202E), zero-width spaces, word joiners and BOMs.
 * Zero-width joiners (emoji, Indic scripts) and non-joiners (Persian) stay, and so do bidi
 * isolates: they are how mixed-direction text is written correctly.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B\u2060\u202A-\u202E\uFEFF]/g;

/** `text` without the characters that only hide or disguise it (see `INVISIBLE`). */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * The stored form of posted text: Unicode NFC, `\n` line ends, no invisible characters, no
 * trailing spaces on lines, at most one blank line in a row, trimmed.
 */
export function normalizeUserText(text: string): string {
  const normal = stripInvisible(text.normalize('NFC').replace(/\r\n?/g, '\n'))
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  // Joiners and marks with nothing to join or sit on look like nothing: store nothing.
  return visibleLength(normal) === 0 ? '' : normal;
}

/** Length in characters as people and JSON Schema count them (code points, not UTF-16 units). */
export function textLength(text: string): number {
  return Array.from(text).length;
}

/** Characters that are never drawn: format characters (joiners, bidi marks), fillers, blanks. */
const NEVER_DRAWN = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/u;
const MARK = /\p{M}/u;
const SPACE = /\s/u;

/**
 * Length as people see it, which minimum lengths count: code points (as `textLength`),
 * without the characters that are never drawn (zero-width joiners, word joiners, BOMs, bidi
 * marks, Hangul fillers) and without combining marks that have no character to sit on (at
 * the start, or after a space); 0 when nothing but spaces is left. Marks on a letter still count, so Indic and other scripts
 * written with combining vowel signs count as before: `a` + 12 × U+200D is 1, 12 × U+0301 is
 * 0, "नमस्ते" is 6.
 */
export function visibleLength(text: string): number {
  let count = 0;
  let base = false;
  let drawn = false;
  for (const char of text) {
    if (NEVER_DRAWN.test(char)) continue;
    if (MARK.test(char)) {
      if (base) count += 1;
      continue;
    }
    base = !SPACE.test(char);
    drawn ||= base;
    count += 1;
  }
  // Spaces between nothing are nothing.
  return drawn ? count : 0;
}

/**
 * Whether `text` (normalised) fits `limits`: `short` under the minimum as people see it
 * (`visibleLength`), `long` over the maximum as JSON Schema counts (`textLength`). The
 * server and every widget's form decide with this one function.
 */
export function lengthProblem(
  text: string,
  limits: TextLimits,
): { kind: 'short'; visible: number } | { kind: 'long'; length: number } | undefined {
  const visible = visibleLength(text);
  if (visible < limits.min) return { kind: 'short', visible };
  const length = textLength(text);
  if (length > limits.max) return { kind: 'long', length };
  return undefined;
}
