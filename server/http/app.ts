import { randomBytes, randomUUID } from 'node:crypto';
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { TokenVerifier } from '../auth.js';
import type { ServerConfig } from '../config.js';
import type { Store } from '../domain/store.js';
import { contractFile } from '../paths.js';
import { openStore } from '../store/open.js';
import { PostgresStore } from '../store/postgres.js';
import { MAX_BODY_BYTES } from './body.js';
import { loadRouteSchemas } from './contract-schemas.js';
import { communityPlugin } from './plugins/community.js';
import { contractRoutesPlugin } from './plugins/contract-routes.js';
import { devTokensPlugin } from './plugins/dev-tokens.js';
import { identityPlugin } from './plugins/identity.js';
import { API_SECURITY_HEADERS, jsonApiPlugin } from './plugins/json-api.js';
import { lifecyclePlugin } from './plugins/lifecycle.js';
import {
  hooklessHeaders,
  MAX_PATH_SEGMENT,
  notFound,
  problemsPlugin,
  sendProblem,
} from './plugins/problems.js';
import { rateLimitsPlugin } from './plugins/rate-limits.js';
import { staticFilesPlugin } from './plugins/static-files.js';
import { webhooksPlugin } from './plugins/webhooks.js';
import type { DeliveryReport } from '../webhooks/worker.js';

export { DEV_TOKEN_SECONDS } from './plugins/dev-tokens.js';
export { problemForError } from './plugins/problems.js';

export const API_PREFIX = '/api';

export interface AppOptions {
  /** Defaults to the store `config` names (server/store/open.ts). The app closes it when it closes. */
  store?: Store;
  /** Defaults to api/openapi.yaml in the project root. */
  contractFile?: string | URL;
  /** Told of every webhook attempt (the demo prints them). */
  onWebhookAttempt?: (report: DeliveryReport) => void;
}

/**
 * The reference server: every operation of the contract under `/api`, validated against the
 * contract's own schemas, answered by the domain, errors as problem+json. Optionally serves
 * the demo pages at `/` and the browser bundle at `/cdn/`. Each concern is a plugin in
 * ./plugins; this only decides which contexts they share.
 */
export async function buildApp(
  config: ServerConfig,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const store = options.store ?? (await openStore(config));
  const schemas = loadRouteSchemas(options.contractFile ?? contractFile());
  // Dev personas need a signing secret; without a configured one, tokens die with the process.
  const secret =
    config.jwt.secret ?? (config.devPersonas ? randomBytes(32).toString('base64url') : null);
  const verifier = new TokenVerifier({ ...config.jwt, secret, devTokens: config.devPersonas });
  const allowOrigin = (origin: string) =>
    config.allowedOrigins.includes('*') || config.allowedOrigins.includes(origin);
  const headersWithoutHooks = hooklessHeaders(allowOrigin, API_PREFIX, API_SECURITY_HEADERS);

  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, redact: ['req.headers.authorization'] },
    trustProxy: config.trustProxy,
    bodyLimit: MAX_BODY_BYTES,
    // Subject ids may have 128 characters; longer ones must reach validation (422), not 404.
    routerOptions: { maxParamLength: MAX_PATH_SEGMENT },
    // A URL fastify cannot decode, a path parameter over maxParamLength: answered before any
    // hook runs, yet as problem+json with the headers every other answer has.
    frameworkErrors: (error, request, reply) => {
      headersWithoutHooks(request, reply);
      sendProblem(request, reply, error);
    },
    // Bytes node cannot parse as HTTP (a body longer than its Content-Length, a broken
    // header): there is no request to hang headers on, but the answer is still a problem.
    clientErrorHandler: (error, socket) => {
      if (!socket.writable) return socket.destroy(error);
      const status = (error as { code?: string }).code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const body = JSON.stringify({
        type: 'about:blank',
        title: status === 431 ? 'Request header fields too large' : 'Bad request',
        status,
        detail: 'The request is not well-formed HTTP.',
        instance: randomUUID(),
      });
      socket.end(
        `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
          'Content-Type: application/problem+json\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          `X-Request-Id: ${JSON.parse(body).instance}\r\n` +
          "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n" +
          'X-Content-Type-Options: nosniff\r\n' +
          'Connection: close\r\n\r\n' +
          body,
      );
    },
    genReqId: (request) => {
      const sent = request.headers['x-request-id'];
      return typeof sent === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(sent) ? sent : randomUUID();
    },
    ajv: {
      // Bodies arrive exactly as sent: no coercion, no silent removal of unknown fields, and
      // every broken field reported at once. Path and query values are strings in the contract.
      customOptions: {
        coerceTypes: false,
        removeAdditional: false,
        useDefaults: false,
        allErrors: true,
      },
    },
  });
  await app.register(communityPlugin, {
    store,
    boards: config.boards,
    reputation: config.reputation,
    moderation: config.moderation,
    access: config.access,
  });
  await app.register(webhooksPlugin, {
    store,
    webhooks: config.webhooks,
    webhookDelivery: config.webhookDelivery,
    onAttempt: options.onWebhookAttempt,
  });
  await app.register(lifecyclePlugin);
  await app.register(problemsPlugin, { hooklessHeaders: headersWithoutHooks });

  // The API's hooks run in registration order: CORS, security headers, identity, then each
  // route's limiter (which counts per viewer, so it needs the identity).
  await app.register(
    async (api) => {
      await api.register(cors, corsOptions(allowOrigin));
      // The API's own 404, so its hooks (CORS, security headers) answer unknown addresses too.
      api.setNotFoundHandler(notFound);
      await api.register(jsonApiPlugin);
      await api.register(identityPlugin, { verifier });
      await api.register(rateLimitsPlugin, {
        ...config.rateLimit,
        redisUrl: config.redisUrl,
        counters: store instanceof PostgresStore ? store.rateLimits : null,
      });
      await api.register(contractRoutesPlugin, { schemas });
      if (config.devPersonas) await api.register(devTokensPlugin, { secret: secret! });
    },
    { prefix: API_PREFIX },
  );

  await app.register(staticFilesPlugin, { cdnDir: config.cdnDir, demoDir: config.demoDir });
  return app;
}

function corsOptions(allowOrigin: (origin: string) => boolean): FastifyCorsOptions {
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowOrigin(origin)),
    // An OPTIONS without preflight headers is answered like a preflight, not with text/plain.
    strictPreflight: false,
    methods: ['GET', 'HEAD', 'PUT', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
    exposedHeaders: ['Retry-After', 'X-Request-Id'],
    credentials: false,
    maxAge: 600,
  };
}
