import { CwReviews } from './components/reviews/reviews.js';
import { CwVote } from './components/shared/vote.js';
import { define } from './define.js';

export { CwReviews } from './components/reviews/reviews.js';
export type { HelpfulDetail, ReviewSubmitDetail } from './core/events.js';

define('cw-vote', CwVote);
define('cw-reviews', CwReviews);

declare global {
  interface HTMLElementTagNameMap {
    'cw-reviews': CwReviews;
    'cw-vote': CwVote;
  }
}
