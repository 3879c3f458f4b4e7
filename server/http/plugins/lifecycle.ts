import { sharedPlugin } from './plugin.js';

/** Every answer names its request id, and a shutdown does not wait for keep-alive sockets. */
export const lifecyclePlugin = sharedPlugin({ name: 'cw-lifecycle' }, async (app) => {
  // Callback hooks: they run on every request, and an async hook costs a promise each.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // While closing, answer in-flight requests with `Connection: close`: fastify closes only the
  // connections idle at the moment close() starts, and a keep-alive socket freed later would
  // otherwise hold shutdown open until its keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('Connection', 'close');
    done(null, payload);
  });
});
