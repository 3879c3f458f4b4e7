import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { CommunityBackend } from '../../src/core/backend.js';
import { createBatcher } from '../../src/core/batcher.js';
import { CwError } from '../../src/core/errors.js';
import { PagedList } from '../../src/core/paged-list.js';
import { RatingsStore, type RatingState } from '../../src/core/ratings.js';
import { parseRetryAfter, RestBackend } from '../../src/core/rest-backend.js';
import { configure, resolveBackend } from '../../src/core/config.js';
import type { RatingSummary } from '../../src/core/types.js';
import { summaryOf } from '../../api/shared/rating-math.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A backend in memory that records calls and can be told to fail or to wait. */
function fakeBackend() {
  const distributions = new Map<string, number[]>();
  const own = new Map<string, number>();
  const calls: string[] = [];
  let failWrites: CwError | undefined;
  let gate: Promise<void> = Promise.resolve();
  const summary = (subject: string) =>
    summaryOf(subject, distributions.get(subject) ?? [0, 0, 0, 0, 0], own.get(subject) ?? null);
  const backend: CommunityBackend = {
    async getViewer() {
      return { authenticated: true, id: 'u1', name: 'U', avatar: null, roles: [] };
    },
    async getRatingSummaries(subjects) {
      calls.push(`GET ${subjects.join(',')}`);
      return subjects.map(summary);
    },
    async setRating(subject, value) {
      calls.push(`PUT ${subject} ${value}`);
      await gate;
      if (failWrites) throw failWrites;
      const distribution = distributions.get(subject) ?? [0, 0, 0, 0, 0];
      const previous = own.get(subject);
      if (previous) distribution[previous - 1]! -= 1;
      distribution[value - 1]! += 1;
      distributions.set(subject, distribution);
      own.set(subject, value);
      return summary(subject);
    },
    async clearRating(subject) {
      calls.push(`DELETE ${subject}`);
      await gate;
      if (failWrites) throw failWrites;
      const previous = own.get(subject);
      if (previous) distributions.get(subject)![previous - 1]! -= 1;
      own.delete(subject);
      return summary(subject);
    },
  };
  return {
    backend,
    calls,
    distributions,
    failWritesWith(error: CwError | undefined) {
      failWrites = error;
    },
    /** Holds writes until the returned function is called. */
    holdWrites(): () => void {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return release;
    },
  };
}

function follow(store: RatingsStore, subject: string): RatingState[] {
  const states: RatingState[] = [];
  store.subscribe(subject, (state) => states.push(state));
  return states;
}

const summaryIn = (state: RatingState | undefined): RatingSummary => {
  assert.equal(state?.status, 'ready');
  return (state as Extract<RatingState, { status: 'ready' }>).summary;
};

describe('createBatcher', () => {
  it('sends keys asked for in one task together, deduplicated, in chunks of 100', async () => {
    const batches: string[][] = [];
    const load = createBatcher(async (keys: string[]) => {
      batches.push(keys);
      return new Map(keys.map((key) => [key, key.toUpperCase()]));
    });
    const keys = Array.from({ length: 150 }, (_, i) => `k${i}`);
    const values = await Promise.all([...keys, 'k0', 'k1'].map(load));
    assert.deepEqual(
      batches.map((batch) => batch.length),
      [100, 50],
    );
    assert.equal(values[150], 'K0');
    assert.equal(values[3], 'K3');
  });

  it('rejects every waiting key when the batch fails, and keys missing from the answer', async () => {
    const failing = createBatcher(async () => {
      throw new Error('down');
    });
    await assert.rejects(Promise.all([failing('a'), failing('b')]), /down/);
    const partial = createBatcher(async (keys: string[]) => new Map([[keys[0]!, 1]]));
    const [a, b] = await Promise.allSettled([partial('a'), partial('b')]);
    assert.equal(a.status, 'fulfilled');
    assert.equal(b.status, 'rejected');
  });
});

