import { expect } from '@open-wc/testing';
import { until } from '../support/dom.js';
import type { PageResult } from '../../src/core/paged-list.js';
import {
  ProfilesStore,
  type Expert,
  type ExpertsBackend,
  type ProfileState,
  type TopicExpertise,
  type UserProfile,
} from '../../src/core/experts.js';

const kettles = (endorsed: boolean): TopicExpertise => ({
  userId: 'casey',
  topic: 'kettles',
  score: 50,
  points: 40,
  endorsements: endorsed ? 1 : 0,
  endorsedByViewer: endorsed,
});

const casey = (endorsed: boolean): UserProfile => ({
  id: 'casey',
  name: 'Casey',
  avatar: null,
  reputation: 75,
  level: 'contributor',
  nextLevelAt: 200,
  topics: [kettles(endorsed)],
  badges: [],
});

/** A backend whose answers the test hands out one by one, in the order it chooses. */
function heldBackend() {
  const loads: Array<(profile: UserProfile) => void> = [];
  const endorsements: Array<(expertise: TopicExpertise) => void> = [];
  const directory: Array<(page: PageResult<Expert>) => void> = [];
  const unused = () => Promise.reject(new Error('unused'));
  const backend: ExpertsBackend = {
    getUserProfiles: () => new Promise((resolve) => loads.push((p) => resolve([p]))),
    setEndorsement: () => new Promise((resolve) => endorsements.push(resolve)),
    listExperts: () => new Promise((resolve) => directory.push(resolve)),
    listTopics: unused,
    inviteToAnswer: unused,
    listInvitations: unused,
  };
  return { backend, loads, endorsements, directory };
}

/** A store showing Casey, loaded once, not endorsed by the viewer. */
async function loadedCasey() {
  const { backend, loads, endorsements, directory } = heldBackend();
  const store = new ProfilesStore(backend);
  const seen: { state: ProfileState } = { state: { status: 'loading' } };
  store.subscribe('casey', (state) => (seen.state = state));
  await until(() => loads.length === 1);
  loads[0]!(casey(false));
  await until(() => pressed(seen.state) === false);
  return { store, loads, endorsements, directory, shown: () => seen.state };
}

const reputation = (state: ProfileState) =>
  state.status === 'ready' ? state.profile.reputation : undefined;
const pressed = (state: ProfileState) =>
  state.status === 'ready' ? state.profile.topics[0]!.endorsedByViewer : undefined;

describe('profiles store', () => {
  it('does not let a load that read the person before an endorsement undo it', async () => {
    const { store, loads, endorsements, shown } = await loadedCasey();

    // The visitor's identity settles: everyone loads again, and that load is slow.
    store.reloadAll();
    await until(() => loads.length === 2);
    const endorsing = store.endorse('casey', 'kettles', true);
    expect(pressed(shown())).to.equal(true);

    // The endorsement lands first; the load that read the person before it answers after.
    endorsements[0]!(kettles(true));
    await endorsing;
    loads[1]!(casey(false));
    await until(() => loads.length === 3);
    expect(pressed(shown()), 'the stale load is not shown').to.equal(true);
    loads[2]!({ ...casey(true), reputation: 80 });
    await until(() => reputation(shown()) === 80, 'the fresh load was not shown');
    expect(pressed(shown())).to.equal(true);
  });

  it('shows an endorsement still on its way over a load that answers meanwhile', async () => {
    const { store, loads, endorsements, shown } = await loadedCasey();

    const endorsing = store.endorse('casey', 'kettles', true);
    store.reloadAll();
    await until(() => loads.length === 2);
    loads[1]!(casey(false));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(pressed(shown()), 'the pending endorsement stays shown').to.equal(true);
    endorsements[0]!(kettles(true));
    await endorsing;
    expect(pressed(shown())).to.equal(true);
  });

  it('takes a directory page read before an endorsement landed as a reason to load again', async () => {
    const { store, loads, endorsements, directory, shown } = await loadedCasey();
    const page = store.listExperts({ topic: 'kettles', limit: 10 });
    await until(() => directory.length === 1);
    const endorsing = store.endorse('casey', 'kettles', true);
    endorsements[0]!(kettles(true));
    await endorsing;
    directory[0]!({
      items: [{ rank: 1, score: 50, topic: 'kettles', user: casey(false) }],
      nextCursor: null,
    });
    expect((await page).items).to.have.length(1);
    expect(pressed(shown()), 'the stale page is not shown').to.equal(true);
    await until(() => loads.length === 2, 'Casey was not loaded again');
    loads[1]!({ ...casey(true), reputation: 80 });
    await until(() => reputation(shown()) === 80);
    expect(pressed(shown())).to.equal(true);
  });
});
