import assert from 'node:assert/strict';
import { PROBLEM_BASE } from '../../server/http/problem.js';
import { contractCheck } from './contract-check.js';
import { recordCall } from './journal.js';
import type { Target } from './targets.js';

/** An HTTP answer as contract tests look at it. */
export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

export interface CallOptions {
  method?: string;
  token?: string | undefined;
  /** Sent as JSON unless `raw` is given. */
  json?: unknown;
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * A fetch against one target, shared by the contract test files: every answer is checked
 * against api/openapi.yaml before a test sees it, so a drift fails at the request that shows it.
 */
export function client(target: () => Target) {
  return async function call(path: string, options: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.json !== undefined) body = JSON.stringify(options.json);
    if (options.contentType !== undefined) headers['Content-Type'] = options.contentType;
    else if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(target().baseUrl + path, {
      method: options.method ?? 'GET',
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    const method = options.method ?? 'GET';
    const verdict = contractCheck().check(method, path, {
      status: response.status,
      headers: response.headers,
      text,
    });
    recordCall(verdict.operation?.id ?? `${method} ${path.split('?')[0]}`);
    if (verdict.violations.length > 0) {
      throw new assert.AssertionError({
        message: `The answer breaks the contract:\n- ${verdict.violations.join('\n- ')}`,
        actual: { status: response.status, body: text.slice(0, 2000) },
      });
    }
    return {
      status: response.status,
      headers: response.headers,
      // NDJSON (the event export) as the list of its lines' values; text media types
      // (text/csv) stay text; everything else the contract answers is JSON.
      body: !text
        ? undefined
        : /^application\/x-ndjson\b/.test(response.headers.get('content-type') ?? '')
          ? text
              .split('\n')
              .filter(Boolean)
              .map((line) => JSON.parse(line))
          : /^text\//.test(response.headers.get('content-type') ?? '')
            ? text
            : JSON.parse(text),
    };
  };
}

export function assertProblem(answer: Answer, status: number, kind: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(answer.body.type, PROBLEM_BASE + kind);
  assert.equal(answer.body.status, status);
  assert.equal(typeof answer.body.title, 'string');
  assert.equal(typeof answer.body.detail, 'string');
}

export function assertInvalid(answer: Answer, pointers: string[]): void {
  assertProblem(answer, 422, 'invalid');
  assert.ok(Array.isArray(answer.body.errors), 'a 422 lists its errors');
  for (const error of answer.body.errors) assert.equal(typeof error.detail, 'string');
  assert.deepEqual(
    [...new Set(answer.body.errors.map((error: { pointer: string }) => error.pointer))].sort(),
    [...pointers].sort(),
  );
}

export function assertUnauthorized(answer: Answer): void {
  assertProblem(answer, 401, 'unauthenticated');
  assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer\b/);
}
