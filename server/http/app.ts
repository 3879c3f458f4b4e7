import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type onRequestHookHandler,
} from 'fastify';
import { InvalidTokenError, TokenVerifier, mintToken } from '../auth.js';
import type { ServerConfig } from '../config.js';
import { Community } from '../domain/community.js';
import { DomainError, type Issue } from '../domain/errors.js';
import { demoPersonas, type PersonaName } from '../domain/seed.js';
import type { Store } from '../domain/store.js';
import type { Identity, Problem } from '../domain/types.js';
import { contractFile } from '../paths.js';
import { SqliteStore } from '../store/sqlite.js';
import { MAX_BODY_BYTES, ProtocolError, isJsonContentType, parseJsonBody } from './body.js';
import { loadRouteSchemas, toRoutePath, type RouteSchemas } from './contract-schemas.js';
import { operations, type Operation } from './operations.js';
import { PROBLEM_CONTENT_TYPE, problem, problemFromError, type ProblemKind } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified viewer, or null for anonymous; set before anything else runs. */
    identity: Identity | null;
  }
  interface FastifyInstance {
    community: Community;
  }
}

export const API_PREFIX = '/api';
/** Lifetime of demo persona tokens; the demo page refreshes them before they run out. */
export const DEV_TOKEN_SECONDS = 15 * 60;
const DEV_TOKEN_ISSUER = 'community-widgets-dev';

export interface AppOptions {
  /** Defaults to a SqliteStore in `config.dataDir`. The app closes it when it closes. */
  store?: Store;
  /** Defaults to api/openapi.yaml in the project root. */
  contractFile?: string | URL;
}

/** The 429 a rate limiter throws, carried to the error handler to become a problem. */
class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  readonly statusCode = 429;

  constructor(readonly retryAfter: number) {
    super(`Too many requests; retry in ${retryAfter} s.`);
  }
}

/**
 * The reference server: every operation of the contract under `/api`, validated against the
 * contract's own schemas, answered by the domain, errors as problem+json. Optionally serves
 * the demo pages at `/` and the browser bundle at `/cdn/`.
 */
