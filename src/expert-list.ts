import { CwExpertList } from './components/expert-list/expert-list.js';
import { define } from './define.js';

export { CwExpertList } from './components/expert-list/expert-list.js';
export type { EndorseDetail, ErrorDetail } from './core/events.js';

define('cw-expert-list', CwExpertList);

declare global {
  interface HTMLElementTagNameMap {
    'cw-expert-list': CwExpertList;
  }
}
