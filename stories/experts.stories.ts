import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { delay, http } from 'msw';
import { userEvent } from 'storybook/test';
import '../src/index.js';
import type { Community } from '../server/domain/community.js';
import type { CwExpertBadge } from '../src/components/expert-badge/expert-badge.js';
import { demoPersonas } from '../server/msw/index.js';
import { deepQuery } from './support/dom.js';
import { mockApi } from './support/mock-api.js';
import { asPersona, find, themeArgTypes, type Persona } from './support/story.js';

interface ExpertArgs {
  user: string;
  topic: string;
  theme: 'light' | 'dark' | undefined;
}

const { customer, employee, moderator } = demoPersonas;

/**
 * Gives Casey (the customer) accepted, upvoted answers on kettles and descaling (contributor,
 * 75 points) and the moderator one upvoted answer, so cards and lists have something to show.
 */
async function seedExperts(community: Community): Promise<void> {
  const topics = [['kettles'], ['kettles', 'descaling'], ['descaling']];
  for (const [i, questionTopics] of topics.entries()) {
    const question = await community.questions.ask(employee, 'sku-kettle', {
      title: `Kettle question number ${i + 1}?`,
      topics: questionTopics,
    });
    const answer = await community.questions.answer(customer, question.id, {
      body: 'Descale monthly with citric acid.',
    });
    await community.questions.voteAnswer(moderator, answer.id, { value: 1 });
    await community.questions.accept(employee, question.id, { answerId: answer.id });
    if (i === 0) {
      const other = await community.questions.answer(moderator, question.id, { body: 'Vinegar.' });
      await community.questions.voteAnswer(customer, other.id, { value: 1 });
    }
  }
  await community.experts.endorse(moderator, customer.id, 'kettles', true);
}

/** A sentence with a badge inside a `<cw-community>` signed in as `persona` (anonymous: none). */
function sentence(
  args: ExpertArgs,
  context: StoryContext<ExpertArgs>,
  persona: Persona | null,
  style = '',
): TemplateResult {
  return asPersona(
    context,
    persona,
    html`<p style=${style}>
      Answered by
      <cw-expert-badge user=${args.user} theme=${ifDefined(args.theme)}
        ><a slot="sign-in" href="#sign-in">Sign in to endorse</a></cw-expert-badge
      >
      two days ago.
    </p>`,
  );
}

const as =
  (persona: Persona | null, style = '') =>
  (args: ExpertArgs, context: StoryContext<ExpertArgs>) =>
    sentence(args, context, persona, style);

function list(
  args: ExpertArgs,
  context: StoryContext<ExpertArgs>,
  persona: Persona | null,
): TemplateResult {
  return asPersona(
    context,
    persona,
    html`<cw-expert-list topic=${args.topic} page-size="1" theme=${ifDefined(args.theme)}
      ><a slot="sign-in" href="#sign-in">Sign in to endorse</a></cw-expert-list
    >`,
  );
}

/** Waits for the badge's profile, then opens its card. */
async function openCard(root: HTMLElement): Promise<CwExpertBadge> {
  await find(root, '[part~="level"]');
  const badge = deepQuery(root, 'cw-expert-badge') as CwExpertBadge;
  badge.show();
  await find(root, '[part~="topic"]');
  return badge;
}

const meta = {
  title: 'Widgets/Experts',
  component: 'cw-expert-badge',
  args: { user: customer.id, topic: 'kettles', theme: undefined },
  argTypes: themeArgTypes,
  loaders: [mockApi({ seed: seedExperts })],
  render: as('employee'),
  parameters: {
    docs: {
      description: {
        component:
          '`<cw-expert-badge>` puts a person’s name and level inside a sentence; hovering or focusing it opens a card with their reputation, best topics, badges and endorse buttons. `<cw-expert-list>` ranks who to turn to for a topic. Every badge on a page shares one `GET /users`. Each story talks to its own in-memory backend (msw) running the server’s rules.',
      },
    },
  },
} satisfies Meta<ExpertArgs>;

export default meta;
type Story = StoryObj<ExpertArgs>;

/** The badge in a line of text: name and level mark, signed in as an employee. */
export const InText: Story = {};

/** The card open (hover, focus or click opens it; Escape closes it). */
export const CardOpen: Story = {
  play: async ({ canvasElement }) => {
    await openCard(canvasElement);
  },
};

/** Near the bottom-right corner the card flips above the badge and shifts to stay on screen. */
export const NearViewportEdges: Story = {
  render: as('employee', 'position: fixed; right: 0; bottom: 0; margin: 0; max-width: 14rem'),
  play: async ({ canvasElement }) => {
    await openCard(canvasElement);
    await find(canvasElement, '[part~="card"][data-placement^="top"]');
  },
};

/** Endorsing from the card: the button shows pressed and the count goes up at once. */
export const Endorse: Story = {
  play: async ({ canvasElement }) => {
    await openCard(canvasElement);
    const endorse = await find(canvasElement, '[part~="endorse"][aria-pressed="false"]');
    await userEvent.click(endorse);
    await find(canvasElement, '[part~="endorse"][aria-pressed="true"]');
  },
};

/** Anonymous visitors see the card without endorse buttons; the `sign-in` slot says why. */
export const Anonymous: Story = {
  render: as(null),
  play: async ({ canvasElement }) => {
    await openCard(canvasElement);
  },
};

/** Someone the community has not seen yet: the slotted or default name, no level. */
export const UnknownPerson: Story = {
  args: { user: 'u-nobody-yet' },
};

/** While the profile loads the badge shows its default name (this backend never answers). */
export const Loading: Story = {
  loaders: [
    mockApi({
      seed: seedExperts,
      overrides: (api) => [
        http.get(`${api}/users`, async () => {
          await delay('infinite');
        }),
      ],
    }),
  ],
};

/** Dark palette, card open. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await openCard(canvasElement);
  },
};

/** Right to left: the card opens from the badge's start edge. */
export const RightToLeft: Story = {
  name: 'RTL',
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    await openCard(canvasElement);
  },
};

/** Who to turn to for a topic: ranked, with endorse buttons, a page at a time. */
export const ExpertList: Story = {
  render: (args, context) => list(args, context, 'employee'),
};

/** The list for anonymous visitors: no endorse buttons, the `sign-in` slot instead. */
export const ExpertListAnonymous: Story = {
  render: (args, context) => list(args, context, null),
};

/** A topic nobody has expertise on yet. */
export const ExpertListEmpty: Story = {
  args: { topic: 'espresso' },
  render: (args, context) => list(args, context, 'employee'),
};

/** The list in the dark palette. */
export const ExpertListDark: Story = {
  globals: { theme: 'dark' },
  render: (args, context) => list(args, context, 'employee'),
};
