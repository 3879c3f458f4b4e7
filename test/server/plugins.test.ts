/**
 * The server's HTTP plugins declare what they need; fastify refuses to compose them wrongly
 * at start-up instead of failing on the first request.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { TokenVerifier } from '../../server/auth.js';
import { contractRoutesPlugin } from '../../server/http/plugins/contract-routes.js';
import { identityPlugin } from '../../server/http/plugins/identity.js';
import { rateLimitsPlugin } from '../../server/http/plugins/rate-limits.js';
import { TEST_SECRET } from './helpers.js';

const verifier = new TokenVerifier({
  secret: TEST_SECRET,
  jwksUrl: null,
  issuer: null,
  audience: 'community-widgets',
});
const limits = { readsPerMinute: 10, writesPerMinute: 10 };

describe('HTTP plugins', () => {
  it('rate limits need the identity plugin (they count per viewer)', async () => {
    const app = Fastify();
    await assert.rejects(
      (async () => app.register(rateLimitsPlugin, limits))(),
      /'identity' required by 'cw-rate-limits'/,
    );
    await app.close();
  });

  it('contract routes need the community, identity, limits and the JSON API', async () => {
    const app = Fastify();
    await app.register(identityPlugin, { verifier });
    await app.register(rateLimitsPlugin, limits);
    await assert.rejects(
      (async () => app.register(contractRoutesPlugin, { schemas: new Map() }))(),
      /required by 'cw-contract-routes'/,
    );
    await app.close();
  });

  it('identity and limits decorate the context that registers them', async () => {
    const app = Fastify();
    await app.register(identityPlugin, { verifier });
    await app.register(rateLimitsPlugin, limits);
    assert.ok(app.hasRequestDecorator('identity'));
    assert.equal(typeof app.limiters.reads, 'function');
    assert.equal(typeof app.limiters.writes, 'function');
    await app.close();
  });
});
