import { CwIdeaBoard } from './components/idea-board/idea-board.js';
import { define } from './define.js';

export { CwIdeaBoard } from './components/idea-board/idea-board.js';
export type { IdeaStatusDetail, IdeaSubmitDetail, VoteDetail } from './core/events.js';

define('cw-idea-board', CwIdeaBoard);

declare global {
  interface HTMLElementTagNameMap {
    'cw-idea-board': CwIdeaBoard;
  }
}
