import { Community } from '../../domain/community.js';
import type { ModerationPolicy } from '../../domain/moderation-rules.js';
import type { Store } from '../../domain/store.js';
import { sharedPlugin } from './plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The domain every route answers from. */
    community: Community;
  }
}

/** The domain over `store`, as `app.community`; the store closes when the app closes. */
export const communityPlugin = sharedPlugin<{
  store: Store;
  moderation?: Partial<ModerationPolicy> | undefined;
}>({ name: 'cw-community' }, async (app, { store, moderation }) => {
  app.decorate('community', new Community({ store, moderation }));
  app.addHook('onClose', async () => {
    await store.close();
  });
});
