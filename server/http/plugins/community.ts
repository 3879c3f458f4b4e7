import type { ServerConfig } from '../../config.js';
import { Community } from '../../domain/community.js';
import type { AccessPolicy } from '../../domain/access-rules.js';
import type { ModerationPolicy } from '../../domain/moderation-rules.js';
import type { Store } from '../../domain/store.js';
import { sharedPlugin } from './plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The domain every route answers from. */
    community: Community;
  }
}

/**
 * The domain over `store`, as `app.community`, with the site's reputation weights, its
 * moderation policy, its private spaces, and its declared boards set to the configured values (an idempotent
 * write per board at start); the store closes when the app closes.
 */
export const communityPlugin = sharedPlugin<
  { store: Store } & Pick<ServerConfig, 'boards' | 'reputation'> & {
      moderation?: Partial<ModerationPolicy> | undefined;
      access?: AccessPolicy | undefined;
    }
>({ name: 'cw-community' }, async (app, { store, boards, reputation, moderation, access }) => {
  const community = new Community({ store, reputation, moderation, ...(access ? { access } : {}) });
  for (const board of boards) await community.ideas.saveBoard(board);
  app.decorate('community', community);
  app.addHook('onClose', async () => {
    await store.close();
  });
});
