/**
 * The webhooks' pure rules and settings: which endpoint wants which event, the retry waits,
 * the configuration's sentences for each broken field, and retention pruning only what every
 * endpoint has delivered.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { ConfigError, defaultConfig, validate } from '../../server/config.js';
import {
  DEFAULT_DELIVERY_POLICY,
  EVENT_TYPES,
  retryDelayMs,
  wantsEvent,
} from '../../server/domain/webhook-rules.js';
import { Community } from '../../server/domain/community.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import { testSecret } from '../support/webhook-receiver.js';
import { person, tempDir } from './helpers.js';

describe('webhook rules', () => {
  it('matches types, families and everything', () => {
    assert.equal(wantsEvent({ events: ['*'] }, 'rating.set'), true);
    assert.equal(wantsEvent({ events: ['idea.*'] }, 'idea.status-changed'), true);
    assert.equal(wantsEvent({ events: ['idea.*'] }, 'ideas.other'), false);
    assert.equal(wantsEvent({ events: ['answer.posted'] }, 'answer.accepted'), false);
    assert.equal(EVENT_TYPES.length, 25);
  });

  it('waits exponentially, capped, with jitter between a tenth and all of the bound', () => {
    const policy = { backoffBaseMs: 1000, backoffCapMs: 10_000 };
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, policy, () => 1)),
      [1000, 2000, 4000, 8000, 10_000, 10_000],
    );
    assert.equal(
      retryDelayMs(3, policy, () => 0),
      400,
    );
  });

  it('refuses broken endpoints and settings, each in a sentence naming it', () => {
    const config = {
      ...defaultConfig(),
      webhooks: [
        { id: 'ok', url: 'https://hooks.example/a', secret: testSecret(), events: ['*'] },
        {
          id: 'ok',
          url: 'ftp://hooks.example',
          secret: 'short',
          events: ['idea.voted', 'nope.*', 'answer.typo'],
        },
        { url: 'https://hooks.example', secret: testSecret(), events: [], extra: 1 },
      ],
      webhookDelivery: {
        ...DEFAULT_DELIVERY_POLICY,
        maxAttempts: 0,
        backoffCapMs: 1,
        timeoutMs: 10,
      },
    } as never;
    assert.throws(
      () => validate(config, false),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const lines = error.message.split('\n- ').slice(1);
        assert.deepEqual(lines, [
          'webhooks[1] "ok": the id is declared twice.',
          'webhooks[1] "ok": url must be an http(s) URL.',
          `webhooks[1] "ok": secret must be whsec_ followed by the base64 of at least 24 random bytes (node -e "console.log('whsec_' + crypto.randomBytes(32).toString('base64'))").`,
          'webhooks[1] "ok": "nope.*" names no family of events (families: rating, review, question, answer, idea, expert, post, moderation, person).',
          'webhooks[1] "ok": "answer.typo" is not an event type (see docs/webhooks.md for the catalogue).',
          'webhooks[2]: an endpoint needs an id of 1–64 letters, digits, dots, dashes or underscores.',
          'webhooks[2]: events must list event types, families like "idea.*", or "*".',
          'webhooks[2]: unknown keys extra (known: id, url, secret, events).',
          'webhookDelivery.maxAttempts must be a whole number from 1 to 100.',
          'webhookDelivery.timeoutMs must be a whole number from 100 to 120000.',
          'webhookDelivery.backoffCapMs must be at least backoffBaseMs.',
        ]);
        return true;
      },
    );
  });

  it('retention prunes delivered events every endpoint has passed, and keeps the rest', async () => {
    const dataDir = await tempDir('cw-retention-');
    const store = new SqliteStore({ dataDir });
    try {
      const community = new Community({ store });
      const deliveries = store.webhooks;
      const endpoints = [{ id: 'a', wants: () => true }];
      await deliveries.enqueue(endpoints, 100, new Date());
      await community.ratings.rate(person('u-old'), 'sku-old', { value: 2 });
      await community.ratings.rate(person('u-new'), 'sku-new', { value: 3 });
      assert.equal(await deliveries.enqueue(endpoints, 100, new Date()), 2);
      const owner = 'test';
      const due = await deliveries.claim({
        endpoints: ['a'],
        now: new Date(),
        limit: 10,
        leaseUntil: new Date(Date.now() + 60_000),
        owner,
      });
      assert.equal(due.length, 2);
      // Only the first is delivered; the second is still waiting for its retry.
      const [delivered, waiting] = due as [(typeof due)[0], (typeof due)[0]];
      const at = new Date();
      await deliveries.settle(
        {
          deliveryId: delivered.deliveryId,
          at,
          outcome: 'delivered',
          responseCode: 204,
          error: null,
          durationMs: 3,
        },
        { state: 'delivered' },
        owner,
      );
      await deliveries.settle(
        {
          deliveryId: waiting.deliveryId,
          at,
          outcome: 'failed',
          responseCode: 503,
          error: 'x',
          durationMs: 3,
        },
        { state: 'pending', dueAt: new Date(Date.now() + 60_000) },
        owner,
      );
      assert.deepEqual(await deliveries.prune(new Date(Date.now() + 1000)), {
        events: 1,
        deliveries: 1,
      });
      const left = await store.events.after({ after: 0, limit: 10 });
      assert.deepEqual(
        left.map((event) => event.id),
        [waiting.event.id],
      );
      assert.deepEqual(await deliveries.counts(), { pending: 1, delivered: 0, failed: 0 });
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
