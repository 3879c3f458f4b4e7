import { expect } from '@open-wc/testing';
import { until } from '../support/dom.js';
import { CwError } from '../../src/core/errors.js';
import {
  IdeaBoardModel,
  ideasBackend,
  type Board,
  type Idea,
  type IdeasBackend,
} from '../../src/core/ideas.js';
import { RestBackend } from '../../src/core/rest-backend.js';
import { demoPersonas, mockToken } from '../../server/msw/index.js';
import { API, startMockApi } from '../support/mock-api.js';

const board = (votesLeft: number | null): Board => ({
  id: 'b',
  title: 'B',
  settings: { voteBudget: votesLeft === null ? null : 3, posting: 'members', readers: null },
  viewer: { votesLeft, canPost: true, canModerate: false },
});

const idea = (id: string, votes = 0): Idea => ({
  id,
  board: 'b',
  title: `Idea ${id}`,
  body: '',
  author: { id: 'u', name: 'U', avatar: null },
  createdAt: new Date(0).toISOString(),
  status: 'open',
  statusNote: null,
  statusChangedAt: null,
  votes,
  viewerVoted: false,
  commentCount: 0,
  mergedInto: null,
});

/** A backend whose vote answers the test controls. */
function fakeBackend(votesLeft: number | null, vote: IdeasBackend['voteIdea']): IdeasBackend {
  const unused = () => Promise.reject(new Error('unused'));
  return {
    getBoard: async () => board(votesLeft),
    listIdeas: async () => ({ items: [idea('a'), idea('b', 2)], nextCursor: null }),
    voteIdea: vote,
    findSimilarIdeas: unused,
    getIdea: unused,
    submitIdea: unused,
    setIdeaStatus: unused,
    mergeIdea: unused,
    listIdeaComments: unused,
    commentIdea: unused,
    listIdeaUpdates: unused,
    markIdeaUpdatesSeen: unused,
  };
}

async function loaded(model: IdeaBoardModel) {
  model.subscribe(() => undefined);
  model.load();
  await until(() => model.board.status === 'ready' && model.list.state.status === 'ready');
}

const shown = (model: IdeaBoardModel, id: string) =>
  model.list.state.items.find((i) => i.id === id)!;
const left = (model: IdeaBoardModel) =>
  model.board.status === 'ready' ? model.board.board.viewer.votesLeft : undefined;

