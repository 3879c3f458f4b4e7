import { html, type TemplateResult } from 'lit';
import type { Answer, Question } from '../../core/types.js';
import { qaMessages as t } from '../../i18n/qa-messages.js';
import type { QaContext } from './qa-context.js';

/**
 * A question's or an answer's `<cw-vote>`: up/down for signed-in visitors other than the
 * author, the score alone otherwise. Its `cw-vote` event bubbles to `<cw-qa>`, which writes it.
 */
export function renderVote(
  ctx: QaContext,
  target: 'question' | 'answer',
  post: Question | Answer,
  label: string,
): TemplateResult {
  const viewer = ctx.viewer;
  return html`<cw-vote
    part="votes"
    class="votes"
    exportparts="vote-up,vote-down,score"
    .for=${{ target, subject: ctx.subject, id: post.id }}
    .value=${post.viewerVote}
    .count=${post.score}
    ?readonly=${!viewer || viewer.id === post.author.id}
    label=${label}
    up-label=${t.upvote()}
    down-label=${t.downvote()}
    count-text=${t.voteCount(ctx.locale, post.score)}
  ></cw-vote>`;
}