export async function buildApp(
  config: ServerConfig,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const store =
    options.store ??
    new SqliteStore({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous });
  const community = new Community({ store });
  const schemas = loadRouteSchemas(options.contractFile ?? contractFile());
  // Dev personas need a signing secret; without a configured one, tokens die with the process.
  const secret =
    config.jwt.secret ?? (config.devPersonas ? randomBytes(32).toString('base64url') : null);
  const verifier = new TokenVerifier({ ...config.jwt, secret, issuer: config.jwt.issuer });

  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, redact: ['req.headers.authorization'] },
    trustProxy: config.trustProxy,
    bodyLimit: MAX_BODY_BYTES,
    // Subject ids may have 128 characters; longer ones must reach validation (422), not 404.
    routerOptions: { maxParamLength: 512 },
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
  app.decorate('community', community);
  app.decorateRequest('identity', null);
  app.addHook('onClose', async () => {
    await store.close();
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // While closing, answer in-flight requests with `Connection: close`: fastify closes only the
  // connections idle at the moment close() starts, and a keep-alive socket freed later would
  // otherwise hold shutdown open until its keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('Connection', 'close');
  });
  app.setErrorHandler((error, request, reply) => sendProblem(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      new DomainError('not-found', `Nothing at ${request.method} ${request.url.split('?')[0]}.`),
    ),
  );

  await app.register(
    async (api) => {
      await api.register(cors, {
        origin: (origin, callback) =>
          callback(
            null,
            origin !== undefined &&
              (config.allowedOrigins.includes('*') || config.allowedOrigins.includes(origin)),
          ),
        methods: ['GET', 'HEAD', 'PUT', 'POST', 'PATCH', 'DELETE'],
        allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
        exposedHeaders: ['Retry-After', 'X-Request-Id'],
        credentials: false,
        maxAge: 600,
      });
      await api.register(rateLimit, { global: false });
      const limiter = (perMinute: number, bucket: string) =>
        api.rateLimit({
          max: perMinute,
          timeWindow: 60_000,
          cache: 100_000,
          // Signed-in viewers are limited one by one (a shared office IP must not throttle
          // colleagues); anonymous visitors by IP.
          keyGenerator: (request: FastifyRequest) =>
            `${bucket}:${request.identity ? `viewer:${request.identity.id}` : `ip:${request.ip}`}`,
          errorResponseBuilder: (_request, context) =>
            new RateLimitedError(Math.max(1, Math.ceil(context.ttl / 1000))),
        }) as onRequestHookHandler;
      const limitReads = limiter(config.rateLimit.readsPerMinute, 'reads');
      const limitWrites = limiter(config.rateLimit.writesPerMinute, 'writes');

      api.addHook('onRequest', async (request, reply) => {
        reply.headers(API_SECURITY_HEADERS);
        request.identity = await verifier.identify(request.headers.authorization);
      });

      api.removeAllContentTypeParsers();
      const parseJson = (
        _request: FastifyRequest,
        body: string | Buffer,
        done: (error: Error | null, body?: unknown) => void,
      ) => {
        try {
          done(null, parseJsonBody(body.toString()));
        } catch (error) {
          done(error as Error, undefined);
        }
      };
      // The same parser as the mock, so size, depth and syntax limits answer alike.
      for (const type of ['application/json', /^application\/[\w.+-]+\+json$/]) {
        api.addContentTypeParser(type, { parseAs: 'string', bodyLimit: MAX_BODY_BYTES }, parseJson);
      }

      for (const operation of operations) {
        const contract = schemas.get(operation.id);
        if (!contract) throw new Error(`Operation ${operation.id} is not in the contract.`);
        assertSameRoute(operation, contract);
        api.route({
          method: operation.method,
          url: operation.path,
          schema: {
            ...(contract.params ? { params: contract.params } : {}),
            ...(contract.querystring ? { querystring: contract.querystring } : {}),
            ...(contract.body ? { body: contract.body } : {}),
          },
          onRequest: operation.writes ? limitWrites : limitReads,
          preValidation: async (request) => {
            if (operation.body !== false) requireJsonBody(request);
            if (contract.requiresBearer && !request.identity) {
              throw new DomainError('unauthenticated', 'Sign in to do this.');
            }
          },
          handler: async (request, reply) => {
            const key = request.headers['idempotency-key'];
            const result = await operation.run(community, {
              identity: request.identity,
              params: request.params as Record<string, string>,
              query: request.query as Record<string, string | undefined>,
              body: request.body,
              idempotencyKey: Array.isArray(key) ? key.join(',') : key,
            });
            reply.code(operation.status ?? 200);
            return operation.status === 204 ? reply.send() : result;
          },
        });
      }

      if (config.devPersonas) {
        api.log.warn(
          '⚠ DEV PERSONAS ARE ON: anyone reaching this server can mint tokens at POST /api/dev/token. Never enable this in production.',
        );
        api.post(
          '/dev/token',
          {
            onRequest: limitWrites,
            schema: {
              body: {
                type: 'object',
                additionalProperties: false,
                required: ['persona'],
                properties: { persona: { type: 'string', enum: Object.keys(demoPersonas) } },
              },
            },
            preValidation: async (request) => requireJsonBody(request),
          },
          async (request) => {
            const persona = demoPersonas[(request.body as { persona: PersonaName }).persona];
            const token = await mintToken(persona, {
              secret: secret!,
              audience: config.jwt.audience,
              issuer: config.jwt.issuer ?? DEV_TOKEN_ISSUER,
              expiresIn: DEV_TOKEN_SECONDS,
            });
            return {
              token,
              expiresAt: new Date(Date.now() + DEV_TOKEN_SECONDS * 1000).toISOString(),
              viewer: community.viewer(persona),
            };
          },
        );
      }
    },
    { prefix: API_PREFIX },
  );

  // Pages get the full helmet set (their CSP matters); it stays out of the API's hot path.
  await app.register(async (pages) => {
    await pages.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'https:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Host pages on other origins load /cdn/ and call /api; CORS guards the API itself.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    });

    await serveStatic(pages, config);
  });
  return app;
}

/**
 * Headers on every API answer, computed once: JSON is never a document to render, so the
 * policy denies everything; bundles and answers may be read cross-origin (CORS guards the API).
 */
const API_SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'cross-origin',
} as const;

/** The mock and the server both insist on a JSON body for writes that carry one. */
function requireJsonBody(request: FastifyRequest): void {
  if (
    ['PUT', 'POST', 'PATCH'].includes(request.method) &&
    !isJsonContentType(request.headers['content-type'])
  ) {
    throw new ProtocolError('unsupported-media-type', 'Send the body as application/json.');
  }
}

function assertSameRoute(operation: Operation, contract: RouteSchemas): void {
  if (toRoutePath(contract.path) !== operation.path || contract.method !== operation.method) {
    throw new Error(
      `Operation ${operation.id} is ${operation.method} ${operation.path} in operations.ts but ` +
        `${contract.method} ${contract.path} in the contract.`,
    );
  }
}

