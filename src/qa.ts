import { CwQa } from './components/qa/qa.js';
import { define } from './define.js';

export { CwQa } from './components/qa/qa.js';
export type {
  AnswerAcceptDetail,
  AnswerSubmitDetail,
  QuestionSubmitDetail,
  VoteDetail,
} from './core/events.js';

define('cw-qa', CwQa);

declare global {
  interface HTMLElementTagNameMap {
    'cw-qa': CwQa;
  }
}
