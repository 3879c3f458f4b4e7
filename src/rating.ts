import { CwRating } from './components/rating/rating.js';
import { define } from './define.js';

export { CwRating } from './components/rating/rating.js';
export type { RateDetail } from './core/events.js';

define('cw-rating', CwRating);

declare global {
  interface HTMLElementTagNameMap {
    'cw-rating': CwRating;
  }
}
