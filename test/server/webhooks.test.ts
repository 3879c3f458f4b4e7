/**
 * Outbound webhooks through the real server and real HTTP receivers on ephemeral ports: retries
 * with the same event id, signatures that the documented receiver verifies and a tampered body
 * that it refuses, event filters, graceful stop, and no event lost under a flaky receiver, on
 * SQLite and (with `CW_TEST_DATABASE_URL`) Postgres.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import type { ServerConfig } from '../../server/config.js';
import { buildApp } from '../../server/http/app.js';
import {
  DEFAULT_DELIVERY_POLICY,
  type WebhookEndpoint,
} from '../../server/domain/webhook-rules.js';
import type { DeliveryStore } from '../../server/webhooks/delivery-store.js';
import { signatureMatches } from '../../server/webhooks/signature.js';
import type { DeliveryReport } from '../../server/webhooks/worker.js';
import { freshDatabase, POSTGRES_SKIP } from '../support/postgres.js';
import {
  startTestReceiver,
  testSecret,
  type ReceivedDelivery,
  type TestReceiver,
} from '../support/webhook-receiver.js';
import {
  person,
  putRating,
  ROOT,
  startApp,
  tempDir,
  testConfig,
  tokenFor,
  type RunningApp,
} from './helpers.js';

/** Fast retries, so a test waits on the receiver, not on the policy. */
const FAST = {
  ...DEFAULT_DELIVERY_POLICY,
  maxAttempts: 30,
  backoffBaseMs: 5,
  backoffCapMs: 40,
  timeoutMs: 5_000,
};

const backends: Array<{
  name: string;
  skip: string | false;
  database(): Promise<{ overrides: Partial<ServerConfig>; drop(): Promise<void> }>;
}> = [
  { name: 'SQLite', skip: false, database: async () => ({ overrides: {}, drop: async () => {} }) },
  {
    name: 'Postgres',
    skip: POSTGRES_SKIP,
    async database() {
      const database = await freshDatabase();
      return { overrides: { databaseUrl: database.url }, drop: () => database.drop() };
    },
  },
];

function deliveriesOf(running: RunningApp): DeliveryStore {
  return (running.app.community.store as unknown as { webhooks: DeliveryStore }).webhooks;
}

