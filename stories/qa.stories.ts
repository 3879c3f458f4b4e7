import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { delay, http } from 'msw';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../src/index.js';
import type { Community } from '../server/domain/community.js';
import { demoPersonas, problemResponse } from '../server/msw/index.js';
import { deepQuery } from './support/dom.js';
import { find } from './support/story.js';
import { customerToken, mocked, mockApi } from './support/mock-api.js';

interface QaArgs {
  subject: string;
  sort: 'votes' | 'newest' | 'unanswered';
  structuredData: boolean;
  theme: 'light' | 'dark' | undefined;
}

const { customer, employee, moderator } = demoPersonas;

/** A kettle's questions: voted, answered, one accepted, one still open. */
async function kettleQuestions(community: Community, subject = 'sku-1'): Promise<void> {
  const qa = community.questions;
  const shutOff = await qa.ask(employee, subject, {
    title: 'Does the kettle switch off by itself when the water boils?',
    body: 'I sometimes walk away while it boils.\n\nIs there also a boil-dry protection?',
    topics: ['safety'],
  });
  const yes = await qa.answer(moderator, shutOff.id, {
    body: 'Yes: it clicks off at the boil and again if it is switched on empty.\n\nThe manual has the details: https://example.com/manual.pdf',
  });
  await qa.answer(customer, shutOff.id, { body: 'Mine always has, for two years now.' });
  await qa.accept(employee, shutOff.id, { answerId: yes.id });
  await qa.voteQuestion(customer, shutOff.id, { value: 1 });
  await qa.voteQuestion(moderator, shutOff.id, { value: 1 });
  await qa.voteAnswer(customer, yes.id, { value: 1 });
  const descale = await qa.ask(moderator, subject, {
    title: 'How do I descale it, and how often?',
    body: 'We have hard water.',
  });
  await qa.answer(employee, descale.id, {
    body: 'Citric acid every month works well; vinegar leaves a smell.',
  });
  await qa.ask(employee, subject, { title: 'Is the lid dishwasher safe?' });
}

/** `<cw-qa>` with the story's args; signed in as the demo customer unless `anonymous`. */
function qa(
  args: QaArgs,
  context: StoryContext<QaArgs>,
  { anonymous = false, content = nothing as unknown } = {},
): TemplateResult {
  const widget = html`<cw-qa
    subject=${args.subject}
    sort=${args.sort}
    theme=${ifDefined(args.theme)}
    ?structured-data=${args.structuredData}
    >${content}</cw-qa
  >`;
  return anonymous
    ? html`<cw-community api=${mocked(context).api}>${widget}</cw-community>`
    : html`<cw-community api=${mocked(context).api} token=${customerToken()}
        >${widget}</cw-community
      >`;
}

/** Waits for the list, then opens the first question, as a visitor would. */
async function openFirstQuestion(canvasElement: HTMLElement): Promise<void> {
  await userEvent.click(await find(canvasElement, '[part~="question-title"]'));
  await find(canvasElement, '[part~="answer"]');
}

/** Forgets the ask draft a previous visit to a story left, so its play starts from empty. */
function forgetDraft(subject: string): void {
  localStorage.removeItem(`cw-draft:v1:qa:${subject}:ask`);
}

/** Opens the ask form and types `title` into it. */
async function typeQuestion(canvasElement: HTMLElement, title: string): Promise<HTMLElement> {
  await userEvent.click(await find(canvasElement, '[part~="ask-button"]'));
  const field = () => deepQuery(canvasElement, '#ask-title');
  await waitFor(() => expect(field()).toBeTruthy());
  await userEvent.type(field()!, title);
  return field()!;
}

