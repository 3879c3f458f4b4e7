import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { delay, http, HttpResponse } from 'msw';
import { userEvent } from 'storybook/test';
import '../src/index.js';
import type { Community } from '../server/domain/community.js';
import { demoPersonas, mockToken } from '../server/msw/index.js';
import { deepQuery } from './support/dom.js';
import { mocked, mockApi } from './support/mock-api.js';
import { asPersona, find, themeArgTypes, type Persona } from './support/story.js';

interface QueueArgs {
  theme: 'light' | 'dark' | undefined;
}

const { customer, employee, moderator } = demoPersonas;
const reporter = (n: number) => ({
  id: `u-reader-${n}`,
  name: `Reader ${n}`,
  avatar: null,
  roles: ['member' as const],
});

/**
 * A question held by the site's rules (every post on `sku-kettle` is reviewed), a review
 * reported once with a hostile note (rendered as text), and an idea hidden by three reports.
 */
async function seedQueue(community: Community): Promise<void> {
  community.moderation.setPlaceRules('subject:sku-kettle', { mode: 'hold-all' });
  await community.questions.ask(customer, 'sku-kettle', {
    title: 'Where can I buy replica lids?',
    body: 'See https://cheap.example for deals.',
  });
  const { review } = await community.reviews.create(
    customer,
    'sku-mug',
    { stars: 1, title: 'Visit my shop instead', body: 'Better mugs at my shop.' },
    undefined,
  );
  await community.moderation.report(employee, {
    target: { kind: 'review', id: review.id },
    reason: 'spam',
    note: '<img src=x onerror=alert(1)> advertising',
  });
  await community.ideas.saveBoard({ id: 'roadmap', title: 'Roadmap' });
  const idea = await community.ideas.submit(customer, 'roadmap', {
    title: 'Free crypto for everyone',
  });
  for (const n of [1, 2, 3]) {
    await community.moderation.report(reporter(n), {
      target: { kind: 'idea', id: idea.id },
      reason: n === 1 ? 'abuse' : 'spam',
    });
  }
}

async function seedHistory(community: Community): Promise<void> {
  await seedQueue(community);
  const queue = await community.moderation.queue(moderator);
  await community.moderation.decide(moderator, {
    action: 'remove',
    targets: [queue.items[0]!.target],
    reason: 'Selling counterfeits.',
  });
  await community.moderation.suspend(moderator, customer.id, {
    until: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    reason: 'Posting spam links.',
  });
}

function queue(persona: Persona | null) {
  return (args: QueueArgs, context: StoryContext<QueueArgs>): TemplateResult => {
    return asPersona(
      context,
      persona,
      html`<cw-moderation-queue theme=${ifDefined(args.theme)}></cw-moderation-queue>`,
    );
  };
}

async function showView(root: HTMLElement, index: number): Promise<void> {
  const views = await find(root, '[part~="views"]');
  await userEvent.click(views.querySelectorAll('button')[index]!);
}

const meta = {
  title: 'Widgets/Moderation',
  component: 'cw-moderation-queue',
  args: { theme: undefined },
  argTypes: themeArgTypes,
  loaders: [mockApi({ seed: seedQueue })],
  render: queue('moderator'),
  parameters: {
    docs: {
      description: {
        component:
          '`<cw-moderation-queue>` is the moderators’ workspace: held and reported posts with their context and reports, one-key approve (A) and remove (R, with a reason the author reads), bulk decisions, the log of every decision, and suspended people. Posting widgets offer Report and a moderator’s Remove in their post actions. Each story talks to its own in-memory backend (msw) running the server’s rules.',
      },
    },
  },
} satisfies Meta<QueueArgs>;

export default meta;
type Story = StoryObj<QueueArgs>;

/** A held question, a reported review (its hostile note shown as text) and a hidden idea. */
export const Queue: Story = {};

/** R on a post asks for the reason its author will read. */
export const RemoveWithReason: Story = {
  play: async ({ canvasElement }) => {
    const item = await find(canvasElement, '[part~="item"]');
    item.focus();
    await userEvent.keyboard('r');
    await find(canvasElement, '[data-reason]');
  },
};

/** Posts selected for one decision. */
export const Bulk: Story = {
  play: async ({ canvasElement }) => {
    await find(canvasElement, '[part~="item"]');
    const boxes = deepQuery(
      canvasElement,
      'cw-moderation-queue',
    )!.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=checkbox]');
    for (const box of boxes) await userEvent.click(box);
    await find(canvasElement, '[part~="bulk"]');
  },
};

/** Nothing waiting. */
export const Empty: Story = { loaders: [mockApi()] };

/** The first page on its way. */
export const Loading: Story = {
  loaders: [
    mockApi({
      seed: seedQueue,
      overrides: (api) => [
        http.get(`${api}/moderation/queue`, async () => {
          await delay('infinite');
        }),
      ],
    }),
  ],
};

/** The queue could not be read. */
export const LoadFailed: Story = {
  loaders: [
    mockApi({
      overrides: (api) => [
        http.get(`${api}/moderation/queue`, () =>
          HttpResponse.json(
            { type: 'about:blank', title: 'Server error', status: 500 },
            { status: 500, headers: { 'Content-Type': 'application/problem+json' } },
          ),
        ),
      ],
    }),
  ],
};

/** The log of decisions: who, when, what, by which rule or report, and why. */
export const Log: Story = {
  loaders: [mockApi({ seed: seedHistory })],
  play: async ({ canvasElement }) => {
    await showView(canvasElement, 1);
    await find(canvasElement, '[part~="entry"]');
  },
};

/** People suspended, with when it ends and the form to suspend someone. */
export const Suspensions: Story = {
  loaders: [mockApi({ seed: seedHistory })],
  play: async ({ canvasElement }) => {
    await showView(canvasElement, 2);
    await find(canvasElement, '[part~="suspension"]');
  },
};

/** Someone who is not a moderator sees a sentence and no posts. */
export const NotModerator: Story = { render: queue('customer') };

/** Signed out. */
export const SignedOut: Story = { render: queue(null) };

/** Dark theme. */
export const Dark: Story = { args: { theme: 'dark' } };

/** A posting widget's Report: the reason picker open under another visitor's question. */
export const ReportForm: Story = {
  loaders: [
    mockApi({
      seed: (community) =>
        community.questions.ask(employee, 'sku-kettle', { title: 'Does the lid lock shut?' }),
    }),
  ],
  render: (_args, context) =>
    html`<cw-community api=${mocked(context).api} token=${mockToken(customer)}>
      <cw-qa subject="sku-kettle"></cw-qa>
    </cw-community>`,
  play: async ({ canvasElement }) => {
    await userEvent.click(await find(canvasElement, '[part~="question-title"]'));
    await userEvent.click(await find(canvasElement, '[data-report]'));
    await find(canvasElement, '[part~="report-form"]');
  },
};
