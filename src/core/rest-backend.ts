import type { CommunityBackend, RequestOptions, TokenProvider } from './backend.js';
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
}

export type Method = 'GET' | 'PUT' | 'DELETE' | 'POST' | 'PATCH';

const ANONYMOUS: Viewer = { authenticated: false, id: null, name: null, avatar: null, roles: [] };

/** The default backend: the REST contract in api/openapi.yaml over `fetch`. */
export class RestBackend implements CommunityBackend {
  readonly #base: string;
  readonly #getToken: TokenProvider | undefined;
  readonly #maxRetryAfter: number;
  readonly #maxRateLimitRetries: number;

  constructor({ api, getToken, maxRetryAfter = 10, maxRateLimitRetries = 2 }: RestBackendOptions) {
    this.#base = api.replace(/\/+$/, '');
    this.#getToken = getToken;
    this.#maxRetryAfter = maxRetryAfter;
    this.#maxRateLimitRetries = maxRateLimitRetries;
  }

  async getViewer(options?: RequestOptions): Promise<Viewer> {
    // Without a token the answer is known; skip the round trip.
    if (!(await this.#token(false))) return ANONYMOUS;
    return this.#request<Viewer>('GET', '/me', options);
  }

  async getRatingSummaries(subjects: string[], options?: RequestOptions): Promise<RatingSummary[]> {
    const query = new URLSearchParams({ subjects: subjects.join(',') });
    const list = await this.#request<{ items: RatingSummary[] }>(
      'GET',
      `/ratings?${query}`,
      options,
    );
    return list.items;
  }

  setRating(subject: string, value: number, options?: RequestOptions): Promise<RatingSummary> {
    return this.#request('PUT', `/subjects/${encodeURIComponent(subject)}/rating`, options, {
      value,
    });
  }

  clearRating(subject: string, options?: RequestOptions): Promise<RatingSummary> {
    return this.#request('DELETE', `/subjects/${encodeURIComponent(subject)}/rating`, options);
  }

  /**
   * Sends any operation of the contract, with the same token refresh, 429 handling and
   * errors as the methods above: feature modules (src/core/ideas.ts) add their operations
   * through it instead of growing this class. `headers` carries e.g. `Idempotency-Key`.
   */
  request<T>(
    method: Method,
    path: string,
    {
      signal,
      body,
      headers,
    }: RequestOptions & { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<T> {
    return this.#request<T>(method, path, signal ? { signal } : {}, body, headers);
  }

  async #token(refresh: boolean): Promise<string | null> {
    return (await this.#getToken?.({ refresh })) || null;
  }

  /**
   * Sends one request. A 401 with a token asks the host once for a fresh token and retries;
   * a 429 on an idempotent method waits out a short `Retry-After` and retries.
   */
  async #request<T>(
    method: Method,
    path: string,
    { signal }: RequestOptions = {},
    body?: unknown,
    extraHeaders?: Record<string, string>,
  ): Promise<T> {
    let token = await this.#token(false);
    let refreshed = false;
    let rateLimitRetries = 0;
    for (;;) {
      const response = await this.#send(method, path, token, body, signal, extraHeaders);
      if (response.ok) return (await response.json()) as T;
      const error = await errorFromResponse(response);
      if (error.kind === 'unauthenticated' && token && !refreshed) {
        refreshed = true;
        token = await this.#token(true);
        if (token) continue;
      }
      if (
        error.kind === 'rate-limited' &&
        method !== 'POST' &&
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

  async #send(
    method: Method,
    path: string,
    token: string | null,
    body: unknown,
    signal: AbortSignal | undefined,
    extraHeaders: Record<string, string> = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...extraHeaders, Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      return await fetch(this.#base + path, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: signal ?? null,
        // Identity travels in the bearer token only; cookies would make requests CSRF-able.
        credentials: 'omit',
      });
    } catch (error) {
      throw toCwError(error);
    }
  }
}

async function errorFromResponse(response: Response): Promise<CwError> {
  let problem: Problem | undefined;
  if (/json/i.test(response.headers.get('Content-Type') ?? '')) {
    problem = (await response.json().catch(() => undefined)) as Problem | undefined;
  }
  return CwError.fromStatus(
    response.status,
    problem,
    parseRetryAfter(response.headers.get('Retry-After')),
  );
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