describe('RatingsStore', () => {
  it('loads subjects subscribed in the same task with one call and shares entries', async () => {
    const fake = fakeBackend();
    const store = new RatingsStore(fake.backend);
    const a = follow(store, 'a');
    const a2 = follow(store, 'a');
    follow(store, 'b');
    await tick();
    assert.deepEqual(fake.calls, ['GET a,b']);
    assert.equal(a.at(-1)!.status, 'ready');
    assert.equal(a2.at(-1), a.at(-1));
  });

  it('never sends a malformed subject id, so it cannot fail a batch', async () => {
    const fake = fakeBackend();
    const store = new RatingsStore(fake.backend);
    const bad = follow(store, 'not ok!');
    follow(store, 'ok');
    await tick();
    assert.deepEqual(fake.calls, ['GET ok']);
    const state = bad.at(-1)!;
    assert.equal(state.status, 'error');
    assert.deepEqual((state as { error: CwError }).error.pointers, ['#subject']);
  });

  it('shows a write at once and keeps the server answer', async () => {
    const fake = fakeBackend();
    fake.distributions.set('a', [0, 0, 0, 0, 2]);
    const store = new RatingsStore(fake.backend);
    const states = follow(store, 'a');
    await tick();
    const release = fake.holdWrites();
    const write = store.rate('a', 1);
    const optimistic = states.at(-1)!;
    assert.deepEqual(summaryIn(optimistic), {
      subject: 'a',
      average: 11 / 3,
      count: 3,
      distribution: [1, 0, 0, 0, 2],
      viewerRating: 1,
    });
    assert.equal((optimistic as { saving: boolean }).saving, true);
    release();
    await write;
    assert.equal((states.at(-1) as { saving: boolean }).saving, false);
    assert.equal(summaryIn(states.at(-1)).viewerRating, 1);
  });

  it('rolls back to the last confirmed summary and rejects when the backend refuses', async () => {
    const fake = fakeBackend();
    fake.distributions.set('a', [0, 0, 1, 0, 0]);
    const store = new RatingsStore(fake.backend);
    const states = follow(store, 'a');
    await tick();
    const before = summaryIn(states.at(-1));
    fake.failWritesWith(new CwError('server', { status: 503 }));
    await assert.rejects(store.rate('a', 5), (error: CwError) => error.kind === 'server');
    assert.deepEqual(summaryIn(states.at(-1)), before);
  });

  it('sends writes to one subject one at a time and skips values superseded meanwhile', async () => {
    const fake = fakeBackend();
    const store = new RatingsStore(fake.backend);
    const states = follow(store, 'a');
    await tick();
    const release = fake.holdWrites();
    const first = store.rate('a', 1);
    await tick(); // the first write is now on its way
    const later = [store.rate('a', 2), store.rate('a', 3), store.rate('a', 4)];
    release();
    await Promise.all([first, ...later]);
    // 2 and 3 were overtaken by 4 before they could leave.
    assert.deepEqual(fake.calls.slice(1), ['PUT a 1', 'PUT a 4']);
    assert.equal(summaryIn(states.at(-1)).viewerRating, 4);
    assert.equal(summaryIn(states.at(-1)).count, 1);
  });

  it('keeps quiet about a failure that a newer write supersedes', async () => {
    const fake = fakeBackend();
    const store = new RatingsStore(fake.backend);
    follow(store, 'a');
    await tick();
    const release = fake.holdWrites();
    fake.failWritesWith(new CwError('server', { status: 500 }));
    const first = store.rate('a', 2);
    const second = store.rate('a', 3);
    release();
    await assert.doesNotReject(first);
    await assert.rejects(second);
  });
});

