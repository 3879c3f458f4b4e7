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
  return stripInvisible(text.normalize('NFC').replace(/\r\n?/g, '\n'))
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Length in characters as people and JSON Schema count them (code points, not UTF-16 units). */
export function textLength(text: string): number {
  return Array.from(text).length;
}
