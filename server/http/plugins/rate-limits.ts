import rateLimit, { type RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { Redis } from 'ioredis';
import type { ServerConfig } from '../../config.js';
import type { PgRateLimits } from '../../store/postgres/rate-limits.js';
import { sharedPlugin } from './plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Route `onRequest` hooks counting a viewer's reads and writes against their limits. */
    limiters: { reads: onRequestHookHandler; writes: onRequestHookHandler };
  }
}

/** The 429 a limiter throws, carried to the error handler to become a problem. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  readonly statusCode = 429;

  constructor(readonly retryAfter: number) {
    super(`Too many requests; retry in ${retryAfter} s.`);
  }
}

/**
 * Where the counts live, so every instance sees the same ones: Redis when `redisUrl` is set,
 * else the Postgres store's table when the app runs on Postgres, else this process (SQLite
 * allows one instance).
 */
function counterStore(
  app: FastifyInstance,
  redisUrl: string | null,
  counters: PgRateLimits | null,
): Partial<RateLimitPluginOptions> {
  if (redisUrl !== null) {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: false });
    app.addHook('onClose', async () => {
      await redis.quit();
    });
    return { redis, nameSpace: 'cw-rate-limit:' };
  }
  if (counters !== null) return { store: pgCounterStore(counters) };
  return { cache: 100_000 };
}

/** @fastify/rate-limit's store interface over the Postgres counters. */
function pgCounterStore(counters: PgRateLimits): NonNullable<RateLimitPluginOptions['store']> {
  class PgCounterStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      counters.increment(key, timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    child(): PgCounterStore {
      return this;
    }
  }
  return PgCounterStore as unknown as NonNullable<RateLimitPluginOptions['store']>;
}

/**
 * Per-minute limits on reads and writes, offered as `app.limiters` for routes to opt into.
 * Needs `request.identity`: signed-in viewers are limited one by one (a shared office IP
 * must not throttle colleagues), anonymous visitors by IP.
 */
export const rateLimitsPlugin = sharedPlugin<
  ServerConfig['rateLimit'] & { redisUrl?: string | null; counters?: PgRateLimits | null }
>(
  { name: 'cw-rate-limits', dependencies: ['cw-identity'], decorators: { request: ['identity'] } },
  async (app, { readsPerMinute, writesPerMinute, redisUrl = null, counters = null }) => {
    await app.register(rateLimit, {
      global: false,
      ...counterStore(app, redisUrl, counters),
      // The contract promises `Retry-After` on a 429, kept with the rest of a 429's headers.
      // The three x-ratelimit-* headers on every other answer are promised nowhere, and a
      // page on another origin cannot even read them (CORS exposes only Retry-After and
      // X-Request-Id): three header writes per request for no reader.
      addHeadersOnExceeding: {
        'x-ratelimit-limit': false,
        'x-ratelimit-remaining': false,
        'x-ratelimit-reset': false,
      },
    });
    const limiter = (perMinute: number, bucket: string) =>
      app.rateLimit({
        max: perMinute,
        timeWindow: 60_000,
        keyGenerator: (request: FastifyRequest) =>
          `${bucket}:${request.identity ? `viewer:${request.identity.id}` : `ip:${request.ip}`}`,
        errorResponseBuilder: (_request, context) =>
          new RateLimitedError(Math.max(1, Math.ceil(context.ttl / 1000))),
      }) as onRequestHookHandler;
    app.decorate('limiters', {
      reads: limiter(readsPerMinute, 'reads'),
      writes: limiter(writesPerMinute, 'writes'),
    });
  },
);
