import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { delay, http } from 'msw';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Community } from '../server/domain/community.js';
import type { Identity } from '../server/domain/types.js';
import '../src/index.js';
import { demoPersonas, problemResponse } from '../server/msw/index.js';
import { deepQuery } from './support/dom.js';
import { find, PLAY_TIMEOUT } from './support/story.js';
import { customerToken, mocked, mockApi } from './support/mock-api.js';

interface ReviewsArgs {
  subject: string;
  label: string;
  structuredData: boolean;
  pageSize: number;
  theme: 'light' | 'dark' | undefined;
}

/** Ratings without words from other shoppers, so the summary is bigger than the list. */
const KETTLE = { 'sku-1': [1, 2, 3, 9, 14] as [number, number, number, number, number] };

const person = (n: number, name: string, verified = false): Identity => ({
  id: `u-story-${n}`,
  name,
  avatar: null,
  roles: ['member'],
  ...(verified ? { verifiedSubjects: ['sku-1', 'sku-draft', 'sku-fail'] } : {}),
});

const REVIEWS: Array<[Identity, number, string, string]> = [
  [
    person(1, 'Amira Haddad', true),
    5,
    'Boils in under two minutes',
    'Quiet, quick and the lid opens wide enough to clean inside.\n\nThe blue is darker than on the photos, which I prefer.',
  ],
  [
    person(2, 'Jonas Weber'),
    4,
    'Good, but the handle gets warm',
    'Does the job. After a full boil the handle is warm, not hot.',
  ],
  [
    person(3, 'Li Wei', true),
    2,
    'Limescale after a month',
    'Our water is hard. The filter clogs quickly; descaling every two weeks. Details: https://example.com/descaling',
  ],
  [
    person(4, 'Sam Okafor'),
    5,
    'Perfect for one cup',
    'Heats just the water you need, so it is faster than our old one.',
  ],
  [person(5, 'Noor Rahman'), 3, 'Fine', 'Nothing special, nothing wrong.'],
];

/** Seeds `reviews` (each also rates the kettle), then helpful votes on the first two. */
const seedReviews =
  (reviews = REVIEWS, subject = 'sku-1') =>
  async (community: Community): Promise<void> => {
    const ids: string[] = [];
    for (const [author, stars, title, body] of reviews) {
      const { review } = await community.reviews.create(
        author,
        subject,
        { stars, title, body },
        undefined,
      );
      ids.push(review.id);
    }
    for (const [n, id] of ids.slice(0, 2).entries()) {
      for (let voter = 0; voter < 6 - n * 3; voter += 1) {
        await community.reviews.setHelpful(person(100 + voter, 'Voter'), id, { value: 'yes' });
      }
    }
  };

/** `<cw-reviews>` with the story's args, pointed at this render's mock backend. */
function reviews(args: ReviewsArgs, api: string | undefined, content: unknown = nothing) {
  return html`<cw-reviews
    api=${ifDefined(api)}
    subject=${args.subject}
    label=${ifDefined(args.label || undefined)}
    page-size=${args.pageSize}
    theme=${ifDefined(args.theme)}
    ?structured-data=${args.structuredData}
    >${content}</cw-reviews
  >`;
}

/** The same for the signed-in demo customer: the host passes its token through `<cw-community>`. */
function signedIn(args: ReviewsArgs, context: StoryContext<ReviewsArgs>): TemplateResult {
  return html`<cw-community api=${mocked(context).api} token=${customerToken()}>
    ${reviews(args, undefined)}
  </cw-community>`;
}

/** Drafts live in localStorage per subject: stories that show one start from a known state. */
function draftKey(subject: string): string {
  return `cw-draft:v1:reviews:${subject}:write`;
}

const meta = {
  title: 'Widgets/Reviews',
  component: 'cw-reviews',
  args: {
    subject: 'sku-1',
    label: 'Blue kettle',
    structuredData: false,
    pageSize: 10,
    theme: undefined,
  },
  argTypes: {
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
    pageSize: { control: { type: 'number', min: 1, max: 50 } },
  },
  loaders: [mockApi({ ratings: KETTLE, seed: seedReviews() })],
  render: signedIn,
  parameters: {
    docs: {
      description: {
        component:
          'Reviews of a subject: the summary (its distribution filters the list), reviews with helpful votes, and the visitor’s own review, written or edited in a form whose drafts survive failures and reloads. A review’s stars are the visitor’s rating, so every `<cw-rating>` of the subject follows. Every story has its own in-memory backend (msw) running the server’s rules.',
      },
    },
  },
} satisfies Meta<ReviewsArgs>;

export default meta;
type Story = StoryObj<ReviewsArgs>;

/** Signed in, with reviews from others: sort, filter, vote "helpful", write one's own. */
export const List: Story = {};

/** A subject nobody has reviewed or rated yet. */
export const Empty: Story = {
  args: { subject: 'sku-new' },
};

