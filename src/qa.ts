import { CwQa } from './components/qa/qa.js';
import { CwQaAskForm } from './components/qa/qa-ask-form.js';
import { CwQaInvite } from './components/qa/qa-invite.js';
import { CwQaThread } from './components/qa/qa-thread.js';
import { CwVote } from './components/shared/vote.js';
import { define } from './define.js';

export { CwQa } from './components/qa/qa.js';
export type {
  AnswerAcceptDetail,
  AnswerSubmitDetail,
  QuestionSubmitDetail,
  VoteDetail,
} from './core/events.js';

define('cw-vote', CwVote);
define('cw-qa-ask-form', CwQaAskForm);
define('cw-qa-invite', CwQaInvite);
define('cw-qa-thread', CwQaThread);
define('cw-qa', CwQa);

declare global {
  interface HTMLElementTagNameMap {
    'cw-qa': CwQa;
    'cw-qa-ask-form': CwQaAskForm;
    'cw-qa-invite': CwQaInvite;
    'cw-qa-thread': CwQaThread;
    'cw-vote': CwVote;
  }
}
