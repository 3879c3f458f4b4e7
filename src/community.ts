import { CwCommunity } from './components/community/community.js';
import { define } from './define.js';

export { CwCommunity } from './components/community/community.js';
export { configure, type CommunityConfig } from './core/config.js';

define('cw-community', CwCommunity);

declare global {
  interface HTMLElementTagNameMap {
    'cw-community': CwCommunity;
  }
}
