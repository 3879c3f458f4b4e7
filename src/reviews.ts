import { CwReviews } from './components/reviews/reviews.js';
import { CwReviewsForm } from './components/reviews/reviews-form.js';
import { CwVote } from './components/shared/vote.js';
import { define } from './define.js';

export { CwReviews } from './components/reviews/reviews.js';
export type { HelpfulDetail, ReviewSubmitDetail } from './core/events.js';

define('cw-vote', CwVote);
define('cw-reviews-form', CwReviewsForm);
define('cw-reviews', CwReviews);

declare global {
  interface HTMLElementTagNameMap {
    'cw-reviews': CwReviews;
    'cw-reviews-form': CwReviewsForm;
    'cw-vote': CwVote;
  }
}
