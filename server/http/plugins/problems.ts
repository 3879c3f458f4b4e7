import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InvalidTokenError, KeysUnavailableError } from '../../auth.js';
import { DomainError, type Issue } from '../../domain/errors.js';
import type { Problem } from '../../domain/types.js';
import { MAX_BODY_BYTES, ProtocolError } from '../body.js';
import { PROBLEM_CONTENT_TYPE, problem, problemFromError, type ProblemKind } from '../problem.js';
import { sharedPlugin } from './plugin.js';
import { RateLimitedError } from './rate-limits.js';

/**
 * Every failure answers as problem+json, the way the mock answers it: domain and protocol
 * errors, invalid tokens, rate limits, fastify's own validation and parsing errors, and
 * routes that do not exist. Registered on the root, so it covers every context below it.
 */
export interface ProblemsOptions {
  /**
   * Sets the headers an answer gets from hooks, for answers given where no hook ran: the
   * root's 404 for an address no context's router could hold, fastify's framework errors.
   */
  hooklessHeaders?: (request: FastifyRequest, reply: FastifyReply) => void;
}

export const problemsPlugin = sharedPlugin<ProblemsOptions>(
  { name: 'cw-problems' },
  async (app, { hooklessHeaders }) => {
    app.setErrorHandler((error, request, reply) => sendProblem(request, reply, error));
    app.setNotFoundHandler((request, reply) => {
      hooklessHeaders?.(request, reply);
      return notFound(request, reply);
    });
  },
);

/** Longest path segment routed; a longer one is a URI too long (414), whatever the route. */
export const MAX_PATH_SEGMENT = 512;

/**
 * The not-found answer; a context that needs its own hooks on 404s (the API's CORS and
 * security headers) sets it as its own not-found handler.
 */
export function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0]!;
  if (path.split('/').some((segment) => segment.length > MAX_PATH_SEGMENT)) {
    return sendProblem(request, reply, new UriTooLongError());
  }
  // The path is not echoed: it is the client's text, and may be long or hostile.
  return sendProblem(
    request,
    reply,
    new DomainError('not-found', `Nothing at this ${request.method} address.`),
  );
}

class UriTooLongError extends Error {
  readonly code = 'FST_ERR_MAX_PARAM_LENGTH';
}

/**
 * The headers the lifecycle, security and CORS hooks would have set, for answers given
 * before any hook ran, so a browser can read those answers like any other.
 */
export function hooklessHeaders(
  allowOrigin: (origin: string) => boolean,
  apiPrefix: string,
  securityHeaders: Readonly<Record<string, string>>,
) {
  return (request: FastifyRequest, reply: FastifyReply): void => {
    reply.header('x-request-id', request.id);
    if (!request.url.startsWith(`${apiPrefix}/`)) return;
    reply.headers(securityHeaders);
    const origin = request.headers.origin;
    if (origin !== undefined && allowOrigin(origin)) {
      reply.header('access-control-allow-origin', origin);
      reply.header('access-control-expose-headers', 'Retry-After, X-Request-Id');
      reply.header('vary', 'Origin');
    }
  };
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
): FastifyReply {
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
  FST_ERR_MAX_PARAM_LENGTH: 'uri-too-long',
};

const statusKinds: Record<number, ProblemKind> = {
  400: 'malformed',
  403: 'forbidden',
  404: 'not-found',
  413: 'too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  416: 'range-not-satisfiable',
};

export function problemForError(error: unknown, instance: string): Problem {
  if (error instanceof InvalidTokenError)
    return problem('unauthenticated', error.message, { instance });
  if (error instanceof KeysUnavailableError) {
    return problem(
      'unavailable',
      'Sign-in cannot be checked right now: the identity provider does not answer. Please try again shortly.',
      { instance, retryAfter: error.retryAfter },
    );
  }
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
  // Any other refusal a plugin raises keeps its own status: a client's request is never a 500.
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    const title = STATUS_CODES[status] ?? 'Refused';
    return { type: 'about:blank', title, status, detail: `${title}.`, instance };
  }
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
    case 'forbidden':
      return 'That address may not be read.';
    case 'uri-too-long':
      return `A part of the address is longer than ${MAX_PATH_SEGMENT} characters.`;
    case 'range-not-satisfiable':
      return 'The requested range is not in the file.';
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
