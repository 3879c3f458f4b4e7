import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { delay, http } from 'msw';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../src/index.js';
import { demoDistributions, problemResponse } from '../server/msw/index.js';
import { deepQuery } from './support/dom.js';
import { find, PLAY_TIMEOUT } from './support/story.js';
import { customerRated, customerToken, mocked, mockApi } from './support/mock-api.js';

interface RatingArgs {
  subject: string;
  label: string;
  size: 'small' | 'medium' | 'large';
  distribution: boolean;
  readonly: boolean;
  theme: 'light' | 'dark' | undefined;
}

/** A product with a believable spread: 3 + 4 + 9 + 31 + 53 = 100 ratings, average ≈ 4.3. */
const KETTLE = { 'sku-1': [3, 4, 9, 31, 53] as [number, number, number, number, number] };

/** `<cw-rating>` with the story's args, pointed at this render's mock backend. */
function rating(args: RatingArgs, api: string | undefined, content: unknown = nothing) {
  return html`<cw-rating
    api=${ifDefined(api)}
    subject=${args.subject}
    label=${ifDefined(args.label || undefined)}
    size=${args.size}
    theme=${ifDefined(args.theme)}
    ?distribution=${args.distribution}
    ?readonly=${args.readonly}
    >${content}</cw-rating
  >`;
}

/** The same, for a signed-in visitor: the host page passes its token through `<cw-community>`. */
function signedIn(args: RatingArgs, context: StoryContext<RatingArgs>): TemplateResult {
  return html`<cw-community api=${mocked(context).api} token=${customerToken()}>
    ${rating(args, undefined)}
  </cw-community>`;
}

