import { CwIdeaBoard } from './components/idea-board/idea-board.js';
import { CwIdeaDetail } from './components/idea-board/idea-detail.js';
import { CwIdeaForm } from './components/idea-board/idea-form.js';
import { CwIdeaModeration } from './components/idea-board/idea-moderation.js';
import { CwVote } from './components/shared/vote.js';
import { define } from './define.js';

export { CwIdeaBoard } from './components/idea-board/idea-board.js';
export type { IdeaStatusDetail, IdeaSubmitDetail, VoteDetail } from './core/events.js';

define('cw-vote', CwVote);
define('cw-idea-form', CwIdeaForm);
define('cw-idea-moderation', CwIdeaModeration);
define('cw-idea-detail', CwIdeaDetail);
define('cw-idea-board', CwIdeaBoard);

declare global {
  interface HTMLElementTagNameMap {
    'cw-idea-board': CwIdeaBoard;
    'cw-idea-detail': CwIdeaDetail;
    'cw-idea-form': CwIdeaForm;
    'cw-idea-moderation': CwIdeaModeration;
    'cw-vote': CwVote;
  }
}