describe('RestBackend', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  /** Answers each request with the next response in `script`; records what was sent. */
  function scriptedFetch(script: Array<() => Response>) {
    const sent: Array<{ url: string; method: string; authorization: string | null }> = [];
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      sent.push({
        url: String(input),
        method: init?.method ?? 'GET',
        authorization: headers.get('Authorization'),
      });
      const next = script.shift();
      if (!next) throw new TypeError('no more responses');
      return next();
    }) as typeof fetch;
    return sent;
  }

  const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: {
        'Content-Type': status < 400 ? 'application/json' : 'application/problem+json',
        ...headers,
      },
    });
  const summary = summaryOf('a', [0, 0, 0, 0, 1], 5);

  it('asks for a fresh token once after a 401 and retries with it', async () => {
    const sent = scriptedFetch([
      () => json({ type: 'x', title: 'Sign-in required', status: 401 }, 401),
      () => json(summary),
    ]);
    const refreshes: boolean[] = [];
    const backend = new RestBackend({
      api: 'https://api.test/v1/',
      getToken: ({ refresh }) => {
        refreshes.push(refresh);
        return refresh ? 'fresh' : 'stale';
      },
    });
    assert.deepEqual(await backend.setRating('a', 5), summary);
    assert.deepEqual(refreshes, [false, true]);
    assert.deepEqual(
      sent.map((request) => [request.method, request.url, request.authorization]),
      [
        ['PUT', 'https://api.test/v1/subjects/a/rating', 'Bearer stale'],
        ['PUT', 'https://api.test/v1/subjects/a/rating', 'Bearer fresh'],
      ],
    );
  });

  it('gives up after one refresh and reports the 401 as a sentence', async () => {
    scriptedFetch([
      () => json({ type: 'x', title: 't', status: 401 }, 401),
      () => json({ type: 'x', title: 't', status: 401 }, 401),
    ]);
    const backend = new RestBackend({ api: 'https://api.test', getToken: () => 'token' });
    await assert.rejects(backend.clearRating('a'), (error: CwError) => {
      assert.equal(error.kind, 'unauthenticated');
      assert.match(error.message, /Sign in again/);
      return true;
    });
  });

  it('waits out a short Retry-After on 429 for idempotent requests', async () => {
    const sent = scriptedFetch([
      () =>
        json({ type: 'x', title: 't', status: 429, retryAfter: 1 }, 429, { 'Retry-After': '1' }),
      () => json({ items: [summary] }),
    ]);
    const backend = new RestBackend({ api: 'https://api.test' });
    const started = Date.now();
    assert.deepEqual(await backend.getRatingSummaries(['a']), [summary]);
    assert.ok(Date.now() - started >= 990, 'retried before Retry-After');
    assert.equal(sent.length, 2);
    assert.equal(sent[0]!.url, 'https://api.test/ratings?subjects=a');
  });

  it('reports a long Retry-After instead of waiting', async () => {
    scriptedFetch([
      () => json({ type: 'x', title: 't', status: 429 }, 429, { 'Retry-After': '120' }),
    ]);
    const backend = new RestBackend({ api: 'https://api.test' });
    await assert.rejects(backend.getRatingSummaries(['a']), (error: CwError) => {
      assert.equal(error.kind, 'rate-limited');
      assert.equal(error.retryAfter, 120);
      assert.match(error.message, /120 seconds/);
      return true;
    });
  });

  it('maps statuses and network failures to typed errors that keep the problem', async () => {
    const problem = {
      type: 'https://community-widgets.dev/problems/invalid',
      title: 'Invalid input',
      status: 422,
      detail: 'A rating must be a whole number from 1 to 5.',
      errors: [{ pointer: '/value', detail: 'A rating must be a whole number from 1 to 5.' }],
    };
    scriptedFetch([() => json(problem, 422), () => new Response('oops', { status: 502 })]);
    const backend = new RestBackend({ api: 'https://api.test', getToken: () => 't' });
    await assert.rejects(backend.setRating('a', 9), (error: CwError) => {
      assert.equal(error.kind, 'invalid');
      assert.deepEqual(error.pointers, ['/value']);
      assert.deepEqual(error.problem, problem);
      return true;
    });
    await assert.rejects(backend.setRating('a', 1), (error: CwError) => error.kind === 'server');
    scriptedFetch([]);
    await assert.rejects(backend.setRating('a', 1), (error: CwError) => error.kind === 'network');
  });

  /** A fetch that never answers, as a hung server: only its signal ends it. */
  function hangingFetch() {
    const seen: AbortSignal[] = [];
    let called!: () => void;
    const sent = new Promise<void>((resolve) => (called = resolve));
    globalThis.fetch = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = init!.signal!;
        seen.push(signal);
        called();
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      })) as typeof fetch;
    return Object.assign(seen, { sent });
  }

  it('gives up on a request that does not answer in time, reads and writes alike', async () => {
    hangingFetch();
    const backend = new RestBackend({
      api: 'https://api.test',
      getToken: () => 't',
      timeout: { read: 20, write: 40 },
    });
    for (const attempt of [
      () => backend.getRatingSummaries(['a']),
      () => backend.setRating('a', 4),
    ]) {
      await assert.rejects(attempt(), (error: CwError) => {
        assert.equal(error.kind, 'timeout');
        assert.match(error.message, /did not answer in time/);
        return true;
      });
    }
  });

  it('times out an answer whose body never finishes', async () => {
    globalThis.fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      const body = new ReadableStream({
        start(controller) {
          init!.signal!.addEventListener('abort', () => controller.error(init!.signal!.reason));
        },
      });
      return new Response(body, { headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
    const backend = new RestBackend({ api: 'https://api.test', timeout: { read: 20 } });
    await assert.rejects(backend.getRatingSummaries(['a']), (e: CwError) => e.kind === 'timeout');
  });

  it("aborts with the caller's signal, not as a timeout", async () => {
    const seen = hangingFetch();
    const backend = new RestBackend({ api: 'https://api.test' });
    const caller = new AbortController();
    const read = backend.getRatingSummaries(['a'], { signal: caller.signal });
    await seen.sent;
    caller.abort();
    await assert.rejects(read, (error: CwError) => error.kind === 'aborted');
    assert.equal(seen[0]!.aborted, true, 'the fetch itself was cancelled');
  });

  it('says a 2xx answer that is not JSON could not be read, and a 503 is unavailable', async () => {
    scriptedFetch([
      () => new Response('{"items": [', { headers: { 'Content-Type': 'application/json' } }),
      () => new Response('<html>', { status: 503, headers: { 'Retry-After': '5' } }),
    ]);
    const backend = new RestBackend({ api: 'https://api.test' });
    await assert.rejects(backend.getRatingSummaries(['a']), (error: CwError) => {
      assert.equal(error.kind, 'bad-answer');
      assert.match(error.message, /could not read/);
      return true;
    });
    await assert.rejects(backend.getRatingSummaries(['a']), (error: CwError) => {
      assert.equal(error.kind, 'unavailable');
      assert.equal(error.retryAfter, 5);
      assert.match(error.message, /unavailable\. Please try again shortly/);
      return true;
    });
  });

  it('uses the timeouts given to configure()', async () => {
    hangingFetch();
    configure({ api: 'https://timeouts.test', timeout: { read: 10 } });
    try {
      const backend = resolveBackend(undefined, undefined) as RestBackend;
      await assert.rejects(backend.getRatingSummaries(['a']), (e: CwError) => e.kind === 'timeout');
    } finally {
      configure({ api: undefined, timeout: undefined });
    }
  });

  it('answers GET /me locally when there is no token', async () => {
    const sent = scriptedFetch([]);
    const backend = new RestBackend({ api: 'https://api.test', getToken: () => null });
    assert.equal((await backend.getViewer()).authenticated, false);
    assert.equal(sent.length, 0);
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('7', now), 7);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now), 30);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });
});

