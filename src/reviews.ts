import { CwReviews } from './components/reviews/reviews.js';
import { define } from './define.js';

export { CwReviews } from './components/reviews/reviews.js';
export type { HelpfulDetail, ReviewSubmitDetail } from './core/events.js';

define('cw-reviews', CwReviews);

declare global {
  interface HTMLElementTagNameMap {
    'cw-reviews': CwReviews;
  }
}
