/**
 * Insights over a six-week history written through the domain with a moving clock (ratings
 * changed and cleared, a member's first week emptied, questions answered, accepted, removed,
 * restored and deleted, ideas voted, moved through statuses and merged, comments removed,
 * endorsements given and withdrawn, by customers and employees), on SQLite and Postgres (when
 * `CW_TEST_DATABASE_URL` is set):
 * - `rebuildInsights` recounts the aggregates from the content and the event log to exactly
 *   what the listener kept, and again to the same (it is idempotent);
 * - from empty aggregates (a database upgraded from before migration 14) it recounts every
 *   figure, employees counted as customers since no row keeps the poster's role;
 * - the experts insight, which reads whole weeks from weekly counters and the days at either
 *   end from daily ones, equals the daily figures of the same period.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { after, before, describe, it } from 'node:test';
import { rebuildInsightsCommand } from '../../server/commands.js';
import { Community } from '../../server/domain/community.js';
import { ALL, M, dayOf } from '../../server/domain/insight-aggregates.js';
import { rebuildInsights } from '../../server/domain/insight-rebuild.js';
import type { InsightBucket } from '../../server/domain/insight-store.js';
import { isoDay } from '../../server/domain/insights.js';
import type { Store } from '../../server/domain/store.js';
import type { Identity } from '../../server/domain/types.js';
import { weeklyInsightsSql } from '../../server/store/rows/insights.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import { storeBackends, tempDir, testConfig } from './helpers.js';

type Json = Record<string, any>;

// The listener and the rebuild share the SQL stores' rows; memory keeps neither.
const backends = storeBackends.filter((backend) => backend.name !== 'memory');

const person = (id: string, ...roles: Identity['roles']): Identity => ({
  id,
  name: id,
  avatar: null,
  roles: ['member', ...roles],
});
const ana = person('u-ana');
const ben = person('u-ben');
const cy = person('u-cy');
const eve = person('u-eve', 'employee');
const dee = person('u-dee');
const mod = person('u-mod', 'moderator');
const analyst = person('u-ann', 'analyst');
const SUBJECTS = ['sku-a', 'sku-b'];
const BOARD = 'roadmap';
const TOPICS = ['kettles', 'descaling'];
const SCOPES = [
  ALL,
  ...SUBJECTS.map((s) => `subject:${s}`),
  `board:${BOARD}`,
  ...TOPICS.map((t) => `topic:${t}`),
];
/** A Wednesday, so the period's ends are part weeks. */
const START = Date.UTC(2026, 8, 2, 9);
const DAY = 86_400_000;
const FROM = isoDay(dayOf(START));
const TO = isoDay(dayOf(START) + 45);

