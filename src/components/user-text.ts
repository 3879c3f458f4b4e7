import { html, nothing, type TemplateResult } from 'lit';
import { parseUserText, type TextPiece } from '../core/user-text.js';

/**
 * Renders a post's plain text: one `<p dir="auto">` per paragraph (each finds its own
 * direction, so Arabic and English posts sit side by side correctly), `<br>` per line
 * break, and http(s) links marked as user content for search engines. Text is bound as
 * text, never as HTML, so nothing in a post can become markup.
 *
 * Style the paragraphs with `.user-text p` (`userTextStyles` sets wrapping for long words).
 */
export function renderUserText(text: string): TemplateResult | typeof nothing {
  const paragraphs = parseUserText(text);
  if (paragraphs.length === 0) return nothing;
  return html`${paragraphs.map((pieces) => html`<p dir="auto">${pieces.map(renderPiece)}</p>`)}`;
}

function renderPiece(piece: TextPiece): TemplateResult | string {
  switch (piece.type) {
    case 'break':
      return html`<br />`;
    case 'link':
      return html`<a href=${piece.href} rel="nofollow ugc noopener">${piece.text}</a>`;
    default:
      return piece.text;
  }
}
