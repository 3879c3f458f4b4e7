import type { ServerConfig } from '../../config.js';
import type { Store } from '../../domain/store.js';
import type { DeliveryStore } from '../../webhooks/delivery-store.js';
import { WebhookWorker, type DeliveryReport } from '../../webhooks/worker.js';
import { sharedPlugin } from './plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The webhook delivery worker; null when the site configures no endpoint. */
    webhooks: WebhookWorker | null;
  }
}

/**
 * The host's webhooks (docs/webhooks.md): a delivery worker over the store's delivery tables,
 * started when the server is ready and stopped before the store closes, nudged after every
 * write the API answers so an event leaves within a round trip of its commit.
 */
export const webhooksPlugin = sharedPlugin<
  Pick<ServerConfig, 'webhooks' | 'webhookDelivery'> & {
    store: Store;
    onAttempt?: ((report: DeliveryReport) => void) | undefined;
  }
>({ name: 'cw-webhooks' }, async (app, { webhooks, webhookDelivery, store, onAttempt }) => {
  if (webhooks.length === 0) {
    app.decorate('webhooks', null);
    return;
  }
  const deliveries = (store as Partial<{ webhooks: DeliveryStore }>).webhooks;
  if (deliveries === undefined) {
    throw new Error('Webhooks need the SQLite or Postgres store, which keep their deliveries.');
  }
  const worker = new WebhookWorker({
    store: deliveries,
    endpoints: webhooks,
    policy: webhookDelivery,
    onAttempt: (report) => {
      onAttempt?.(report);
      if (report.next.state === 'failed') {
        app.log.warn(report, 'webhook delivery given up after its last attempt');
      } else {
        app.log.debug(report, 'webhook attempt');
      }
    },
    onError: (error) => app.log.error({ err: error }, 'webhook worker could not reach the store'),
  });
  app.decorate('webhooks', worker);
  app.addHook('onReady', async () => worker.start());
  // fastify runs onClose hooks in reverse order of registration: this one runs before the
  // community plugin's, which closes the store the worker still settles attempts in.
  app.addHook('onClose', async () => worker.stop());
  app.addHook('onResponse', (request, _reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') worker.nudge();
    done();
  });
});
