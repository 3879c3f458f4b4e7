import { Community } from '../domain/community.js';
import type { BoardInput } from '../domain/ideas.js';
import type { AccessPolicy } from '../domain/access-rules.js';
import type { ModerationPolicy } from '../domain/moderation-rules.js';
import { seedRatings } from '../domain/seed.js';
import type { Distribution } from '../domain/types.js';
import { MemoryStore } from '../store/memory.js';

export interface MockCommunityOptions {
  /** Ratings to start with, as per-star counts for each subject. */
  ratings?: Record<string, Distribution>;
  now?: () => Date;
  /** Idea boards to create (boards belong to the site, so the API cannot create them). */
  boards?: BoardInput[];
  /** Report threshold and posting rules, as the server's `moderation` configuration. */
  moderation?: Partial<ModerationPolicy>;
  /** Private spaces, as the server's `access` configuration. */
  access?: AccessPolicy;
}

/** A fresh in-memory community running the server's domain rules. */
export async function createMockCommunity(options: MockCommunityOptions = {}): Promise<Community> {
  const community = new Community({
    store: new MemoryStore(),
    ...(options.now ? { now: options.now } : {}),
    ...(options.moderation ? { moderation: options.moderation } : {}),
    ...(options.access ? { access: options.access } : {}),
  });
  if (options.ratings) await seedRatings(community, options.ratings);
  for (const board of options.boards ?? []) await community.ideas.saveBoard(board);
  return community;
}