const meta = {
  title: 'Widgets/Rating',
  component: 'cw-rating',
  args: {
    subject: 'sku-1',
    label: 'Blue kettle',
    size: 'medium',
    distribution: false,
    readonly: false,
    theme: undefined,
  },
  argTypes: {
    size: { control: 'inline-radio', options: ['small', 'medium', 'large'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  loaders: [mockApi({ ratings: KETTLE })],
  render: (args, context) => rating(args, mocked(context).api),
  parameters: {
    docs: {
      description: {
        component:
          'Shows the average, the count and optionally the distribution of a subject’s ratings, and lets a signed-in visitor set, change or remove their own. Every story talks to its own in-memory backend (msw) running the server’s rules.',
      },
    },
  },
} satisfies Meta<RatingArgs>;

export default meta;
type Story = StoryObj<RatingArgs>;

/** Only the summary: for product lists and cards. */
export const SummaryOnly: Story = {
  args: { readonly: true },
};

/** The summary and how many ratings each star value has. */
export const WithDistribution: Story = {
  args: { readonly: true, distribution: true },
};

/** A subject nobody has rated yet. */
export const Empty: Story = {
  args: { subject: 'sku-new' },
};

/** The space is reserved while the summary loads (this backend never answers). */
export const Loading: Story = {
  loaders: [
    mockApi({
      ratings: KETTLE,
      overrides: (api) => [
        http.get(`${api}/ratings`, async () => {
          await delay('infinite');
        }),
      ],
    }),
  ],
};

/** Visitors without a token see the summary and a sentence; the `sign-in` slot links to the host's sign-in. */
export const Anonymous: Story = {
  render: (args, context) =>
    rating(
      args,
      mocked(context).api,
      html`<a slot="sign-in" href="#sign-in">Sign in to rate this kettle</a>`,
    ),
};

/** The signed-in customer rated 4 stars earlier: they can change or clear it. */
export const SignedInWithOwnRating: Story = {
  loaders: [mockApi({ ratings: KETTLE, seed: customerRated('sku-1', 4) })],
  render: signedIn,
};

/**
 * The new rating shows at once; the backend refuses it after a moment, so the previous
 * rating returns and the reason is shown. The play function clicks the fifth star.
 */
export const OptimisticFailureRolledBack: Story = {
  loaders: [
    mockApi({
      ratings: KETTLE,
      seed: customerRated('sku-1', 3),
      overrides: (api) => [
        http.put(`${api}/subjects/:subject/rating`, async () => {
          await delay(1200);
          return problemResponse('internal', 'The rating service is down for maintenance.');
        }),
      ],
    }),
  ],
  render: signedIn,
  play: async ({ canvasElement, step }) => {
    const star = (value: number) =>
      deepQuery(canvasElement, `[role="radio"][data-value="${value}"]`);
    await waitFor(() => expect(star(3)).toHaveAttribute('aria-checked', 'true'), {
      timeout: PLAY_TIMEOUT,
    });
    await step('Rate five stars', async () => {
      await userEvent.click(star(5)!);
      await expect(star(5)).toHaveAttribute('aria-checked', 'true');
    });
    await step('The refusal rolls back to three stars with a message', async () => {
      await find(canvasElement, '[part~="error"]');
      await expect(star(3)).toHaveAttribute('aria-checked', 'true');
    });
  },
};

/** Loading fails the first time; "Try again" loads it. */
export const ErrorWithRetry: Story = {
  loaders: [
    mockApi({
      ratings: KETTLE,
      overrides: (api) => [
        http.get(`${api}/ratings`, () => problemResponse('unavailable', 'Try again shortly.'), {
          once: true,
        }),
      ],
    }),
  ],
};

/** Signed in and rated, but `readonly`: the page only shows the summary here. */
export const Readonly: Story = {
  args: { readonly: true },
  loaders: [mockApi({ ratings: KETTLE, seed: customerRated('sku-1', 4) })],
  render: signedIn,
};

export const Small: Story = {
  args: { size: 'small' },
  loaders: [mockApi({ ratings: KETTLE, seed: customerRated('sku-1', 4) })],
  render: signedIn,
};

export const Large: Story = {
  args: { size: 'large', distribution: true },
  loaders: [mockApi({ ratings: KETTLE, seed: customerRated('sku-1', 4) })],
  render: signedIn,
};

/** A dark page: the widget follows the page's `color-scheme` (or `theme="dark"` forces it). */
export const Dark: Story = {
  args: { distribution: true },
  globals: { theme: 'dark' },
  loaders: [mockApi({ ratings: KETTLE, seed: customerRated('sku-1', 4) })],
  render: signedIn,
};

/** Right to left (Arabic): stars fill from the right and the arrow keys follow. */
export const RightToLeft: Story = {
  name: 'RTL',
  args: { distribution: true },
  globals: { locale: 'ar' },
  loaders: [mockApi({ ratings: KETTLE, seed: customerRated('sku-1', 4) })],
  render: signedIn,
};

/** Without `subject` it is a form-associated input: `name`, `required`, reset and restore. */
export const FormInput: Story = {
  loaders: [],
  render: () => {
    const submitted = (event: SubmitEvent) => {
      event.preventDefault();
      const form = event.target as HTMLFormElement;
      const data = new FormData(form);
      form.querySelector('output')!.textContent = `Submitted: stars=${String(data.get('stars'))}`;
    };
    const reset = (event: Event) => {
      (event.target as HTMLFormElement).querySelector('output')!.textContent = 'Nothing sent yet.';
    };
    return html`<form @submit=${submitted} @reset=${reset}>
      <p style="margin-block-start: 0">How was your delivery?</p>
      <cw-rating name="stars" required label="Delivery"></cw-rating>
      <p>
        <button type="submit">Send</button>
        <button type="reset">Reset</button>
      </p>
      <output aria-live="polite">Nothing sent yet.</output>
    </form>`;
  },
};

const CATALOGUE = demoDistributions(24);

/**
 * 24 products on one page: the widgets' reads are coalesced into one `GET /ratings`
 * (counted below), and each widget reserves its space while it loads.
 */
export const ManyRatingsOnAPage: Story = {
  args: { readonly: true, size: 'small' },
  loaders: [
    mockApi({
      ratings: CATALOGUE,
      latency: 300,
      overrides: (api) => {
        let reads = 0;
        return [
          http.get(`${api}/ratings`, () => {
            reads += 1;
            for (const output of document.querySelectorAll(`output[data-reads-for="${api}"]`)) {
              output.textContent = String(reads);
            }
            return undefined; // answered by the contract's handler
          }),
        ];
      },
    }),
  ],
  render: (args, context) => {
    const { api } = mocked(context);
    return html`<cw-community api=${api}>
      <p>Requests to <code>GET /ratings</code>: <output data-reads-for=${api}>0</output></p>
      <ul
        style="display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.75rem; padding: 0; margin: 0; list-style: none;"
      >
        ${Object.keys(CATALOGUE).map(
          (subject, index) =>
            html`<li style="border: 1px solid #8c959f66; border-radius: 0.5rem; padding: 0.5rem;">
              <div style="margin-block-end: 0.25rem">Product ${index + 1}</div>
              ${rating({ ...args, subject, label: `Product ${index + 1}` }, undefined)}
            </li>`,
        )}
      </ul>
    </cw-community>`;
  },
};
