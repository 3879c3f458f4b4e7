import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { delay, http } from 'msw';
import { userEvent } from 'storybook/test';
import '../src/index.js';
import type { Community } from '../server/domain/community.js';
import { DEMO_BOARD, demoPersonas, problemResponse, seedIdeas } from '../server/msw/index.js';
import { deepQuery } from './support/dom.js';
import { mockApi } from './support/mock-api.js';
import { asPersona, find, themeArgTypes, type Persona } from './support/story.js';

interface IdeaBoardArgs {
  board: string;
  theme: 'light' | 'dark' | undefined;
}

/** `<cw-idea-board>` inside a `<cw-community>` signed in as `persona` (anonymous: none). */
function board(
  args: IdeaBoardArgs,
  context: StoryContext<IdeaBoardArgs>,
  persona: Persona | null,
  content: unknown = nothing,
): TemplateResult {
  return asPersona(
    context,
    persona,
    html`<cw-idea-board board=${args.board} theme=${ifDefined(args.theme)}
      >${content}</cw-idea-board
    >`,
  );
}

const as =
  (persona: Persona | null) => (args: IdeaBoardArgs, context: StoryContext<IdeaBoardArgs>) =>
    board(args, context, persona);

/** The demo board plus what a story needs on top of it. */
const withBoard =
  (more?: (community: Community, ids: string[]) => Promise<unknown>) =>
  async (community: Community): Promise<void> => {
    await seedIdeas(community);
    const page = await community.ideas.list(null, DEMO_BOARD.id, { sort: 'new', limit: '50' });
    await more?.(community, page.items.map((idea) => idea.id).reverse());
  };

/** Clicks the title of the idea whose title contains `text`. */
async function openIdea(root: HTMLElement, text: string): Promise<void> {
  await find(root, '[part~="idea-title"]');
  const board = deepQuery(root, 'cw-idea-board')!;
  const button = [...board.shadowRoot!.querySelectorAll<HTMLElement>('[part~="idea-title"]')].find(
    (b) => b.textContent!.includes(text),
  );
  await userEvent.click(button!);
  await find(root, '#detail-heading');
}

const meta = {
  title: 'Widgets/Idea board',
  component: 'cw-idea-board',
  args: { board: DEMO_BOARD.id, theme: undefined },
  argTypes: themeArgTypes,
  loaders: [mockApi({ seed: withBoard() })],
  render: as('customer'),
  parameters: {
    docs: {
      description: {
        component:
          'An idea board: visitors propose ideas, vote within a budget, comment and hear what became of the ideas they voted for; moderators set statuses and merge duplicates. Every story talks to its own in-memory backend (msw) running the server’s rules.',
      },
    },
  },
} satisfies Meta<IdeaBoardArgs>;

export default meta;
type Story = StoryObj<IdeaBoardArgs>;

/** A signed-in customer: vote buttons, votes left, "Share an idea". */
export const SignedIn: Story = {};

/** The space is reserved while the board loads (this backend never answers). */
export const Loading: Story = {
  loaders: [
    mockApi({
      seed: withBoard(),
      overrides: (api) => [
        http.get(`${api}/boards/:board`, async () => {
          await delay('infinite');
        }),
      ],
    }),
  ],
};

/** A board nobody has posted to yet. */
export const Empty: Story = {
  loaders: [
    mockApi({
      seed: (community) => community.ideas.saveBoard({ id: 'roadmap', title: 'Roadmap' }),
    }),
  ],
};

/** Anonymous visitors read; the `sign-in` slot replaces the vote buttons and the form. */
export const Anonymous: Story = {
  render: (args, context) =>
    board(args, context, null, html`<a slot="sign-in" href="#sign-in">Sign in to vote</a>`),
};

/** All ten votes spent: the board says so, and vote buttons explain instead of voting. */
export const BudgetExhausted: Story = {
  loaders: [
    mockApi({
      seed: withBoard(async (community) => {
        await community.ideas.saveBoard({ ...DEMO_BOARD, voteBudget: 2 });
        const { items } = await community.ideas.list(null, DEMO_BOARD.id);
        for (const idea of items.slice(0, 2)) {
          await community.ideas.vote(demoPersonas.customer, idea.id, { voted: true });
        }
      }),
    }),
  ],
};

