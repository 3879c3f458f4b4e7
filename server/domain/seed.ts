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
