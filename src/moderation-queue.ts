import { CwModerationQueue } from './components/moderation-queue/moderation-queue.js';
import { define } from './define.js';

export { CwModerationQueue } from './components/moderation-queue/moderation-queue.js';
export type { ErrorDetail, ModerationDecisionDetail } from './core/events.js';

define('cw-moderation-queue', CwModerationQueue);

declare global {
  interface HTMLElementTagNameMap {
    'cw-moderation-queue': CwModerationQueue;
  }
}
