/**
 * Plain text people posted, split into what a widget renders: paragraphs (blank lines),
 * line breaks, and http(s) links. It never yields markup: elements render the pieces as
 * text nodes and `<a>` elements (src/components/user-text.ts), so `<script>`, `on*=`
 * attributes and `javascript:` URLs in a post stay inert text. Shared by every widget that
 * shows posts.
 */
import { stripInvisible } from '../../api/shared/user-text.js';

export type TextPiece =
  { type: 'text'; text: string } | { type: 'break' } | { type: 'link'; text: string; href: string };

export type UserParagraph = TextPiece[];

/**
 * A one-line text people posted (a title, a name) without the invisible characters that
 * only disguise it, the same the server strips before storing (api/shared/user-text.ts);
 * render it as text (and with `dir="auto"`).
 */
export function cleanUserLine(text: string): string {
  return stripInvisible(text);
}

/** http(s) URLs up to whitespace or characters that cannot be in one unescaped. */
const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"'`\\]+/giu;
/** Sentence punctuation that ends a sentence rather than the URL before it. */
const TRAILING = /[.,;:!?'"’”»)\]}]+$/u;

/** Splits `text` into paragraphs of pieces; empty text gives no paragraphs. */
export function parseUserText(text: string): UserParagraph[] {
  const clean = stripInvisible(text.replace(/\r\n?/g, '\n')).trim();
  if (clean === '') return [];
  return clean.split(/\n[ \t]*\n\s*/).map((paragraph) => {
    const pieces: TextPiece[] = [];
    paragraph.split('\n').forEach((line, index) => {
      if (index > 0) pieces.push({ type: 'break' });
      pieces.push(...linkify(line));
    });
    return pieces;
  });
}

function linkify(line: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of line.matchAll(URL_CANDIDATE)) {
    let candidate = match[0];
    // Keep a closing parenthesis that closes one inside the URL (Wikipedia-style links).
    const trailing = TRAILING.exec(candidate)?.[0] ?? '';
    let kept = trailing;
    while (
      kept.startsWith(')') &&
      count(candidate, '(') > count(candidate.slice(0, -kept.length), ')')
    ) {
      kept = kept.slice(1);
    }
    candidate = candidate.slice(0, candidate.length - kept.length);
    const href = safeHref(candidate);
    if (!href) continue;
    const start = match.index;
    if (start > last) pieces.push({ type: 'text', text: line.slice(last, start) });
    pieces.push({ type: 'link', text: candidate, href });
    last = start + candidate.length;
  }
  if (last < line.length) pieces.push({ type: 'text', text: line.slice(last) });
  return pieces;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** The normalised URL when `candidate` is an http(s) URL with a host; anything else is text. */
export function safeHref(candidate: string): string | undefined {
  try {
    const url = new URL(candidate);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
      return undefined;
    }
    // Credentials in a link only serve to disguise where it goes.
    if (url.username || url.password) return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}
