import type { Community } from './community.js';
import { demoPersonas } from './seed.js';
import type { Identity } from './types.js';

/** The demo's idea board: ten votes each, anyone signed in may post. */
export const DEMO_BOARD = { id: 'roadmap', title: 'Product roadmap', voteBudget: 10 } as const;

const DEMO_IDEAS: ReadonlyArray<{ title: string; body: string; voters: number }> = [
  {
    title: 'Dark mode for the customer portal',
    body: 'Working late, the bright portal is hard on the eyes. Follow the system setting.',
    voters: 14,
  },
  {
    title: 'Export order history as CSV',
    body: 'Our accounting team copies orders by hand every month.',
    voters: 9,
  },
  {
    title: 'Kettle with a keep-warm setting',
    body: 'Keep the water at 80 °C for green tea for half an hour.',
    voters: 6,
  },
  {
    title: 'Two-factor sign-in with an authenticator app',
    body: 'SMS codes do not arrive abroad.',
    voters: 4,
  },
  { title: 'Gift wrapping at checkout', body: '', voters: 1 },
];

/**
 * Creates the demo board with a few ideas, synthetic voters (`seed-idea-<n>`) and one
 * planned idea, through the same rules as visitors' ideas. Does nothing when the board exists.
 */
export async function seedIdeas(community: Community): Promise<void> {
  if (await community.store.ideas.board(DEMO_BOARD.id)) return;
  await community.ideas.saveBoard(DEMO_BOARD);
  const authors: Identity[] = [demoPersonas.customer, demoPersonas.employee];
  const ideas = [];
  for (const [index, seed] of DEMO_IDEAS.entries()) {
    const idea = await community.ideas.submit(authors[index % authors.length]!, DEMO_BOARD.id, {
      title: seed.title,
      body: seed.body,
    });
    ideas.push(idea);
    for (let n = 0; n < seed.voters; n += 1) {
      const voter = { id: `seed-idea-${n}`, name: 'Seed', avatar: null, roles: [] };
      await community.ideas.vote(voter, idea.id, { voted: true });
    }
  }
  await community.ideas.setStatus(demoPersonas.moderator, ideas[1]!.id, {
    status: 'planned',
    note: 'Coming in the spring release.',
  });
}
