import type { Community } from './community.js';
import { seedExperts } from './expert-seed.js';
import { seedDemoReviews } from './review-seed.js';
import { demoDistributions, seedQuestions, seedRatings } from './seed.js';

/** Products the demo starts with when seeding a new database. */
export const DEMO_PRODUCTS = 60;

/**
 * The demo page's content (ratings of every product, the featured product's questions and
 * reviews, people who reached the expert level), written through the domain's rules. One function, so the reference server and
 * the browser test that measures the demo page start from the same data.
 */
export async function seedDemo(community: Community): Promise<void> {
  await seedRatings(community, demoDistributions(DEMO_PRODUCTS));
  await seedQuestions(community, 'sku-001');
  await seedDemoReviews(community, 'sku-001');
  await seedExperts(community);
}
