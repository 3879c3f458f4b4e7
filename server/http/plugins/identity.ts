import type { TokenVerifier } from '../../auth.js';
import type { Identity } from '../../domain/types.js';
import { sharedPlugin } from './plugin.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified viewer, or null for anonymous; set before limits and routes run. */
    identity: Identity | null;
    /** Why the request's token was refused; answered once the route's limiter has counted it. */
    tokenRefused: Error | null;
  }
}

/**
 * Who is asking: the bearer token verified into `request.identity` on every request of the
 * registering context. An untrusted token fails the request (401, or 503 when the identity
 * provider's keys cannot be fetched) before any route runs — but only after the route's
 * rate limiter counted it against the client's IP, so a flood of bad tokens is limited like
 * any other flood (429) instead of being answered 401 without end.
 */
export const identityPlugin = sharedPlugin<{ verifier: TokenVerifier }>(
  { name: 'cw-identity' },
  async (app, { verifier }) => {
    app.decorateRequest('identity', null);
    app.decorateRequest('tokenRefused', null);
    // Callback hooks, not async ones: most requests carry a token verified before, and
    // answering those synchronously spares every request a promise and a microtask.
    app.addHook('onRequest', (request, _reply, done) => {
      const { authorization } = request.headers;
      const known = verifier.known(authorization);
      if (known !== undefined) {
        request.identity = known;
        done();
        return;
      }
      verifier.identify(authorization).then(
        (identity) => {
          request.identity = identity;
          done();
        },
        (error: Error) => {
          request.tokenRefused = error;
          done();
        },
      );
    });
    // preParsing is the first hook after every onRequest hook, the routes' limiters included.
    app.addHook('preParsing', (request, _reply, payload, done) => {
      done(request.tokenRefused, payload);
    });
  },
);
