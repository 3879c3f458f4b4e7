import { CwExpertBadge } from './components/expert-badge/expert-badge.js';
import { define } from './define.js';

export { CwExpertBadge } from './components/expert-badge/expert-badge.js';
export type { EndorseDetail, ErrorDetail } from './core/events.js';

define('cw-expert-badge', CwExpertBadge);

declare global {
  interface HTMLElementTagNameMap {
    'cw-expert-badge': CwExpertBadge;
  }
}
