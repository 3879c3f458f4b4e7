import { Community } from '../../server/domain/community.js';
import { seedRatings } from '../../server/domain/seed.js';
import type { Distribution } from '../../server/domain/types.js';
import { MemoryStore } from '../../server/store/memory.js';

export interface MockCommunityOptions {
  /** Ratings to start with, as per-star counts for each subject. */
  ratings?: Record<string, Distribution>;
  now?: () => Date;
}

/** A fresh in-memory community running the server's domain rules. */
export async function createMockCommunity(options: MockCommunityOptions = {}): Promise<Community> {
  const community = new Community({
    store: new MemoryStore(),
    ...(options.now ? { now: options.now } : {}),
  });
  if (options.ratings) await seedRatings(community, options.ratings);
  return community;
}
