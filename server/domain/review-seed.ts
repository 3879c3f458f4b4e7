import type { Community } from './community.js';
import type { Identity } from './types.js';

/** Reviews of the demo's featured product, written through the domain like visitors' reviews. */
const DEMO_REVIEWS: Array<{
  who: string;
  verified: boolean;
  stars: number;
  title: string;
  body: string;
}> = [
  {
    who: 'Amira H.',
    verified: true,
    stars: 5,
    title: 'Best coffee I have made at home',
    body: 'The stainless filter lets the oils through, so the cup tastes full.\n\nRinse it right after brewing and it stays clean.',
  },
  {
    who: 'Jonas W.',
    verified: false,
    stars: 4,
    title: 'Lovely, but mind the glass',
    body: 'Makes great coffee. The carafe is thin glass; ours survived a year of daily use so far.',
  },
  {
    who: 'Li Wei',
    verified: true,
    stars: 3,
    title: 'Slow for a full pot',
    body: 'Eight cups take a while to drip through. Fine for two people, slow for a crowd.',
  },
];

/** The author of the `n`th demo review (the expert seed makes the first an expert). */
export function demoReviewAuthor(n: number): Identity {
  return { id: `seed-review-${n}`, name: DEMO_REVIEWS[n]!.who, avatar: null, roles: ['member'] };
}

/** Seeds the demo reviews of `subject` (a new database only; see server/main.ts). */
export async function seedDemoReviews(community: Community, subject: string): Promise<void> {
  for (const [n, review] of DEMO_REVIEWS.entries()) {
    const author: Identity = {
      ...demoReviewAuthor(n),
      ...(review.verified ? { verifiedSubjects: [subject] } : {}),
    };
    await community.reviews.create(
      author,
      subject,
      { stars: review.stars, title: review.title, body: review.body },
      undefined,
    );
  }
}
