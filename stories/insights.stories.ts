import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { delay, http, HttpResponse } from 'msw';
import '../src/index.js';
import type { Community } from '../server/domain/community.js';
import { seedInsightsHistory } from '../server/domain/insights-seed.js';
import { mockApi } from './support/mock-api.js';
import { asPersona, themeArgTypes, type Persona } from './support/story.js';

interface InsightsArgs {
  theme: 'light' | 'dark' | undefined;
  scope: string | undefined;
}

const twelveWeeks = (community: Community) => seedInsightsHistory(community.store);
const from = new Date(Date.now() - 83 * 86_400_000).toISOString().slice(0, 10);

function dashboard(persona: Persona | null, dir?: 'rtl') {
  return (args: InsightsArgs, context: StoryContext<InsightsArgs>): TemplateResult => {
    return asPersona(
      context,
      persona,
      html`<cw-insights
        dir=${ifDefined(dir)}
        from=${from}
        scope=${ifDefined(args.scope)}
        theme=${ifDefined(args.theme)}
      ></cw-insights>`,
    );
  };
}

const meta = {
  title: 'Widgets/Insights',
  component: 'cw-insights',
  args: { theme: undefined, scope: undefined },
  argTypes: themeArgTypes,
  loaders: [mockApi({ seed: twelveWeeks })],
  render: dashboard('moderator'),
  parameters: {
    docs: {
      description: {
        component:
          '`<cw-insights>` is the dashboard for the people who run the community (moderators and analysts): ratings, questions and answers, ideas, experts and participation over a period, for the whole community or one subject, board or topic. Every chart has its table and a CSV export. The stories run on twelve weeks of history written through the domain with an injected clock.',
      },
    },
  },
} satisfies Meta<InsightsArgs>;

export default meta;
type Story = StoryObj<InsightsArgs>;

/** Twelve weeks of a community, as a moderator sees them. */
export const Dashboard: Story = {};

/** One product: its ratings, questions and contributors. */
export const ScopedToSubject: Story = { args: { scope: 'subject:sku-201' } };

/** One topic nobody can answer. */
export const ScopedToTopic: Story = { args: { scope: 'topic:smart-app' } };

/** A community with no history yet. */
export const Empty: Story = { loaders: [mockApi()] };

/** The figures on their way. */
export const Loading: Story = {
  loaders: [
    mockApi({
      overrides: (api) => [
        http.get(`${api}/insights/*`, async () => {
          await delay('infinite');
        }),
      ],
    }),
  ],
};

/** The figures could not be read. */
export const LoadFailed: Story = {
  loaders: [
    mockApi({
      overrides: (api) => [
        http.get(`${api}/insights/*`, () =>
          HttpResponse.json(
            { type: 'about:blank', title: 'Server error', status: 500 },
            { status: 500, headers: { 'Content-Type': 'application/problem+json' } },
          ),
        ),
      ],
    }),
  ],
};

/** A visitor who is neither moderator nor analyst sees a sentence and no figures. */
export const NotAllowed: Story = { render: dashboard('customer') };

/** Signed out. */
export const SignedOut: Story = { render: dashboard(null) };

/** Dark theme. */
export const Dark: Story = { args: { theme: 'dark' } };

/** Right to left: time runs leftwards in the charts. */
export const RightToLeft: Story = { render: dashboard('moderator', 'rtl') };