describe('idea board model', () => {
  it('shows a vote at once, spends the budget, and keeps the server answer', async () => {
    let answer: ((value: Awaited<ReturnType<IdeasBackend['voteIdea']>>) => void) | undefined;
    const model = new IdeaBoardModel(
      fakeBackend(3, () => new Promise((resolve) => (answer = resolve))),
      'b',
    );
    await loaded(model);
    const voting = model.vote(shown(model, 'a'), true);
    expect(shown(model, 'a')).to.include({ votes: 1, viewerVoted: true });
    expect(left(model)).to.equal(2);
    expect(model.pendingVotes.has('a')).to.equal(true);
    // Writes go out in order, so the request leaves a moment after the vote shows.
    await until(() => answer, 'the vote was not sent');
    answer!({ idea: { ...idea('a', 5), viewerVoted: true }, votesLeft: 1 });
    await voting;
    expect(shown(model, 'a').votes).to.equal(5);
    expect(left(model)).to.equal(1);
    expect(model.pendingVotes.size).to.equal(0);
  });

  it('rolls back the idea and the budget when the server refuses', async () => {
    const model = new IdeaBoardModel(
      fakeBackend(3, () => Promise.reject(new CwError('server', { status: 500 }))),
      'b',
    );
    await loaded(model);
    let error: unknown;
    await model.vote(shown(model, 'b'), true).catch((e: unknown) => (error = e));
    expect((error as CwError).kind).to.equal('server');
    expect(shown(model, 'b')).to.include({ votes: 2, viewerVoted: false });
    expect(left(model)).to.equal(3);
  });

  it('sends quick votes on one idea in order; a superseded one is not sent', async () => {
    const sent: Array<{ voted: boolean; answer: (voted: boolean, left: number) => void }> = [];
    const model = new IdeaBoardModel(
      fakeBackend(
        3,
        (_id, voted) =>
          new Promise((resolve) =>
            sent.push({
              voted,
              answer: (on, votesLeft) =>
                resolve({ idea: { ...idea('a', on ? 1 : 0), viewerVoted: on }, votesLeft }),
            }),
          ),
      ),
      'b',
    );
    await loaded(model);
    const on = model.vote(shown(model, 'a'), true);
    await until(() => sent.length === 1, 'the first vote was not sent');
    const off = model.vote(shown(model, 'a'), false);
    expect(shown(model, 'a')).to.include({ votes: 0, viewerVoted: false });
    expect(left(model)).to.equal(3);
    const onAgain = model.vote(shown(model, 'a'), true);
    expect(shown(model, 'a')).to.include({ votes: 1, viewerVoted: true });
    expect(left(model)).to.equal(2);
    sent[0]!.answer(true, 2);
    expect(await on).to.equal(false);
    expect(await off).to.equal(false);
    await until(() => sent.length === 2, 'the last vote was not sent');
    expect(sent.map((call) => call.voted)).to.deep.equal([true, true]);
    expect(left(model)).to.equal(2);
    sent[1]!.answer(true, 2);
    expect(await onAgain).to.equal(true);
    expect(shown(model, 'a')).to.include({ votes: 1, viewerVoted: true });
    expect(left(model)).to.equal(2);
    expect(model.pendingVotes.size).to.equal(0);
  });

  it('spends the budget for votes on several ideas at once; a refusal gives back its own', async () => {
    const answers = new Map<string, (ok: boolean) => void>();
    const model = new IdeaBoardModel(
      fakeBackend(
        3,
        (id, voted) =>
          new Promise((resolve, reject) =>
            answers.set(id, (ok) =>
              ok
                ? resolve({ idea: { ...idea(id, 1), viewerVoted: voted }, votesLeft: 2 })
                : reject(new CwError('server', { status: 500 })),
            ),
          ),
      ),
      'b',
    );
    await loaded(model);
    const a = model.vote(shown(model, 'a'), true);
    const b = model.vote(shown(model, 'b'), true);
    expect(left(model)).to.equal(1);
    await until(() => answers.size === 2, 'the votes were not sent');
    answers.get('b')!(false);
    let error: unknown;
    await b.catch((e: unknown) => (error = e));
    expect((error as CwError).kind).to.equal('server');
    expect(shown(model, 'b')).to.include({ votes: 2, viewerVoted: false });
    expect(shown(model, 'a')).to.include({ votes: 1, viewerVoted: true });
    expect(left(model)).to.equal(2);
    answers.get('a')!(true);
    expect(await a).to.equal(true);
    expect(left(model)).to.equal(2);
  });

  it('refuses a vote beyond the budget without asking the server', async () => {
    let asked = 0;
    const model = new IdeaBoardModel(
      fakeBackend(0, async () => {
        asked += 1;
        throw new Error('unreachable');
      }),
      'b',
    );
    await loaded(model);
    let error: unknown;
    await model.vote(shown(model, 'a'), true).catch((e: unknown) => (error = e));
    expect((error as CwError).kind).to.equal('conflict');
    expect(asked).to.equal(0);
    expect(shown(model, 'a').viewerVoted).to.equal(false);
  });

  it('serves ideas from a REST backend (with Idempotency-Key) or a custom one, else none', async () => {
    const api = await startMockApi();
    await api.community.ideas.saveBoard({ id: 'roadmap', title: 'Roadmap' });
    const rest = new RestBackend({ api: API, getToken: () => mockToken(demoPersonas.customer) });
    const ideas = ideasBackend(rest)!;
    expect(ideasBackend(rest)).to.equal(ideas);
    const created = await ideas.submitIdea(
      'roadmap',
      { title: 'An idea through REST' },
      { idempotencyKey: 'key-0123456789' },
    );
    const again = await ideas.submitIdea(
      'roadmap',
      { title: 'An idea through REST' },
      { idempotencyKey: 'key-0123456789' },
    );
    expect(again.id).to.equal(created.id);
    expect(
      api.requestsTo('/boards/roadmap/ideas', 'POST')[0]!.headers.get('Idempotency-Key'),
    ).to.equal('key-0123456789');
    const page = await ideas.listIdeas('roadmap', { sort: 'new', q: 'REST', limit: 5 });
    expect(page.items.map((i) => i.id)).to.deep.equal([created.id]);
    const custom = fakeBackend(null, () => Promise.reject(new Error('unused')));
    const plain = { ...custom } as unknown as Parameters<typeof ideasBackend>[0];
    expect(ideasBackend(plain)).to.equal(plain);
    const ratingsOnly = {
      getViewer: async () => ({
        authenticated: false,
        id: null,
        name: null,
        avatar: null,
        roles: [],
      }),
      getRatingSummaries: async () => [],
      setRating: () => Promise.reject(new Error('unused')),
      clearRating: () => Promise.reject(new Error('unused')),
    };
    expect(ideasBackend(ratingsOnly)).to.equal(null);
  });
});