/** Only the 5-star reviews: the play function presses the 5-star row of the distribution. */
export const Filtered: Story = {
  play: async ({ canvasElement }) => {
    const filter = '[part~="filter"]';
    await userEvent.click(await find(canvasElement, filter));
    await waitFor(() =>
      expect(deepQuery(canvasElement, filter)).toHaveAttribute('aria-pressed', 'true'),
    );
  },
};

/** Visitors without a token read and see counts; the `sign-in` slot links to the host's sign-in. */
export const Anonymous: Story = {
  render: (args, context) =>
    reviews(
      args,
      mocked(context).api,
      html`<a slot="sign-in" href="#sign-in">Sign in to review this kettle</a>`,
    ),
};

/** A half-written review from an earlier visit: the form opens with it by itself. */
export const WritingWithDraft: Story = {
  args: { subject: 'sku-draft' },
  loaders: [
    mockApi({
      seed: async (community) => {
        localStorage.setItem(
          draftKey('sku-draft'),
          JSON.stringify({
            fields: {
              stars: '4',
              title: 'Pours without dripping',
              body: 'I was going to say more about the',
            },
            savedAt: Date.now(),
          }),
        );
        await seedReviews(REVIEWS.slice(0, 2), 'sku-draft')(community);
      },
    }),
  ],
};

/**
 * Publishing fails (the backend is down): the text stays in the form and in the draft, and
 * "Try again" resends it with the same Idempotency-Key. The play function writes and sends.
 */
export const PostingFailedDraftKept: Story = {
  args: { subject: 'sku-fail' },
  loaders: [
    mockApi({
      seed: async (community) => {
        localStorage.removeItem(draftKey('sku-fail'));
        await seedReviews(REVIEWS.slice(0, 1), 'sku-fail')(community);
      },
      overrides: (api) => [
        http.post(`${api}/subjects/:subject/reviews`, async () => {
          await delay(600);
          return problemResponse('unavailable', 'Reviews are paused for maintenance.');
        }),
      ],
    }),
  ],
  play: async ({ canvasElement, step }) => {
    const q = (selector: string) => deepQuery(canvasElement, selector);
    const writeButton = await find(canvasElement, '[part~="write-button"]');
    await step('Open the form and write', async () => {
      await userEvent.click(writeButton);
      await waitFor(() => expect(q('[role="radio"][data-value="4"]')).toBeTruthy());
      await userEvent.click(q('[role="radio"][data-value="4"]')!);
      await userEvent.type(q('#title')!, 'Lovely colour');
      await userEvent.type(q('#body')!, 'It matches our kitchen.');
      await userEvent.click(q('[type="submit"]')!);
    });
    await step('The failure keeps the text', async () => {
      await find(canvasElement, '[part~="error"]');
      await expect((q('#title') as HTMLInputElement).value).toBe('Lovely colour');
    });
  },
};

/** The customer reviewed it before and is editing: the form holds their review. */
export const Editing: Story = {
  loaders: [
    mockApi({
      ratings: KETTLE,
      seed: async (community) => {
        localStorage.clear();
        await seedReviews()(community);
        await community.reviews.create(
          demoPersonas.customer,
          'sku-1',
          { stars: 3, title: 'Okay so far', body: 'Two weeks in. Will update.' },
          undefined,
        );
      },
    }),
  ],
  play: async ({ canvasElement }) => {
    const edit = () =>
      [
        ...(deepQuery(canvasElement, 'cw-reviews')?.shadowRoot?.querySelectorAll('button') ?? []),
      ].find((button) => button.textContent?.trim() === 'Edit');
    await waitFor(() => expect(edit()).toBeTruthy(), { timeout: PLAY_TIMEOUT });
    await userEvent.click(edit()!);
    await waitFor(() => expect(deepQuery(canvasElement, 'form')).toBeTruthy());
  },
};

/** Reviewers the shop vouches for (its signed token lists what they bought) carry a mark. */
export const Verified: Story = {
  loaders: [
    mockApi({
      seed: seedReviews(REVIEWS.filter(([author]) => author.verifiedSubjects)),
    }),
  ],
};

/** `structured-data` also writes schema.org JSON-LD into the page (see the light DOM). */
export const WithStructuredData: Story = {
  args: { structuredData: true },
};

/** Right to left (Arabic): text, stars and bars mirror; each review finds its own direction. */
export const RightToLeft: Story = {
  name: 'RTL',
  globals: { locale: 'ar' },
  loaders: [
    mockApi({
      ratings: KETTLE,
      seed: seedReviews([
        [person(11, 'ليلى'), 5, 'غلاية ممتازة', 'تغلي الماء بسرعة وهي هادئة.'],
        [person(12, 'Omar'), 4, 'Mixed: جيدة جدا', 'Works well; التصميم جميل.'],
      ]),
    }),
  ],
};

/** A dark page: the widget follows the page's `color-scheme` (or `theme="dark"` forces it). */
export const Dark: Story = {
  globals: { theme: 'dark' },
};