/** The event ids of the log, oldest first. */
async function loggedEventIds(running: RunningApp): Promise<string[]> {
  const ids: string[] = [];
  let after = 0;
  for (;;) {
    const page = await running.app.community.store.events.after({ after, limit: 500 });
    if (page.length === 0) return ids;
    ids.push(...page.map((event) => event.id));
    after = page.at(-1)!.seq;
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

for (const backend of backends) {
  describe(`webhooks: ${backend.name}`, { skip: backend.skip }, () => {
    const running: Array<{ close(): Promise<void> }> = [];
    after(async () => {
      for (const thing of running.reverse()) await thing.close();
    });

    async function serve(
      endpoints: Array<Omit<WebhookEndpoint, 'secret'> & { secret?: string }>,
      onAttempt?: (report: DeliveryReport) => void,
      policy = FAST,
    ) {
      const database = await backend.database();
      const webhooks = endpoints.map((endpoint) => ({ secret: testSecret(), ...endpoint }));
      const app = await startApp(
        { ...database.overrides, webhooks, webhookDelivery: policy },
        onAttempt ? { onWebhookAttempt: onAttempt } : {},
      );
      running.push({ close: () => database.drop() }, app);
      return { app, webhooks };
    }

    it('a receiver failing the first 3 attempts gets the event on the 4th, with the same id', async () => {
      const receiver = await startTestReceiver((_delivery, received) =>
        received.length < 3 ? 500 : 200,
      );
      running.push(receiver);
      let settled!: () => void;
      const delivered = new Promise<void>((resolve) => (settled = resolve));
      const { app, webhooks } = await serve(
        [{ id: 'flaky', url: receiver.url, events: ['*'] }],
        // Told after the attempt is recorded, so the log below is complete.
        (report) => report.outcome === 'delivered' && settled(),
      );
      const token = await tokenFor(person('u-rater'));
      assert.equal((await putRating(app.baseUrl, token, 'sku-hook', { value: 4 })).status, 200);
      await delivered;

      const [eventId] = await loggedEventIds(app);
      assert.deepEqual(
        receiver.received.map((delivery) => [delivery.id, delivery.status]),
        [
          [eventId, 500],
          [eventId, 500],
          [eventId, 500],
          [eventId, 200],
        ],
      );
      const bodies = new Set(receiver.received.map((delivery) => delivery.body));
      assert.equal(bodies.size, 1, 'every attempt carries the same body');
      const envelope = JSON.parse([...bodies][0]!);
      assert.deepEqual(
        { ...envelope, occurredAt: typeof envelope.occurredAt },
        {
          id: eventId,
          type: 'rating.set',
          occurredAt: 'string',
          actor: { id: 'u-rater' },
          place: 'subject:sku-hook',
          data: { subject: 'sku-hook', stars: 4, previous: null },
        },
      );
      for (const delivery of receiver.received) {
        assert.ok(
          signatureMatches(
            webhooks[0]!.secret,
            delivery.id,
            Number(delivery.headers['webhook-timestamp']),
            delivery.body,
            String(delivery.headers['webhook-signature']),
          ),
        );
      }

      // The delivery log has every attempt, its status and why it failed.
      const log = await deliveriesOf(app).attempts(eventId!);
      assert.deepEqual(
        log.map(({ attempt, outcome, responseCode, state }) => ({
          attempt,
          outcome,
          responseCode,
          state,
        })),
        [1, 2, 3, 4].map((attempt) => ({
          attempt,
          outcome: attempt < 4 ? 'failed' : 'delivered',
          responseCode: attempt < 4 ? 500 : 200,
          state: 'delivered',
        })),
      );
      assert.match(log[0]!.error!, /answered 500/);
      assert.equal(log[3]!.error, null);
      assert.ok(log.every((entry) => entry.durationMs >= 0));
    });

    it('the documented receiver accepts a delivery and refuses it tampered', async () => {
      const recorder = await startTestReceiver();
      running.push(recorder);
      const { app, webhooks } = await serve([{ id: 'signed', url: recorder.url, events: ['*'] }]);
      const token = await tokenFor(person('u-signer'));
      await putRating(app.baseUrl, token, 'sku-signed', { value: 5 });
      await recorder.until((received) => received.length === 1);
      const [delivery] = recorder.received as [ReceivedDelivery];

      const example = await startExampleReceiver(webhooks[0]!.secret);
      running.push(example);
      const replay = (body: string, headers: Record<string, string> = {}) =>
        fetch(example.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': delivery.id,
            'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
            'webhook-signature': String(delivery.headers['webhook-signature']),
            ...headers,
          },
          body,
        });
      const tampered = delivery.body.replace('"stars":5', '"stars":1');
      assert.notEqual(tampered, delivery.body);
      assert.equal((await replay(tampered)).status, 400);
      assert.equal((await replay(delivery.body, { 'webhook-id': 'ev_other' })).status, 400);
      const later = String(Number(delivery.headers['webhook-timestamp']) + 1);
      assert.equal((await replay(delivery.body, { 'webhook-timestamp': later })).status, 400);
      assert.equal((await replay(delivery.body)).status, 204);
      assert.match(example.output(), /webhook rating\.set ev_/);
      assert.match(example.output(), /refused a delivery/);
    });

    it('sends each endpoint only the events it names', async () => {
      const all = await startTestReceiver();
      const answers = await startTestReceiver();
      running.push(all, answers);
      const { app } = await serve([
        { id: 'all', url: all.url, events: ['*'] },
        { id: 'answers', url: answers.url, events: ['answer.posted', 'idea.*'] },
      ]);
      const asker = await tokenFor(person('u-asker'));
      const helper = await tokenFor(person('u-helper'));
      const post = (path: string, token: string, body: unknown) =>
        fetch(`${app.baseUrl}/api${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((response) => response.json() as Promise<{ id: string }>);
      const question = await post('/subjects/sku-filter/questions', asker, {
        title: 'Does it fit a small kitchen?',
        body: '',
      });
      await post(`/questions/${question.id}/answers`, helper, { body: 'Yes, it is compact.' });
      await all.until((received) => received.length === 2);
      await answers.until((received) => received.length === 1);
      const types = (receiver: TestReceiver) =>
        receiver.received.map((delivery) => JSON.parse(delivery.body).type as string);
      assert.deepEqual(types(all), ['question.asked', 'answer.posted']);
      assert.deepEqual(types(answers), ['answer.posted']);
      assert.equal(
        JSON.parse(answers.received[0]!.body).data.questionTitle,
        'Does it fit a small kitchen?',
      );
    });

    it('stops gracefully mid-attempt, and the next start delivers what was left', async () => {
      let answering = false;
      let arrived!: () => void;
      const hanging = new Promise<void>((resolve) => (arrived = resolve));
      const receiver = await startTestReceiver(() => {
        arrived();
        return answering ? 200 : 'hang';
      });
      running.push(receiver);
      const database = await backend.database();
      const dataDir = await tempDir('cw-webhooks-');
      running.push({
        close: async () => {
          await database.drop();
          await rm(dataDir, { recursive: true, force: true });
        },
      });
      // A long attempt timeout: closing must not wait for it.
      const config = testConfig(dataDir, {
        ...database.overrides,
        webhooks: [{ id: 'slow', url: receiver.url, secret: testSecret(), events: ['*'] }],
        webhookDelivery: { ...FAST, timeoutMs: 60_000 },
      });
      const first = await buildApp(config);
      await first.listen({ port: 0, host: '127.0.0.1' });
      const token = await tokenFor(person('u-patient'));
      const address = first.server.address() as AddressInfo;
      await putRating(`http://127.0.0.1:${address.port}`, token, 'sku-slow', { value: 3 });
      await hanging;
      const started = Date.now();
      await first.close();
      assert.ok(Date.now() - started < 30_000, 'close waited for the attempt to time out');

      answering = true;
      const second = await buildApp(config);
      running.push({ close: () => second.close() });
      await second.ready();
      await receiver.until((received) => received.some((delivery) => delivery.status === 200));
      const [event] = await second.community.store.events.after({ after: 0, limit: 1 });
      assert.deepEqual(
        receiver.received.map((delivery) => [delivery.id, delivery.status]),
        [[event!.id, 200]],
      );
    });

    it('loses no event over 1,000 writes with the receiver failing 30% of attempts', async () => {
      const receiver = await startTestReceiver(() => (Math.random() < 0.3 ? 503 : 204));
      running.push(receiver);
      const reports: DeliveryReport[] = [];
      const { app } = await serve([{ id: 'bulk', url: receiver.url, events: ['*'] }], (report) =>
        reports.push(report),
      );
      const WRITES = 1000;
      const tokens = await Promise.all(
        Array.from({ length: 50 }, (_, n) => tokenFor(person(`u-bulk-${n}`))),
      );
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < WRITES) {
            const n = next++;
            const response = await putRating(
              app.baseUrl,
              tokens[n % tokens.length]!,
              `sku-bulk-${Math.floor(n / tokens.length)}`,
              { value: (n % 5) + 1 },
            );
            assert.equal(response.status, 200);
          }
        }),
      );
      const ids = await loggedEventIds(app);
      assert.equal(ids.length, WRITES);
      await receiver.until(
        (received) =>
          new Set(received.filter((d) => d.status === 204).map((d) => d.id)).size === WRITES,
        120_000,
      );
      const delivered = new Set(receiver.received.filter((d) => d.status === 204).map((d) => d.id));
      assert.deepEqual([...delivered].sort(), [...ids].sort());
      const counts = await deliveriesOf(app).counts();
      // The last settle may still be on its way to the store when the receiver has answered.
      assert.equal(counts.failed, 0);
      const successes = reports.filter((report) => report.outcome === 'delivered');
      const latencies = successes.map((report) => report.sinceEventMs).sort((a, b) => a - b);
      const attempts = successes.map((report) => report.attempt);
      console.log(
        `# ${backend.name}: ${WRITES} events, ${receiver.received.length} attempts ` +
          `(${(receiver.received.length / WRITES).toFixed(2)} per event, most ${Math.max(...attempts)}); ` +
          `latency to delivery p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms`,
      );
    });
  });
}

