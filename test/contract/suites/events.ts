/**
 * The event export: who may read it, every line in the contract's shape (the client checks
 * each NDJSON line against `EventExportLine`), pages that resume from their cursor without
 * skipping or repeating an event, and the events a change writes, in order: the same cases
 * against every target.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Identity } from '../../../server/domain/types.js';
import { assertInvalid, assertProblem, assertUnauthorized, client } from '../client.js';
import { trackOperations } from '../journal.js';
import { unlessSkipped, type Target, type TargetFactory } from '../target.js';

interface ExportedEvent {
  id: string;
  type: string;
  occurredAt: string;
  actor: { id: string } | null;
  place: string | null;
  data: Record<string, unknown>;
}
interface ExportEnd {
  nextCursor: string;
  more: boolean;
}

const person = (id: string, roles: Identity['roles'] = ['member']): Identity => ({
  id,
  name: id.replace(/^u-/, ''),
  avatar: null,
  roles,
});

export function eventsSuite(factory: TargetFactory): void {
  describe(`Event export contract: ${factory.name}`, unlessSkipped(factory), () => {
    trackOperations();
    let target: Target;
    let counter = 0;
    const call = client(() => target);
    const tag = `${Date.now().toString(36)}-${factory.name.length}`;
    const moderator = person(`u-exmod-${tag}`, ['member', 'moderator']);
    const analyst = person(`u-analyst-${tag}`, ['member', 'analyst']);
    const member = person(`u-exmember-${tag}`);
    const tokens = new Map<string, string>();
    const as = async (who: Identity) => {
      let token = tokens.get(who.id);
      if (!token) tokens.set(who.id, (token = await target.tokenFor(who)));
      return token;
    };

    before(async () => {
      target = await factory.start();
    });
    after(() => target.close());

    /** One export: its events and its last line, checked to be the cursor line. */
    async function exportPage(who: Identity, query = '') {
      const answer = await call(`/events/export${query}`, { token: await as(who) });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.match(answer.headers.get('content-type') ?? '', /^application\/x-ndjson/);
      const lines = answer.body as Array<ExportedEvent | ExportEnd>;
      const end = lines.at(-1) as ExportEnd;
      assert.equal(typeof end.nextCursor, 'string', 'the last line carries the cursor');
      return { events: lines.slice(0, -1) as ExportedEvent[], end };
    }

    /** Everything after `since`, following the cursor while the export says there is more. */
    async function exportAll(since = '', limit = 10_000) {
      const events: ExportedEvent[] = [];
      let cursor = since;
      for (;;) {
        const query = `?limit=${limit}${cursor ? `&since=${cursor}` : ''}`;
        const page = await exportPage(moderator, query);
        events.push(...page.events);
        cursor = page.end.nextCursor;
        if (!page.end.more) return { events, cursor };
      }
    }

    const write = async (who: Identity, path: string, method: string, json: unknown) => {
      const answer = await call(path, { method, json, token: await as(who) });
      assert.ok(answer.status < 300, `${path}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    };

    it('is for moderators and analysts only, and refuses a cursor or limit it did not define', async () => {
      assertUnauthorized(await call('/events/export'));
      assertProblem(await call('/events/export', { token: await as(member) }), 403, 'forbidden');
      await exportPage(analyst, '?limit=1');
      const token = await as(moderator);
      for (const [query, pointer] of [
        ['?since=abc', '#since'],
        ['?limit=0', '#limit'],
        ['?limit=10001', '#limit'],
        ['?limit=-1', '#limit'],
      ] as const) {
        assertInvalid(await call(`/events/export${query}`, { token }), [pointer]);
      }
    });

    it('exports each change as one event, in order, with the facts a warehouse needs', async () => {
      const { cursor } = await exportAll();
      const asker = person(`u-exasker-${tag}-${counter++}`);
      const helper = person(`u-exhelper-${tag}-${counter++}`);
      const where = `sku-export-${tag}-${counter++}`;
      await write(asker, `/subjects/${where}/rating`, 'PUT', { value: 4 });
      const question = (await write(asker, `/subjects/${where}/questions`, 'POST', {
        title: 'How long does the battery last?',
        body: '',
      })) as { id: string };
      const answer = (await write(helper, `/questions/${question.id}/answers`, 'POST', {
        body: 'About ten hours of use.',
      })) as { id: string };
      await write(asker, `/answers/${answer.id}/vote`, 'PUT', { value: 1 });
      await write(asker, `/questions/${question.id}/accepted`, 'PUT', { answerId: answer.id });

      const { events, cursor: next } = await exportAll(cursor);
      assert.deepEqual(
        events.map((event) => [event.type, event.actor?.id ?? null, event.place]),
        [
          ['rating.set', asker.id, `subject:${where}`],
          ['question.asked', asker.id, `subject:${where}`],
          ['answer.posted', helper.id, `subject:${where}`],
          ['answer.voted', asker.id, `subject:${where}`],
          ['answer.accepted', asker.id, `subject:${where}`],
        ],
      );
      const posted = events[2]!;
      assert.equal(posted.data.questionId, question.id);
      assert.equal(posted.data.answerId, answer.id);
      assert.equal(posted.data.questionTitle, 'How long does the battery last?');
      assert.equal(posted.data.questionAuthorId, asker.id);
      assert.equal(new Set(events.map((event) => event.id)).size, events.length);
      assert.ok(events.every((event) => !Number.isNaN(Date.parse(event.occurredAt))));
      // Nothing after the last change: the cursor stands, and resuming from it is empty.
      assert.deepEqual(await exportPage(moderator, `?since=${next}`), {
        events: [],
        end: { nextCursor: next, more: false },
      });
    });

    it('resumes from each page cursor without skipping or repeating an event', async () => {
      const { cursor } = await exportAll();
      const rater = person(`u-expager-${tag}-${counter++}`);
      for (let n = 0; n < 5; n += 1) {
        await write(rater, `/subjects/sku-page-${tag}-${n}/rating`, 'PUT', { value: 1 + n });
      }
      const whole = await exportAll(cursor);
      assert.equal(whole.events.length, 5);
      const first = await exportPage(moderator, `?since=${cursor}&limit=2`);
      assert.equal(first.events.length, 2);
      assert.equal(first.end.more, true);
      const paged = await exportAll(cursor, 2);
      assert.deepEqual(
        paged.events.map((event) => event.id),
        whole.events.map((event) => event.id),
      );
      assert.equal(paged.cursor, whole.cursor);
      assert.deepEqual(
        whole.events.map((event) => event.data.stars),
        [1, 2, 3, 4, 5],
      );
    });
  });
}