describe('resolveBackend', () => {
  afterEach(() => configure({ api: undefined, backend: undefined, getToken: undefined }));

  it('prefers the element api, then the provider, then configure()', () => {
    const custom = fakeBackend().backend;
    configure({ api: 'https://global.test' });
    const global = resolveBackend(undefined, undefined);
    assert.ok(global instanceof RestBackend);
    assert.equal(resolveBackend(undefined, undefined), global, 'one backend per api, shared');
    assert.equal(resolveBackend(undefined, { backend: custom }), custom);
    const own = resolveBackend('https://own.test', { backend: custom });
    assert.ok(own instanceof RestBackend && own !== global);
    configure({ api: undefined });
    assert.equal(resolveBackend(undefined, undefined), undefined);
  });
});

describe('PagedList', () => {
  it('cancels the page still loading when its last subscriber leaves; the next asks again', () => {
    const signals: AbortSignal[] = [];
    const list = new PagedList<{ id: string }>((_cursor, signal) => {
      signals.push(signal);
      return new Promise(() => {});
    });
    const first = list.subscribe(() => {});
    const second = list.subscribe(() => {});
    first();
    assert.equal(signals[0]!.aborted, false, 'someone still shows it');
    second();
    assert.equal(signals[0]!.aborted, true);
    list.subscribe(() => {});
    assert.equal(signals.length, 2);
    assert.equal(list.state.status, 'loading');
  });
});
