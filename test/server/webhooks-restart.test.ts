/**
 * At-least-once across a crash: the real server (its own process, as `npm start` runs it) is
 * killed with SIGKILL after a change committed and while its webhook is on the wire; the next
 * start delivers the event, with the same id, once the dead worker's lease has run out.
 */
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startTestReceiver, testSecret } from '../support/webhook-receiver.js';
import { person, putRating, spawnServer, tempDir, tokenFor } from './helpers.js';

describe('webhooks across a SIGKILL', () => {
  const cleanUp: Array<() => Promise<unknown>> = [];
  after(async () => {
    for (const step of cleanUp.reverse()) await step();
  });

  it('delivers after a restart what was committed but not delivered', async () => {
    let answering = false;
    let arrived!: (id: string) => void;
    const onTheWire = new Promise<string>((resolve) => (arrived = resolve));
    const receiver = await startTestReceiver((delivery) => {
      arrived(delivery.id);
      return answering ? 204 : 'hang';
    });
    cleanUp.push(() => receiver.close());
    const dataDir = await tempDir('cw-webhooks-kill-');
    cleanUp.push(() => rm(dataDir, { recursive: true, force: true }));
    const configFile = join(dataDir, 'config.json');
    await writeFile(
      configFile,
      JSON.stringify({
        webhooks: [{ id: 'crm', url: receiver.url, secret: testSecret(), events: ['rating.*'] }],
        // A short attempt timeout keeps the dead worker's lease (timeout + margin) short.
        webhookDelivery: { timeoutMs: 1000, backoffBaseMs: 10, backoffCapMs: 100 },
      }),
    );
    const env = { CW_CONFIG: configFile };

    const first = await spawnServer(dataDir, env);
    const token = await tokenFor(person('u-crash'));
    assert.equal((await putRating(first.baseUrl, token, 'sku-crash', { value: 2 })).status, 200);
    const eventId = await onTheWire;
    first.child.kill('SIGKILL');
    assert.equal((await first.exited).signal, 'SIGKILL');
    assert.equal(receiver.received.length, 0, 'nothing was acknowledged before the kill');

    answering = true;
    const second = await spawnServer(dataDir, env);
    cleanUp.push(async () => {
      second.child.kill('SIGTERM');
      await second.exited;
    });
    await receiver.until((received) => received.length > 0, 60_000);
    assert.deepEqual(
      receiver.received.map((delivery) => [delivery.id, delivery.status]),
      [[eventId, 204]],
    );
    assert.equal(JSON.parse(receiver.received[0]!.body).data.stars, 2);
  });
});
