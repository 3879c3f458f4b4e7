import { http, HttpResponse, delay, type RequestHandler } from 'msw';
import type { Community } from '../domain/community.js';
import { isJsonContentType, parseJsonBody, ProtocolError } from '../http/body.js';
import { NDJSON, ndjsonStream } from '../http/ndjson.js';
import { operations, wantsCsv, type Operation } from '../http/operations.js';
import { problem, problemFromError } from '../http/problem.js';
import { problemResponse } from './responses.js';
import { identityFromMockToken } from './tokens.js';

export interface MockHandlerOptions {
  /** Base URL the handlers answer under; msw wildcards allowed. Default: any origin, `/api`. */
  api?: string;
  /** Milliseconds to wait before answering, to make loading states visible. */
  latency?: number;
  now?: () => Date;
}

/** One msw handler per operation of the contract, all answering from `community`. */
export function createHandlers(
  community: Community,
  { api = '*/api', latency = 0, now = () => new Date() }: MockHandlerOptions = {},
): RequestHandler[] {
  const base = api.replace(/\/+$/, '');
  return operations.map((operation) =>
    http[method(operation)](base + operation.path, async ({ request, params }) => {
      if (latency > 0) await delay(latency);
      return answer(community, operation, request, params as Record<string, string>, now());
    }),
  );
}

async function answer(
  community: Community,
  operation: Operation,
  request: Request,
  params: Record<string, string>,
  now: Date,
): Promise<Response> {
  const identity = identityFromMockToken(request.headers.get('Authorization'), now);
  if (identity === undefined) {
    return problemResponse(problem('unauthenticated', 'The token is invalid or has expired.'), '', {
      'WWW-Authenticate': 'Bearer error="invalid_token"',
    });
  }
  try {
    const body =
      operation.body !== false &&
      (operation.method === 'PUT' || operation.method === 'POST' || operation.method === 'PATCH')
        ? await readJson(request)
        : undefined;
    const url = new URL(request.url);
    const query = Object.fromEntries(url.searchParams);
    const result = await operation.run(community, {
      identity,
      params,
      query,
      body,
      idempotencyKey: request.headers.get('Idempotency-Key') ?? undefined,
    });
    if (operation.status === 204) return new HttpResponse(null, { status: 204 });
    if (operation.stream === 'ndjson') {
      return new HttpResponse(ndjsonStream(result as AsyncIterable<unknown>), {
        headers: { 'Content-Type': NDJSON },
      });
    }
    if (operation.csv && wantsCsv(operation, query, request.headers.get('Accept'))) {
      const { body, fileName } = operation.csv(result);
      return new HttpResponse(body, {
        status: 200,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${fileName}"`,
        },
      });
    }
    return HttpResponse.json(result as Record<string, unknown>, {
      status: operation.status ?? 200,
    });
  } catch (error) {
    const answer = problemFromError(error);
    // RFC 6750: every 401 names the scheme, as the server's do.
    return problemResponse(
      answer,
      '',
      answer.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {},
    );
  }
}

async function readJson(request: Request): Promise<unknown> {
  if (!isJsonContentType(request.headers.get('Content-Type'))) {
    throw new ProtocolError('unsupported-media-type', 'Send the body as application/json.');
  }
  return parseJsonBody(await request.text());
}

function method(operation: Operation): 'get' | 'put' | 'delete' | 'post' | 'patch' {
  return operation.method.toLowerCase() as 'get' | 'put' | 'delete' | 'post' | 'patch';
}
