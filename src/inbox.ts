import { CwInbox } from './components/inbox/inbox.js';
import { define } from './define.js';

export { CwInbox } from './components/inbox/inbox.js';
export type { ErrorDetail } from './core/events.js';

define('cw-inbox', CwInbox);

declare global {
  interface HTMLElementTagNameMap {
    'cw-inbox': CwInbox;
  }
}
