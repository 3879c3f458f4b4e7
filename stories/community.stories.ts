import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/index.js';
import { customerRated, customerToken, mocked, mockApi } from './support/mock-api.js';

const meta = {
  title: 'Widgets/Community',
  component: 'cw-community',
  loaders: [mockApi({ ratings: { 'sku-1': [1, 0, 4, 10, 12] }, seed: customerRated('sku-1', 5) })],
  parameters: {
    docs: {
      description: {
        component:
          'Gives every widget inside it the backend (`api`), the viewer’s `token` and the `locale`. Widgets on the same subject share one cached value.',
      },
    },
  },
} satisfies Meta;

export default meta;
type Story = StoryObj;

/** Two widgets on one subject share one value: rate in one, the other follows at once. */
export const SharedSubject: Story = {
  render: (_args, context) =>
    html`<cw-community api=${mocked(context).api} token=${customerToken()}>
      <h3 style="margin: 0 0 0.5rem">Blue kettle</h3>
      <cw-rating subject="sku-1" label="Blue kettle"></cw-rating>
      <hr />
      <p style="margin: 0 0 0.5rem">In the product list:</p>
      <cw-rating subject="sku-1" label="Blue kettle" readonly size="small"></cw-rating>
    </cw-community>`,
};

/** `locale` sets the language of messages and the format of numbers (here German). */
export const Locale: Story = {
  render: (_args, context) =>
    html`<cw-community api=${mocked(context).api} locale="de">
      <cw-rating subject="sku-1" label="Blauer Wasserkocher" distribution readonly></cw-rating>
    </cw-community>`,
};