/** Every counter of every scope the history touches, and the open questions' index. */
async function snapshot(store: Store) {
  const buckets: InsightBucket[] = [];
  for (const metric of Object.values(M)) {
    buckets.push(
      ...(await store.insights.buckets({
        metric,
        scopes: SCOPES,
        fromDay: dayOf(START) - 14,
        toDay: dayOf(START) + 60,
      })),
    );
  }
  const key = (b: InsightBucket) => `${b.metric}|${b.scope}|${b.day}|${b.key}`;
  const open = await Promise.all(SCOPES.map((scope) => store.insights.oldestOpen(scope, 100)));
  // The state each thing is counted with, for every thing the log names.
  const things = new Set<string>();
  for (const event of await store.events.after({ after: 0, limit: 10_000 })) {
    const d = event.data as Json;
    if (event.type === 'rating.set') things.add(`rating|${d.subject}|${event.actorId}`);
    if (event.type === 'expert.endorsed')
      things.add(`endorsement|${event.actorId}|${d.personId}|${d.topic}`);
    for (const [kind, field] of [
      ['question', 'questionId'],
      ['answer', 'answerId'],
      ['idea', 'ideaId'],
      ['comment', 'commentId'],
      ['review', 'reviewId'],
    ]) {
      if (typeof d[field!] === 'string') things.add(`${kind}|${d[field!]}`);
    }
  }
  for (const scope of SCOPES)
    for (const who of [ana, ben, cy, eve]) things.add(`person|${scope}|${who.id}`);
  const states = await Promise.all(
    [...things].sort().map(async (thing) => {
      const [kind, ...id] = thing.split('|');
      return [thing, await store.insights.entity(kind!, id.join('|'))] as const;
    }),
  );
  return {
    buckets: buckets.map((b) => [key(b), b.value] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    open,
    states,
  };
}

for (const backend of backends) {
  describe(`insights rebuild: ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let community: Community;
    let clock = START;
    const later = (hours: number) => (clock += hours * 3_600_000);

    before(async () => {
      ({ store, dispose } = await backend.open());
      community = new Community({ store, now: () => new Date(clock) });
      await community.ideas.saveBoard({ id: BOARD, title: 'Roadmap' });
      const ideas: string[] = [];
      for (let week = 0; week < 6; week += 1) {
        clock = START + week * 7 * DAY;
        const [s1, s2] = SUBJECTS as [string, string];
        await community.ratings.rate(ana, s1, { value: 1 + (week % 5) });
        await community.ratings.rate(week % 2 ? eve : ben, s2, { value: 5 - (week % 3) });
        if (week === 4) await community.ratings.clear(ben, s2);
        // Dee's first week empties in week 3: her week 2 turns from returning to new.
        if (week === 0) await community.ratings.rate(dee, s1, { value: 4 });
        if (week === 2) await community.ratings.rate(dee, s2, { value: 2 });
        if (week === 3) await community.ratings.clear(dee, s1);
        const q1 = await community.questions.ask(ana, s1, {
          title: `How do I descale it, week ${week}?`,
          topics: TOPICS,
        });
        later(3);
        const q2 = await community.questions.ask(cy, s2, {
          title: `Which filter fits, week ${week}?`,
          topics: [TOPICS[week % 2]!],
        });
        later(5);
        const a1 = await community.questions.answer(eve, q1.id, { body: 'Vinegar, then rinse.' });
        if (week % 2 === 0) await community.questions.answer(ben, q2.id, { body: 'Type B.' });
        later(30);
        if (week !== 3) await community.questions.accept(ana, q1.id, { answerId: a1.id });
        if (week === 1) {
          await community.moderation.decide(mod, {
            action: 'remove',
            targets: [{ kind: 'answer', id: a1.id }],
            reason: 'Spam.',
          });
        }
        if (week === 2) {
          await community.moderation.decide(mod, {
            action: 'remove',
            targets: [{ kind: 'question', id: q2.id }],
            reason: 'Spam.',
          });
          later(50);
          await community.moderation.decide(mod, {
            action: 'restore',
            targets: [{ kind: 'question', id: q2.id }],
          });
        }
        if (week === 5) await community.questions.remove(cy, q2.id);
        const idea = await community.ideas.submit(week % 2 ? eve : ana, BOARD, {
          title: `Offline mode, take ${week}`,
          body: 'Please.',
        });
        ideas.push(idea.id);
        await community.ideas.vote(ben, idea.id, { voted: true });
        later(24 * (week + 1));
        if (week % 3 === 0) {
          await community.ideas.setStatus(mod, idea.id, { status: 'planned' });
          later(40);
          await community.ideas.setStatus(mod, idea.id, { status: 'started' });
        }
        const comment = await community.ideas.comment(cy, idea.id, { body: 'Yes please.' });
        // After its comment: a merged idea takes no more, and the merge moves the comment.
        if (week === 4) await community.ideas.merge(mod, idea.id, { into: ideas[0] });
        if (week === 2) {
          await community.moderation.decide(mod, {
            action: 'remove',
            targets: [{ kind: 'comment', id: comment.id }],
            reason: 'Spam.',
          });
        }
        await community.experts.endorse(cy, eve.id, TOPICS[week % 2], true);
        if (week === 3) await community.experts.endorse(cy, eve.id, TOPICS[1], false);
      }
    });
    after(() => dispose());

    const insight = (kind: string, scope: string, from = FROM, to = TO) =>
      community.insights.read(kind as never, analyst, { from, to, scope }) as Promise<Json>;

    it('recounts exactly what the listener kept, and the same again', async () => {
      const kept = await snapshot(store);
      assert.ok(kept.buckets.length > 100, 'the history counted something');
      const counted = await rebuildInsights(store, 3);
      assert.ok(counted.question >= 11 && counted.idea === 6, JSON.stringify(counted));
      assert.deepEqual(await snapshot(store), kept);
      await rebuildInsights(store);
      assert.deepEqual(await snapshot(store), kept);
    });

    it('from empty aggregates, counts the history as the listener did, employees as customers', async () => {
      const kept = await snapshot(store);
      const people = (await insight('participation', ALL)).weeks as Json[];
      await store.write((tx) => tx.insights.clear());
      assert.equal((await insight('questions', ALL)).asked, 0);
      await store.write(async (tx) => {
        // As before migration 14: the aggregates have never seen a thing.
        assert.equal(await tx.insights.entity('question', 'none'), undefined);
      });
      await rebuildInsights(store);
      const rebuilt = await snapshot(store);
      const roleBlind = (rows: typeof kept.buckets) =>
        rows.filter(([key]) => !/^people\|.*\|(employees|customers)$/.test(key));
      assert.deepEqual(roleBlind(rebuilt.buckets), roleBlind(kept.buckets));
      assert.deepEqual(rebuilt.open, kept.open);
      const asCustomers = (states: typeof kept.states) =>
        states.map(([thing, state]) => [
          thing,
          JSON.parse(JSON.stringify(state ?? null).replace(/"employee":true/g, '"employee":false')),
        ]);
      assert.deepEqual(
        asCustomers(rebuilt.states).filter(([t]) => !t.startsWith('person|')),
        asCustomers(kept.states).filter(([t]) => !t.startsWith('person|')),
      );
      const weeks = (await insight('participation', ALL)).weeks as Json[];
      assert.ok(
        people.some((w) => w.employees > 0),
        'the listener saw employees',
      );
      for (const week of weeks) {
        assert.equal(week.employees, 0);
        assert.equal(week.customers, week.active);
      }
    });

    it('experts over whole weeks and part weeks equal the daily figures', async () => {
      for (const [from, to] of [
        [FROM, TO],
        [isoDay(dayOf(START) + 5), isoDay(dayOf(START) + 33)],
        [isoDay(dayOf(START) + 1), isoDay(dayOf(START) + 4)],
      ] as const) {
        const experts = await insight('experts', ALL, from, to);
        assert.deepEqual(experts.topics.map((t: Json) => t.topic).sort(), [...TOPICS].sort());
        for (const row of experts.topics as Json[]) {
          const daily = await insight('questions', `topic:${row.topic}`, from, to);
          assert.equal(row.asked, daily.asked, `${from}…${to} ${row.topic} asked`);
          assert.equal(row.answered, daily.answered, `${from}…${to} ${row.topic} answered`);
          let endorsements = 0;
          for (let day = dayOf(Date.parse(from)); day <= dayOf(Date.parse(to)); day += 1) {
            const one = await insight('experts', `topic:${row.topic}`, isoDay(day), isoDay(day));
            endorsements += one.topics[0].endorsements;
          }
          assert.equal(row.endorsements, endorsements, `${from}…${to} ${row.topic} endorsements`);
        }
      }
    });
  });
}

describe('insights rebuild: the command and migration 16 (SQLite)', () => {
  it('rebuild-insights counts a database written without the listener, and says what it read', async () => {
    const dataDir = await tempDir('cw-insights-command-');
    try {
      const store = new SqliteStore({ dataDir });
      // Content as a server before migration 14 left it: rows, no aggregates.
      await store.write(async (tx) => {
        await tx.ratings.upsert('sku-a', 'u-ana', 4, new Date(START));
        await tx.ratings.addToDistribution('sku-a', [0, 0, 0, 1, 0]);
      });
      const community = new Community({ store, now: () => new Date(START) });
      const before = (await community.insights.read('ratings', analyst, {
        from: FROM,
        to: FROM,
        scope: 'subject:sku-a',
      })) as Json;
      assert.equal(before.count, 0);
      await store.close();
      const said = await rebuildInsightsCommand(testConfig(dataDir, { databaseUrl: null }));
      assert.match(said, /^Rebuilt the insights from 1 rating, 0 reviews, /);
      const reopened = new SqliteStore({ dataDir });
      const after = (await new Community({ store: reopened }).insights.read('ratings', analyst, {
        from: FROM,
        to: FROM,
        scope: 'subject:sku-a',
      })) as Json;
      await reopened.close();
      assert.deepEqual([after.count, after.average], [1, 4]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('migration 16 sums the daily topic and endorsement counters into weeks', async () => {
    const dataDir = await tempDir('cw-insights-weekly-');
    try {
      const store = new SqliteStore({ dataDir });
      const monday = 20_696; // 2026-08-31
      const daily = (metric: string, scope: string, day: number, key: string, value: number) => ({
        metric,
        scope,
        day,
        key,
        value,
      });
      await store.write((tx) =>
        tx.insights.add([
          daily(M.questions, 'topic:kettles', monday, 'asked', 2),
          daily(M.questions, 'topic:kettles', monday + 6, 'asked', 3),
          daily(M.questions, 'topic:kettles', monday + 6, 'answered', 1),
          daily(M.questions, 'topic:kettles', monday + 7, 'asked', 1),
          daily(M.questions, 'topic:kettles', monday, 'ttfa:3', 2),
          daily(M.questions, 'subject:sku-a', monday, 'asked', 2),
          daily(M.endorsements, ALL, monday + 2, 'given', 4),
        ]),
      );
      await store.close();
      const db = new Database(join(dataDir, 'community.sqlite'));
      db.exec(weeklyInsightsSql);
      const weekly = db
        .prepare(
          "SELECT metric, scope, day, key, value FROM insight_buckets WHERE metric LIKE '%.week' ORDER BY metric, scope, day, key",
        )
        .all();
      db.close();
      assert.deepEqual(weekly, [
        { metric: M.endorsementWeeks, scope: ALL, day: monday, key: 'given', value: 4 },
        { metric: M.topicWeeks, scope: 'topic:kettles', day: monday, key: 'answered', value: 1 },
        { metric: M.topicWeeks, scope: 'topic:kettles', day: monday, key: 'asked', value: 5 },
        { metric: M.topicWeeks, scope: 'topic:kettles', day: monday + 7, key: 'asked', value: 1 },
      ]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
