import type { TokenVerifier } from '../../auth.js';
import type { Identity } from '../../domain/types.js';
import { sharedPlugin } from './plugin.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified viewer, or null for anonymous; set before limits and routes run. */
    identity: Identity | null;
  }
}

/**
 * Who is asking: the bearer token verified into `request.identity` on every request of the
 * registering context. An untrusted token fails the request with 401 before any route runs.
 */
export const identityPlugin = sharedPlugin<{ verifier: TokenVerifier }>(
  { name: 'cw-identity' },
  async (app, { verifier }) => {
    app.decorateRequest('identity', null);
    // A callback hook, not an async one: most requests carry a token verified before, and
    // answering those synchronously spares every request a promise and a microtask.
    app.addHook('onRequest', (request, _reply, done) => {
      const { authorization } = request.headers;
      const known = verifier.known(authorization);
      if (known !== undefined) {
        request.identity = known;
        done();
        return;
      }
      verifier.identify(authorization).then((identity) => {
        request.identity = identity;
        done();
      }, done);
    });
  },
);
