import { expect } from '@open-wc/testing';
import { CwError } from '../../src/core/errors.js';
import {
  INBOX_REFRESH,
  UnreadCountStore,
  type NotificationsBackend,
  type UnreadState,
} from '../../src/core/notifications.js';
import { until } from '../support/dom.js';

/** A backend whose unread count answers from `answers` in turn (an Error: a failure). */
function countingBackend(answers: Array<number | Error>) {
  const calls: number[] = [];
  const backend = {
    async getUnreadNotificationCount() {
      calls.push(performance.now());
      const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as NotificationsBackend;
  return { backend, calls };
}

function stubVisibility(value: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
}

describe('UnreadCountStore', () => {
  const saved = { ...INBOX_REFRESH };
  const stops: Array<() => void> = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    Object.assign(INBOX_REFRESH, saved);
    delete (document as { visibilityState?: unknown }).visibilityState;
  });

  it('asks once for any number of subscribers', async () => {
    const { backend, calls } = countingBackend([4]);
    const store = new UnreadCountStore(backend);
    const seen: UnreadState[] = [];
    for (let i = 0; i < 5; i += 1) stops.push(store.subscribe((s) => seen.push(s)));
    await until(() => store.state.status === 'ready', 'no count');
    expect(calls).to.have.length(1);
    expect(store.state).to.deep.equal({ status: 'ready', unread: 4 });
  });

  it('doubles the wait after each failure and keeps the last count', async () => {
    Object.assign(INBOX_REFRESH, { intervalMs: 40, maxBackoffMs: 10_000 });
    const failure = new CwError('server', { status: 503 });
    const { backend, calls } = countingBackend([2, failure, failure, 3]);
    const store = new UnreadCountStore(backend);
    stops.push(store.subscribe(() => undefined));
    await until(() => calls.length === 4, 'the count was not asked four times');
    const gaps = calls.slice(1).map((at, i) => at - calls[i]!);
    // Timers never fire early: each wait is at least the interval times 2^failures.
    expect(gaps[0]).to.be.at.least(40 - 1);
    expect(gaps[1]).to.be.at.least(80 - 1);
    expect(gaps[2]).to.be.at.least(160 - 1);
    await until(() => store.state.status === 'ready', 'no recovery');
    expect(store.state).to.deep.equal({ status: 'ready', unread: 3 });
  });

  it('never asks from a hidden tab, and asks when it shows again', async () => {
    Object.assign(INBOX_REFRESH, { intervalMs: 20 });
    stubVisibility('hidden');
    const { backend, calls } = countingBackend([1]);
    const store = new UnreadCountStore(backend);
    stops.push(store.subscribe(() => undefined));
    document.dispatchEvent(new Event('visibilitychange'));
    await store.refresh();
    expect(calls).to.have.length(0);
    stubVisibility('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await until(() => calls.length === 1, 'showing the tab did not ask');
    // Hidden again: the interval stops; the next ask waits for the tab.
    stubVisibility('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    const before = calls.length;
    await store.refresh();
    expect(calls.length).to.equal(before);
  });
});
