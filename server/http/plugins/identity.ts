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
    app.addHook('onRequest', async (request) => {
      request.identity = await verifier.identify(request.headers.authorization);
    });
  },
);