async function serveStatic(app: FastifyInstance, config: ServerConfig): Promise<void> {
  if (config.cdnDir !== null) {
    const root = resolve(config.cdnDir);
    if (existsSync(root)) {
      await app.register(fastifyStatic, {
        root,
        prefix: '/cdn/',
        decorateReply: false,
        // Module scripts are fetched with CORS, and any host page may load the bundle.
        setHeaders: (response) => response.setHeader('Access-Control-Allow-Origin', '*'),
      });
    } else {
      app.log.warn(`No browser bundle at ${root}; run \`npm run build\` to serve /cdn/.`);
    }
  }
  if (config.demoDir !== null) {
    const root = resolve(config.demoDir);
    if (existsSync(root))
      await app.register(fastifyStatic, { root, prefix: '/', decorateReply: false });
    else app.log.warn(`No demo pages at ${root}.`);
  }
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const answer = problemForError(error, request.id);
  if (answer.status >= 500) request.log.error({ err: error }, 'request failed');
  if (answer.status === 401) {
    reply.header(
      'WWW-Authenticate',
      error instanceof InvalidTokenError
        ? `Bearer error="invalid_token", error_description="${error.message}"`
        : 'Bearer',
    );
  }
  if (answer.retryAfter !== undefined) reply.header('Retry-After', String(answer.retryAfter));
  return reply.code(answer.status).type(PROBLEM_CONTENT_TYPE).send(answer);
}

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
  validation?: Array<{
    instancePath: string;
    keyword: string;
    params: Record<string, unknown>;
    message?: string;
  }>;
  validationContext?: string;
}

/** Fastify's own errors, by code, as the problem kinds the mock would answer with. */
const fastifyErrorKinds: Record<string, ProblemKind> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'too-large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed',
  FST_ERR_BAD_URL: 'malformed',
};

const statusKinds: Record<number, ProblemKind> = {
  400: 'malformed',
  404: 'not-found',
  413: 'too-large',
  415: 'unsupported-media-type',
};

export function problemForError(error: unknown, instance: string): Problem {
  if (error instanceof InvalidTokenError)
    return problem('unauthenticated', error.message, { instance });
  if (error instanceof RateLimitedError) {
    return problem('rate-limited', error.message, { instance, retryAfter: error.retryAfter });
  }
  if (error instanceof DomainError || error instanceof ProtocolError)
    return problemFromError(error, instance);
  const fastifyError = (error ?? {}) as FastifyLikeError;
  if (fastifyError.validation) {
    const issues = validationIssues(fastifyError.validation, fastifyError.validationContext);
    return problemFromError(DomainError.invalid(issues), instance);
  }
  const kind =
    fastifyErrorKinds[fastifyError.code ?? ''] ??
    (fastifyError.statusCode !== undefined ? statusKinds[fastifyError.statusCode] : undefined);
  if (kind) return problem(kind, describeKind(kind), { instance });
  return problemFromError(error, instance);
}

function describeKind(kind: ProblemKind): string {
  switch (kind) {
    case 'unsupported-media-type':
      return 'Send the body as application/json.';
    case 'too-large':
      return `The body may be at most ${MAX_BODY_BYTES} bytes.`;
    case 'not-found':
      return 'Nothing here.';
    default:
      return 'The request is not well-formed.';
  }
}

/**
 * Ajv errors as the domain's issues: `/field` pointers into the body, `#name` for path and
 * query parameters; one issue per input, at most ten.
 */
function validationIssues(
  errors: NonNullable<FastifyLikeError['validation']>,
  context = 'body',
): Issue[] {
  const byPointer = new Map<string, Issue>();
  for (const error of errors) {
    const field =
      typeof error.params.missingProperty === 'string'
        ? `${error.instancePath}/${error.params.missingProperty}`
        : typeof error.params.additionalProperty === 'string'
          ? `${error.instancePath}/${error.params.additionalProperty}`
          : error.instancePath;
    const pointer = context === 'body' ? field : `#${field.split('/')[1] ?? ''}`;
    if (!byPointer.has(pointer)) byPointer.set(pointer, { pointer, detail: describeIssue(error) });
  }
  return [...byPointer.values()].slice(0, 10);
}

function describeIssue(error: NonNullable<FastifyLikeError['validation']>[number]): string {
  const { keyword, params } = error;
  switch (keyword) {
    case 'required':
      return `"${String(params.missingProperty)}" is required.`;
    case 'additionalProperties':
      return `Unknown field "${String(params.additionalProperty)}".`;
    case 'type':
      return `Must be of type ${String(params.type)}.`;
    case 'minimum':
    case 'maximum':
      return `Must be ${keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}.`;
    case 'minLength':
      return params.limit === 1
        ? 'Must not be empty.'
        : `Must have at least ${String(params.limit)} characters.`;
    case 'maxLength':
      return `May have at most ${String(params.limit)} characters.`;
    case 'pattern':
      return 'Contains characters that are not allowed here.';
    case 'enum':
      return `Must be one of: ${(params.allowedValues as unknown[]).join(', ')}.`;
    default:
      return `Is not valid (${error.message ?? keyword}).`;
  }
}