/** examples/webhook-receiver.mjs in its own process, as a host would run it (no SMTP: it prints). */
async function startExampleReceiver(secret: string) {
  const child = spawn(process.execPath, ['examples/webhook-receiver.mjs'], {
    cwd: ROOT,
    env: { ...process.env, WEBHOOK_SECRET: secret, PORT: '0', SMTP_HOST: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the receiver exited (${code}): ${output}`)));
  });
  return {
    url,
    output: () => output,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('webhooks: two instances on one Postgres database', { skip: POSTGRES_SKIP }, () => {
  it('send each event once between them: creating and leasing deliveries never overlap', async () => {
    const receiver = await startTestReceiver(() => 204);
    const database = await freshDatabase();
    const webhooks = [{ id: 'shared', url: receiver.url, secret: testSecret(), events: ['*'] }];
    const config = { databaseUrl: database.url, webhooks, webhookDelivery: FAST };
    const instances = [await startApp(config), await startApp(config)];
    try {
      const WRITES = 200;
      const tokens = await Promise.all(
        Array.from({ length: 20 }, (_, n) => tokenFor(person(`u-pair-${n}`))),
      );
      await Promise.all(
        Array.from({ length: WRITES }, (_, n) =>
          putRating(instances[n % 2]!.baseUrl, tokens[n % 20]!, `sku-pair-${Math.floor(n / 20)}`, {
            value: 1 + (n % 5),
          }).then((response) => assert.equal(response.status, 200)),
        ),
      );
      const ids = await loggedEventIds(instances[0]!);
      assert.equal(ids.length, WRITES);
      await receiver.until((received) => new Set(received.map((d) => d.id)).size === WRITES);
      assert.equal(receiver.received.length, WRITES, 'no event was sent twice');
      assert.deepEqual(receiver.received.map((d) => d.id).sort(), [...ids].sort());
    } finally {
      for (const instance of instances) await instance.close();
      await receiver.close();
      await database.drop();
    }
  });
});