const meta = {
  title: 'Widgets/Questions and answers',
  component: 'cw-qa',
  args: { subject: 'sku-1', sort: 'votes', structuredData: false, theme: undefined },
  argTypes: {
    sort: { control: 'inline-radio', options: ['votes', 'newest', 'unanswered'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  loaders: [mockApi({ seed: (community) => kettleQuestions(community) })],
  render: (args, context) => qa(args, context),
  parameters: {
    docs: {
      description: {
        component:
          'Questions and answers about a subject: ask (with similar questions shown while typing), answer, vote, accept. Drafts stay on the device until posted. Every story talks to its own in-memory backend (msw) running the server’s rules.',
      },
    },
  },
} satisfies Meta<QaArgs>;

export default meta;
type Story = StoryObj<QaArgs>;

/** Questions with votes, answer counts and the "Answered" mark, most voted first. */
export const List: Story = {};

/** A subject nobody has asked about: signed-in visitors are invited to ask. */
export const Empty: Story = {
  args: { subject: 'sku-new' },
};

/** Visitors without a token read; the `sign-in` slot links to the host's sign-in. */
export const Anonymous: Story = {
  render: (args, context) =>
    qa(args, context, {
      anonymous: true,
      content: html`<a slot="sign-in" href="#sign-in">Sign in to ask about this kettle</a>`,
    }),
};

/** A question opened inline: its text with a safe link, the accepted answer pinned first. */
export const OpenQuestionWithAcceptedAnswer: Story = {
  play: async ({ canvasElement }) => openFirstQuestion(canvasElement),
};

/** A long thread: 25 answers, 20 per page, "Show more answers" loads the rest. */
export const LongThread: Story = {
  args: { subject: 'sku-long' },
  loaders: [
    mockApi({
      seed: async (community) => {
        const question = await community.questions.ask(employee, 'sku-long', {
          title: 'What do you use your kettle for besides tea?',
        });
        for (let i = 1; i <= 25; i += 1) {
          await community.questions.answer(i % 2 ? moderator : customer, question.id, {
            body: `Idea number ${i}: ${i % 3 ? 'porridge oats' : 'blanching vegetables, then a quick rinse'}.`,
          });
        }
      },
    }),
  ],
  play: async ({ canvasElement }) => openFirstQuestion(canvasElement),
};

/** Typing a question shows existing ones like it, so visitors find an answer before posting. */
export const DraftingWithSimilarQuestions: Story = {
  args: { subject: 'sku-drafting' },
  loaders: [
    mockApi({
      seed: (community) => {
        forgetDraft('sku-drafting');
        return kettleQuestions(community, 'sku-drafting');
      },
    }),
  ],
  play: async ({ canvasElement }) => {
    await typeQuestion(canvasElement, 'Does it turn itself off?');
    await find(canvasElement, '[part~="similar"]');
  },
};

/** The backend refuses the post: the text stays in the form (and on the device) with a retry. */
export const PostingFailedDraftKept: Story = {
  args: { subject: 'sku-failing' },
  loaders: [
    mockApi({
      seed: async () => forgetDraft('sku-failing'),
      overrides: (api) => [
        http.post(`${api}/subjects/:subject/questions`, async () => {
          await delay(300);
          return problemResponse('unavailable', 'The service is down for maintenance.');
        }),
      ],
    }),
  ],
  play: async ({ canvasElement }) => {
    await typeQuestion(canvasElement, 'Will my question survive a failed post?');
    await userEvent.click(deepQuery(canvasElement, '[part~="submit"]')!);
    await find(canvasElement, '[part~="retry"]');
  },
};

/** Right to left (Arabic page): votes sit on the right, posts find their own direction. */
export const RightToLeft: Story = {
  name: 'RTL',
  globals: { locale: 'ar' },
  args: { subject: 'sku-rtl' },
  loaders: [
    mockApi({
      seed: async (community) => {
        await community.questions.ask(employee, 'sku-rtl', {
          title: 'هل يتوقف الغلاي تلقائيًا عند الغليان؟',
          body: 'أتركه أحيانًا دون مراقبة.',
        });
        await kettleQuestions(community, 'sku-rtl');
      },
    }),
  ],
};

/** A dark page: the widget follows the page's `color-scheme` (or `theme="dark"` forces it). */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => openFirstQuestion(canvasElement),
};