/** The vote shows at once; the backend refuses it after a moment, so it rolls back with a message. */
export const VoteRolledBack: Story = {
  loaders: [
    mockApi({
      seed: withBoard(),
      overrides: (api) => [
        http.put(`${api}/ideas/:id/vote`, async () => {
          await delay(1200);
          return problemResponse('internal', 'Voting is down for maintenance.');
        }),
      ],
    }),
  ],
  play: async ({ canvasElement }) => {
    const vote = await find(canvasElement, '[part~="vote"][aria-pressed="false"]');
    await userEvent.click(vote);
    await find(canvasElement, '[part~="error"]');
  },
};

/** Typing a title shows similar ideas, so visitors vote instead of posting a duplicate. */
export const SubmitWithSimilarIdeas: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(await find(canvasElement, '[part~="share"]'));
    await userEvent.type(await find(canvasElement, '#idea-title'), 'Dark theme please');
    await find(canvasElement, '[part~="similar"] li');
  },
};

/** Posting fails: the text stays (also across a reload) and the button offers a retry. */
export const FailedSubmitKeepsDraft: Story = {
  loaders: [
    mockApi({
      seed: withBoard(),
      overrides: (api) => [
        http.post(`${api}/boards/:board/ideas`, () =>
          problemResponse('unavailable', 'The idea service is restarting.'),
        ),
      ],
    }),
  ],
  play: async ({ canvasElement }) => {
    await userEvent.click(await find(canvasElement, '[part~="share"]'));
    await userEvent.type(await find(canvasElement, '#idea-title'), 'Offline mode for field work');
    await userEvent.click(await find(canvasElement, '[part~="submit"]'));
    await find(canvasElement, '[part~="form"] [part~="error"]');
  },
};

/** An open idea with its description, the team's note and comments. */
export const IdeaWithComments: Story = {
  loaders: [
    mockApi({
      seed: withBoard(async (community, ids) => {
        await community.ideas.comment(demoPersonas.employee, ids[1], {
          body: 'Finance would love this: https://example.com/finance',
        });
        await community.ideas.comment(demoPersonas.moderator, ids[1], {
          body: 'Design is done; building it next.',
        });
      }),
    }),
  ],
  play: ({ canvasElement }) => openIdea(canvasElement, 'CSV'),
};

/** Moderators see status and merge controls on an open idea. */
export const ModeratorView: Story = {
  render: as('moderator'),
  play: ({ canvasElement }) => openIdea(canvasElement, 'Dark mode'),
};

/** A duplicate merged into another idea points at it; its voters moved over. */
export const MergedIdea: Story = {
  loaders: [
    mockApi({
      seed: withBoard(async (community, ids) => {
        const night = await community.ideas.submit(demoPersonas.customer, DEMO_BOARD.id, {
          title: 'Night theme for the portal',
        });
        await community.ideas.merge(demoPersonas.moderator, night.id, {
          into: ids[0],
          note: 'Same as dark mode; votes moved there.',
        });
      }),
    }),
  ],
  play: async ({ canvasElement }) => {
    const filter = (await find(canvasElement, '[part~="filter"]')) as HTMLSelectElement;
    await userEvent.selectOptions(filter, 'duplicate');
    await openIdea(canvasElement, 'Night theme');
  },
};

/** "Your ideas moved": status changes on ideas the customer voted for since they last looked. */
export const Updates: Story = {
  loaders: [
    mockApi({
      seed: withBoard(async (community, ids) => {
        await community.ideas.vote(demoPersonas.customer, ids[2], { voted: true });
        await community.ideas.vote(demoPersonas.customer, ids[3], { voted: true });
        await community.ideas.setStatus(demoPersonas.moderator, ids[2], {
          status: 'started',
          note: 'Prototype in testing.',
        });
        await community.ideas.setStatus(demoPersonas.moderator, ids[3], { status: 'completed' });
      }),
    }),
  ],
  play: async ({ canvasElement }) => {
    await userEvent.click(await find(canvasElement, '[part~="updates-button"]'));
    await find(canvasElement, '[part~="updates"]');
  },
};

/** A dark page: the widget follows the page's `color-scheme` (or `theme="dark"` forces it). */
export const Dark: Story = {
  globals: { theme: 'dark' },
};

/** Right to left (Arabic page): layout mirrors, each idea finds its own direction. */
export const RightToLeft: Story = {
  name: 'RTL',
  globals: { locale: 'ar' },
  loaders: [
    mockApi({
      seed: withBoard(async (community) => {
        await community.ideas.submit(demoPersonas.customer, DEMO_BOARD.id, {
          title: 'وضع داكن لبوابة العملاء',
          body: 'أسهل على العينين في الليل.',
        });
      }),
    }),
  ],
};
