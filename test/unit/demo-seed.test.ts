import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedDemo } from '../../server/domain/demo-seed.js';
import { createMockCommunity } from '../../server/msw/index.js';

// The reference server (server/serve.ts) and the msw demo page (test/fixtures/demo-page.ts)
// both seed with `seedDemo`, so this is the content either one starts with.
test('the demo seed lifts people to the expert level, through the reputation rules', async () => {
  const community = await createMockCommunity();
  await seedDemo(community);
  const profiles = await community.experts.profiles(null, [
    'u-employee',
    'seed-review-0',
    'u-moderator',
  ]);
  assert.deepEqual(
    profiles.map((p) => [p.name, p.level]),
    [
      ['Emery Employee', 'expert'],
      ['Amira H.', 'expert'],
      ['Morgan Moderator', 'trusted'],
    ],
  );
  const brewing = await community.experts.experts(null, { topic: 'brewing' });
  assert.deepEqual(
    brewing.items.map((e) => e.user.name),
    ['Amira H.', 'Emery Employee', 'Morgan Moderator'],
  );
  const topics = (await community.experts.topics()).items.map((t) => t.topic);
  assert.ok(topics.includes('brewing') && topics.includes('cleaning'), topics.join());
  // The featured product's Q&A is what seedQuestions wrote: nothing seeded crowds it.
  const featured = await community.questions.list(null, 'sku-001', {});
  assert.equal(featured.items.length, 2);
});
