import type { CommunityBackend, CreateOptions, RequestOptions, TokenProvider } from './backend.js';
import { CwError, toCwError } from './errors.js';
import type { Problem, RatingSummary, Viewer } from './types.js';

export interface RestBackendOptions {
  /** Base URL of the API, e.g. `https://example.com/community/api`. */
  api: string;
  getToken?: TokenProvider | undefined;
  /** Longest `Retry-After` (seconds) the client waits out by itself before reporting 429. */
  maxRetryAfter?: number;
  /** How many 429s in a row the client waits out for one request. */
  maxRateLimitRetries?: number;
  /** How long one request may take, answer included, before it fails as `timeout`. */
  timeout?: RequestTimeouts | undefined;
}

/**
 * Milliseconds a request may take, from sending to the last byte of its answer. A write
 * gets longer than a read: it may wait for a transaction, and giving up early only makes the
 * visitor retry something that was about to succeed (the retry is safe either way: it
 * replays the same Idempotency-Key).
 */
export interface RequestTimeouts {
  /** GET requests; default 15 000 (15 s). */
  read?: number;
  /** PUT, POST, PATCH and DELETE; default 30 000 (30 s). */
  write?: number;
}

export const DEFAULT_TIMEOUTS: Required<RequestTimeouts> = { read: 15_000, write: 30_000 };

export type Method = 'GET' | 'PUT' | 'DELETE' | 'POST' | 'PATCH';

const ANONYMOUS: Viewer = { authenticated: false, id: null, name: null, avatar: null, roles: [] };

/** The default backend: the REST contract in api/openapi.yaml over `fetch`. */
export class RestBackend implements CommunityBackend {
  readonly #base: string;
  readonly #getToken: TokenProvider | undefined;
  readonly #maxRetryAfter: number;
  readonly #maxRateLimitRetries: number;
  readonly #timeouts: Required<RequestTimeouts>;

  constructor({
    api,
    getToken,
    maxRetryAfter = 10,
    maxRateLimitRetries = 2,
    timeout,
  }: RestBackendOptions) {
    this.#base = api.replace(/\/+$/, '');
    this.#getToken = getToken;
    this.#maxRetryAfter = maxRetryAfter;
    this.#maxRateLimitRetries = maxRateLimitRetries;
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...timeout };
  }

  async getViewer(options?: RequestOptions): Promise<Viewer> {
    // Without a token the answer is known; skip the round trip.
    if (!(await this.#token(false))) return ANONYMOUS;
    return this.request<Viewer>('GET', '/me', options);
  }

  async getRatingSummaries(subjects: string[], options?: RequestOptions): Promise<RatingSummary[]> {
    const query = new URLSearchParams({ subjects: subjects.join(',') });
    const list = await this.request<{ items: RatingSummary[] }>(
      'GET',
      `/ratings?${query}`,
      options,
    );
    return list.items;
  }

  setRating(subject: string, value: number, options?: RequestOptions): Promise<RatingSummary> {
    return this.request('PUT', `/subjects/${encodeURIComponent(subject)}/rating`, options, {
      value,
    });
  }

  clearRating(subject: string, options?: RequestOptions): Promise<RatingSummary> {
    return this.request('DELETE', `/subjects/${encodeURIComponent(subject)}/rating`, options);
  }

  async #token(refresh: boolean): Promise<string | null> {
    return (await this.#getToken?.({ refresh })) || null;
  }

  /**
   * Sends one request to the API and returns its JSON (undefined for 204). A 401 with a
   * token asks the host once for a fresh token and retries; a 429 on an idempotent request
   * (any but a POST without an Idempotency-Key) waits out a short `Retry-After` and retries.
   * Public so each widget's REST adapter (e.g. `rest-questions.ts`) ships with its widget
   * instead of growing this class for every page.
   */
  async request<T>(
    method: Method,
    path: string,
    { signal, idempotencyKey }: CreateOptions = {},
    body?: unknown,
  ): Promise<T> {
    let token = await this.#token(false);
    let refreshed = false;
    let rateLimitRetries = 0;
    for (;;) {
      const answer = await this.#exchange(method, path, token, body, signal, idempotencyKey);
      if (answer.ok) return answer.value as T;
      const error = answer.error;
      if (error.kind === 'unauthenticated' && token && !refreshed) {
        refreshed = true;
        token = await this.#token(true);
        if (token) continue;
      }
      // A POST is repeated only with its Idempotency-Key: then the server creates it once.
      if (
        error.kind === 'rate-limited' &&
        (method !== 'POST' || idempotencyKey !== undefined) &&
        rateLimitRetries < this.#maxRateLimitRetries &&
        (error.retryAfter ?? Infinity) <= this.#maxRetryAfter
      ) {
        rateLimitRetries += 1;
        await wait((error.retryAfter ?? 0) * 1000, signal);
        continue;
      }
      throw error;
    }
  }

  /**
   * One round trip, answer body included, under the request's timeout: the caller's signal
   * (an element that went away) and the timer both abort it. Throws only for the network,
   * the caller's abort and the timeout; an HTTP error comes back as `{ ok: false }`.
   */
  async #exchange(
    method: Method,
    path: string,
    token: string | null,
    body: unknown,
    signal: AbortSignal | undefined,
    idempotencyKey: string | undefined,
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: CwError }> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (signal?.aborted) throw new CwError('aborted');
    const controller = new AbortController();
    let timedOut = false;
    const limit = method === 'GET' ? this.#timeouts.read : this.#timeouts.write;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, limit);
    const follow = () => controller.abort();
    signal?.addEventListener('abort', follow, { once: true });
    try {
      const response = await fetch(this.#base + path, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: controller.signal,
        // Identity travels in the bearer token only; cookies would make requests CSRF-able.
        credentials: 'omit',
      });
      if (response.status === 204) return { ok: true, value: undefined };
      if (response.ok) return { ok: true, value: await readJson(response) };
      return { ok: false, error: await errorFromResponse(response) };
    } catch (error) {
      if (timedOut) throw new CwError('timeout', { cause: error });
      if (signal?.aborted) throw new CwError('aborted', { cause: error });
      throw toCwError(error);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', follow);
    }
  }
}

/** A success's JSON; an answer that is not JSON is the service's fault, not the network's. */
async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CwError('bad-answer', { status: response.status, cause: error });
  }
}

async function errorFromResponse(response: Response): Promise<CwError> {
  let problem: Problem | undefined;
  const text = await response.text();
  if (/json/i.test(response.headers.get('Content-Type') ?? '')) {
    try {
      problem = JSON.parse(text) as Problem;
    } catch {
      // A broken error body still has its status; the status says what happened.
    }
  }
  return CwError.fromStatus(
    response.status,
    problem,
    parseRetryAfter(response.headers.get('Retry-After')),
  );
}

/** `?a=1&b=x` from the defined values, or '' when there are none. */
export function searchParams(values: Record<string, string | number | undefined>): string {
  const defined = Object.entries(values).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '',
  );
  if (defined.length === 0) return '';
  return `?${new URLSearchParams(defined.map(([k, v]) => [k, String(v)]))}`;
}

/** `Retry-After` as seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CwError('aborted'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new CwError('aborted'));
      },
      { once: true },
    );
  });
}
