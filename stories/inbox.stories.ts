import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { delay, http, HttpResponse } from 'msw';
import { userEvent } from 'storybook/test';
import '../src/index.js';
import type { Community } from '../server/domain/community.js';
import type { CwInbox } from '../src/components/inbox/inbox.js';
import { demoPersonas } from '../server/msw/index.js';
import { deepQuery } from './support/dom.js';
import { mockApi } from './support/mock-api.js';
import { asPersona, find, themeArgTypes, type Persona } from './support/story.js';

interface InboxArgs {
  linkTemplate: string;
  theme: 'light' | 'dark' | undefined;
}

const { customer, employee, moderator } = demoPersonas;

/**
 * Gives Casey (the customer) one of each thing people are told about: two answers to one
 * question (one row), an accepted answer, an invitation, an endorsement, a comment and a
 * status change on her idea, and a removed post with its reason.
 */
async function seedInbox(community: Community): Promise<void> {
  const asked = await community.questions.ask(customer, 'sku-kettle', {
    title: 'Does the kettle fit under a tap?',
  });
  await community.questions.answer(employee, asked.id, { body: 'Yes, the spout clears 20 cm.' });
  await community.questions.answer(moderator, asked.id, { body: 'Mine does.' });
  const theirs = await community.questions.ask(employee, 'sku-kettle', {
    title: 'How do I descale the kettle?',
  });
  const answer = await community.questions.answer(customer, theirs.id, { body: 'Citric acid.' });
  await community.questions.accept(employee, theirs.id, { answerId: answer.id });
  const other = await community.questions.ask(employee, 'sku-toaster', {
    title: 'Which toaster fits a bagel?',
  });
  await community.experts.invite(employee, other.id, { userId: customer.id });
  await community.experts.endorse(moderator, customer.id, 'kettles', true);
  await community.ideas.saveBoard({ id: 'roadmap', title: 'Roadmap' });
  const idea = await community.ideas.submit(customer, 'roadmap', { title: 'A quieter kettle' });
  await community.ideas.comment(employee, idea.id, { body: 'Yes, please!' });
  await community.ideas.setStatus(moderator, idea.id, { status: 'planned' });
  const spam = await community.questions.ask(customer, 'sku-kettle', {
    title: 'Visit my shop for cheap kettles',
  });
  await community.moderation.decide(moderator, {
    action: 'remove',
    reason: 'Advertising is not allowed here.',
    targets: [{ kind: 'question', id: spam.id }],
  });
}

function inbox(
  args: InboxArgs,
  context: StoryContext<InboxArgs>,
  persona: Persona | null,
): TemplateResult {
  return asPersona(
    context,
    persona,
    html`<header style="display: flex; justify-content: flex-end; padding: 0.5rem">
      <cw-inbox link-template=${args.linkTemplate} theme=${ifDefined(args.theme)}></cw-inbox>
    </header>`,
  );
}

const as = (persona: Persona | null) => (args: InboxArgs, context: StoryContext<InboxArgs>) =>
  inbox(args, context, persona);

async function openPanel(root: HTMLElement): Promise<CwInbox> {
  await find(root, '[part~="bell"]');
  const el = deepQuery(root, 'cw-inbox') as CwInbox;
  el.show();
  await find(root, '[part~="panel"]');
  return el;
}

const meta = {
  title: 'Widgets/Inbox',
  component: 'cw-inbox',
  args: { linkTemplate: '#{kind}/{subject}{board}/{question}{idea}', theme: undefined },
  argTypes: themeArgTypes,
  loaders: [mockApi({ seed: seedInbox })],
  render: as('customer'),
  parameters: {
    docs: {
      description: {
        component:
          '`<cw-inbox>` is a bell with the unread count for a site’s header; it opens a panel of what happened to the viewer’s questions, answers, ideas and posts, each a link the host builds (`link-template` or `configure({ linkTo })`). Every inbox on a page shares one count request; a hidden tab is never polled. Each story talks to its own in-memory backend (msw) running the server’s rules.',
      },
    },
  },
} satisfies Meta<InboxArgs>;

export default meta;
type Story = StoryObj<InboxArgs>;

/** The bell in a header with the unread count. */
export const Bell: Story = {
  play: async ({ canvasElement }) => {
    await find(canvasElement, '[part~="count"]');
  },
};

/** The panel open: grouped answers, an accepted answer, an invitation, a removal with its reason. */
export const PanelOpen: Story = {
  play: async ({ canvasElement }) => {
    await openPanel(canvasElement);
    await find(canvasElement, '[part~="item"]');
  },
};

/** Marking everything read empties the count; the rows stay, read. */
export const AllRead: Story = {
  play: async ({ canvasElement }) => {
    await openPanel(canvasElement);
    await userEvent.click(await find(canvasElement, '[part~="mark-all"]'));
    await find(canvasElement, '[part~="item"][data-read="true"]');
  },
};

/** Someone with nothing to be told about: no count, and the panel says so. */
export const Empty: Story = {
  render: as('moderator'),
  play: async ({ canvasElement }) => {
    await openPanel(canvasElement);
    await find(canvasElement, '[part~="panel"] .muted');
  },
};

/** While the notifications load (this backend never answers the list). */
export const Loading: Story = {
  loaders: [
    mockApi({
      seed: seedInbox,
      overrides: (api) => [
        http.get(`${api}/me/notifications`, async () => {
          await delay('infinite');
        }),
      ],
    }),
  ],
  play: async ({ canvasElement }) => {
    await openPanel(canvasElement);
    await find(canvasElement, '[part~="panel"] [role="status"]');
  },
};

/** The list could not be loaded: the reason and a retry button. */
export const LoadFailed: Story = {
  loaders: [
    mockApi({
      seed: seedInbox,
      overrides: (api) => [
        http.get(`${api}/me/notifications`, () =>
          HttpResponse.json(
            { type: 'about:blank', title: 'Unavailable', status: 503 },
            { status: 503, headers: { 'Content-Type': 'application/problem+json' } },
          ),
        ),
      ],
    }),
  ],
  play: async ({ canvasElement }) => {
    await openPanel(canvasElement);
    await find(canvasElement, '[part~="error"]');
  },
};

/** Anonymous visitors see no bell at all. */
export const Anonymous: Story = {
  render: as(null),
};

/** Dark palette, panel open. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await openPanel(canvasElement);
    await find(canvasElement, '[part~="item"]');
  },
};

/** Right to left, in Arabic. */
export const RightToLeft: Story = {
  name: 'RTL',
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    await openPanel(canvasElement);
    await find(canvasElement, '[part~="item"]');
  },
};
