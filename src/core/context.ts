import { createContext } from '@lit/context';
import type { CommunityConfig } from './config.js';

/** What `<cw-community>` provides to the widgets inside it. */
export const communityContext = createContext<CommunityConfig | undefined>(
  Symbol.for('community-widgets/community'),
);
