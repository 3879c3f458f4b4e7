import type { Community } from './community.js';
import type { Distribution, Identity } from './types.js';

/**
 * Writes real ratings from synthetic people (`seed-<subject>-<n>`) so seeded data passes
 * through the same rules and tables as visitors' ratings.
 */
export async function seedRatings(
  community: Community,
  distributions: Record<string, Distribution>,
): Promise<void> {
  for (const [subject, distribution] of Object.entries(distributions)) {
    let person = 0;
    for (const [index, times] of distribution.entries()) {
      for (let i = 0; i < times; i += 1) {
        const identity = {
          id: `seed-${subject}-${person++}`,
          name: 'Seed',
          avatar: null,
          roles: [],
        };
        await community.ratings.rate(identity, subject, { value: index + 1 });
      }
    }
  }
}

/**
 * A few questions and answers about `subject` from the demo personas, written through the
 * same rules as visitors' posts, so the demo's Q&A is not empty.
 */
export async function seedQuestions(community: Community, subject: string): Promise<void> {
  const { customer, employee, moderator } = demoPersonas;
  const qa = community.questions;
  const cleaning = await qa.ask(customer, subject, {
    title: 'How do I clean the stainless filter?',
    body: 'Coffee oils build up after a few weeks.',
    topics: ['cleaning'],
  });
  const soak = await qa.answer(employee, cleaning.id, {
    body: 'Soak it overnight in warm water with a spoon of baking soda, then rinse.\n\nThe care guide: https://example.com/care',
  });
  await qa.answer(moderator, cleaning.id, { body: 'The dishwasher works too, top rack.' });
  await qa.accept(customer, cleaning.id, { answerId: soak.id });
  await qa.voteQuestion(employee, cleaning.id, { value: 1 });
  await qa.voteAnswer(customer, soak.id, { value: 1 });
  await qa.ask(employee, subject, {
    title: 'Does the carafe fit under a standard grinder?',
  });
}

/** A believable spread of ratings for `count` demo products, the same on every run. */
export function demoDistributions(count: number): Record<string, Distribution> {
  let state = 42;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const result: Record<string, Distribution> = {};
  for (let n = 1; n <= count; n += 1) {
    const quality = random();
    const volume = Math.floor(random() * 60);
    const distribution: Distribution = [0, 0, 0, 0, 0];
    for (let i = 0; i < volume; i += 1) {
      const star = Math.min(4, Math.max(0, Math.round(quality * 4 + (random() - 0.5) * 2.5)));
      distribution[star]! += 1;
    }
    result[`sku-${String(n).padStart(3, '0')}`] = distribution;
  }
  return result;
}

/** The people the demo lets a visitor act as (dev mode only; see the README). */
export const demoPersonas = {
  customer: { id: 'u-customer', name: 'Casey Customer', avatar: null, roles: ['member'] },
  employee: {
    id: 'u-employee',
    name: 'Emery Employee',
    avatar: null,
    roles: ['member', 'employee'],
  },
  moderator: {
    id: 'u-moderator',
    name: 'Morgan Moderator',
    avatar: null,
    roles: ['member', 'moderator'],
  },
} satisfies Record<string, Identity>;

export type PersonaName = keyof typeof demoPersonas;
