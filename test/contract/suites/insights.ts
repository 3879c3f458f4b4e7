/**
 * Insights: a seeded history (ratings changed and cleared, questions answered, accepted,
 * removed, restored and deleted, ideas voted, moved through statuses and merged, comments
 * and reviews removed, endorsements given and withdrawn) and every insight compared with the
 * same figure computed from the store's raw rows (and, for times no table keeps — when an
 * answer was accepted, when an idea changed status — the event log) by a plain loop here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DURATION_EDGES, durationBucket } from '../../../server/domain/insight-aggregates.js';
import type { ModerationKind } from '../../../server/domain/moderation-store.js';
import type { StoreReader } from '../../../server/domain/store.js';
import type { Identity } from '../../../server/domain/types.js';
import { client } from '../client.js';
import { trackOperations } from '../journal.js';
import { needsSetup, setupOf, unlessSkipped, type Target, type TargetFactory } from '../target.js';

type Json = Record<string, any>;

const KINDS = ['ratings', 'questions', 'ideas', 'experts', 'participation'] as const;

export function insightsSuite(factory: TargetFactory): void {
  describe(`Insights contract: ${factory.name}`, unlessSkipped(factory), () => {
    trackOperations();
    let target: Target;
    const call = client(() => target);
    const tokens = new Map<string, string>();
    const run = `${Date.now().toString(36)}${factory.name.length}`;
    const person = (name: string, roles: Identity['roles'] = ['member']): Identity => ({
      id: `u-${name}-${run}`,
      name,
      avatar: null,
      roles,
    });
    const [c1, c2, c3, c4] = ['ana', 'ben', 'cy', 'dee'].map((n) => person(n));
    const e1 = person('eve', ['member', 'employee']);
    const e2 = person('fay', ['member', 'employee']);
    const mod = person('mod', ['member', 'moderator']);
    const analyst = person('ann', ['analyst']);
    const people = [c1!, c2!, c3!, c4!, e1, e2];
    const employees = new Set([e1.id, e2.id]);
    const S1 = `sku-ins-a-${run}`;
    const S2 = `sku-ins-b-${run}`;
    const B = `board-ins-${run}`;
    const T1 = `kettles${run}`;
    const T2 = `descaling${run}`;
    const created = {
      questions: [] as string[],
      answers: [] as string[],
      ideas: [] as string[],
      comments: [] as string[],
      reviews: [] as string[],
    };
    const today = new Date().toISOString().slice(0, 10);
    const dayAfter = (iso: string, days: number) =>
      new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const period = `from=${dayAfter(today, -1)}&to=${dayAfter(today, 1)}`;
    const baseline: Record<string, Json> = {};

    const as = async (who: Identity | null) => {
      if (!who) return {};
      let token = tokens.get(who.id);
      if (!token) tokens.set(who.id, (token = await target.tokenFor(who)));
      return { token };
    };
    async function ok(path: string, who: Identity | null, init: Json = {}): Promise<Json> {
      const answer = await call(path, { ...init, ...(await as(who)) });
      assert.ok(
        answer.status >= 200 && answer.status < 300,
        `${path}: ${JSON.stringify(answer.body)}`,
      );
      return answer.body as Json;
    }
    const insight = (kind: string, scope = '*') =>
      ok(`/insights/${kind}?${period}&scope=${encodeURIComponent(scope)}`, analyst);
    const decide = (action: string, kind: ModerationKind, id: string) =>
      ok('/moderation/decisions', mod, {
        method: 'POST',
        json: {
          action,
          targets: [{ kind, id }],
          ...(action === 'remove' ? { reason: 'Spam.' } : {}),
        },
      });
    const rate = (who: Identity, subject: string, value: number | null) =>
      ok(
        `/subjects/${subject}/rating`,
        who,
        value === null ? { method: 'DELETE' } : { method: 'PUT', json: { value } },
      );
    const ask = async (who: Identity, subject: string, title: string, topics: string[]) => {
      const q = await ok(`/subjects/${subject}/questions`, who, {
        method: 'POST',
        json: { title, body: 'Details.', topics },
      });
      created.questions.push(q.id);
      return q.id as string;
    };
    const answer = async (who: Identity, questionId: string, body: string) => {
      const a = await ok(`/questions/${questionId}/answers`, who, {
        method: 'POST',
        json: { body },
      });
      created.answers.push(a.id);
      return a.id as string;
    };
    const idea = async (who: Identity, title: string) => {
      const i = await ok(`/boards/${B}/ideas`, who, {
        method: 'POST',
        json: { title, body: 'Please.' },
      });
      created.ideas.push(i.id);
      return i.id as string;
    };
    const vote = (who: Identity, id: string) =>
      ok(`/ideas/${id}/vote`, who, { method: 'PUT', json: { voted: true } });
    const status = (id: string, s: string) =>
      ok(`/ideas/${id}`, mod, { method: 'PATCH', json: { status: s } });

    before(async () => {
      target = await factory.start();
      // A backend reached only by its URL gets the checks that need no history.
      if (!factory.setup) return;
      await setupOf(target).ideas.saveBoard({ id: B, title: `Board ${B}` });
      // The whole community's figures before this history: other content may be seeded.
      for (const kind of KINDS) baseline[kind] = await insight(kind);
      await seedHistory();
    });
    after(() => target.close());

    async function seedHistory() {
      await rate(c1!, S1, 5);
      await rate(c2!, S1, 3);
      await rate(e1, S1, 4);
      await rate(c3!, S2, 2);
      await rate(c1!, S1, 4); // changed
      await rate(c2!, S1, null); // cleared
      const { review } = await ok(`/subjects/${S2}/reviews`, c4!, {
        method: 'POST',
        json: { stars: 5, title: 'Great kettle', body: 'Boils fast and quietly.' },
      });
      created.reviews.push(review.id);
      await decide('remove', 'review', review.id);

      const q1 = await ask(c1!, S1, 'How do I descale the kettle?', [T1, T2]);
      const q2 = await ask(c2!, S1, 'Is the lid dishwasher safe?', [T1]);
      const q3 = await ask(c3!, S2, 'Which filter fits this model?', [T2]);
      const q4 = await ask(c4!, S2, 'Buy cheap watches here now', [T1]);
      const q5 = await ask(c1!, S1, 'Does it whistle when done?', []);
      const a1 = await answer(e1, q1, 'Vinegar and water, then rinse twice.');
      await answer(c2!, q1, 'Citric acid works as well for me.');
      await ok(`/questions/${q1}/accepted`, c1!, { method: 'PUT', json: { answerId: a1 } });
      const a3 = await answer(e2, q2, 'Yes, on the top rack only please.');
      await decide('remove', 'answer', a3);
      const a4 = await answer(c1!, q3, 'The type B filter fits this one.');
      await decide('remove', 'answer', a4);
      await decide('restore', 'answer', a4);
      await answer(e1, q4, 'Please do not post spam in here.');
      await decide('remove', 'question', q4);
      await answer(e2, q5, 'No, it clicks off quietly instead.');
      await ok(`/questions/${q5}`, c1!, { method: 'DELETE' });

      const i1 = await idea(c1!, 'Offline mode for the app');
      const i2 = await idea(c2!, 'Work without a network connection');
      const i3 = await idea(e1, 'Export the filter list');
      await vote(c3!, i1);
      await vote(c4!, i1);
      await vote(c3!, i2);
      await vote(e2, i2);
      await vote(c2!, i3);
      await status(i1, 'planned');
      await status(i1, 'started');
      await status(i3, 'declined');
      await ok(`/ideas/${i2}/merge`, mod, { method: 'POST', json: { into: i1 } });
      const k1 = await ok(`/ideas/${i1}/comments`, e2, {
        method: 'POST',
        json: { body: 'We are on it.' },
      });
      const k2 = await ok(`/ideas/${i3}/comments`, c4!, {
        method: 'POST',
        json: { body: 'Shame, I wanted it.' },
      });
      created.comments.push(k1.id, k2.id);
      await decide('remove', 'comment', k2.id);

      await ok(`/users/${e1.id}/endorsements/${T1}`, c1!, { method: 'PUT' });
      await ok(`/users/${e1.id}/endorsements/${T1}`, c2!, { method: 'PUT' });
      await ok(`/users/${e1.id}/endorsements/${T1}`, c2!, { method: 'DELETE' });
      await ok(`/users/${e2.id}/endorsements/${T2}`, c3!, { method: 'PUT' });
    }

    /** The raw rows of the seeded history, read back through the store's own reads. */
    async function raw() {
      const store: StoreReader = setupOf(target).store;
      const events = await store.events.after({ after: 0, limit: 100_000 });
      const visible = async (kind: ModerationKind, ids: string[]) => {
        const cases = await store.moderation.cases(kind, ids);
        return (id: string) => (cases.get(id)?.state ?? 'visible') === 'visible';
      };
      const questions = [...(await store.questions.byIds(created.questions)).values()];
      const answers = [...(await store.questions.answers(created.answers)).values()];
      const ideas = [...(await store.ideas.byIds(created.ideas)).values()];
      const comments = [...(await store.ideas.commentsByIds(created.comments)).values()];
      const reviews = (
        await Promise.all(
          people.flatMap((p) => [S1, S2].map((s) => store.reviews.ofAuthor(s, p.id))),
        )
      ).filter((r) => r !== undefined);
      const questionShown = await visible(
        'question',
        questions.map((q) => q.id),
      );
      const answerShown = await visible(
        'answer',
        answers.map((a) => a.id),
      );
      const ideaShown = await visible(
        'idea',
        ideas.map((i) => i.id),
      );
      const commentShown = await visible(
        'comment',
        comments.map((c) => c.id),
      );
      const reviewShown = await visible(
        'review',
        reviews.map((r) => r!.id),
      );
      const ratings: Array<{ subject: string; userId: string; stars: number }> = [];
      for (const p of people) {
        for (const [subject, stars] of await store.ratings.ofUser(p.id, [S1, S2]))
          ratings.push({ subject, userId: p.id, stars });
      }
      const publicQuestions = questions.filter((q) => questionShown(q.id));
      const publicAnswers = answers.filter(
        (a) => answerShown(a.id) && questions.some((q) => q.id === a.questionId),
      );
      return {
        store,
        events,
        ratings,
        questions: publicQuestions,
        answers: publicAnswers,
        ideas: ideas.filter((i) => ideaShown(i.id) && i.mergedInto === null),
        comments: comments.filter((c) => commentShown(c.id)),
        reviews: reviews.filter((r) => reviewShown(r!.id)).map((r) => r!),
      };
    }
    type Raw = Awaited<ReturnType<typeof raw>>;

    /** The lower median of the durations, reported as its histogram bucket's upper edge. */
    const medianEdge = (durations: number[]) => {
      if (durations.length === 0) return null;
      const sorted = [...durations].sort((a, b) => a - b);
      return DURATION_EDGES[durationBucket(sorted[Math.ceil(sorted.length / 2) - 1]!)]!;
    };
    const average = (stars: number[]) =>
      stars.length
        ? Math.round((stars.reduce((a, b) => a + b, 0) / stars.length) * 100) / 100
        : null;

    function questionFigures(
      r: Raw,
      inScope: (q: { subject: string; topics: string[] }) => boolean,
    ) {
      const qs = r.questions.filter(inScope);
      const answersOf = (id: string) => r.answers.filter((a) => a.questionId === id);
      const answered = qs.filter((q) => answersOf(q.id).length > 0);
      const acceptedAt = (id: string) =>
        r.events
          .filter((e) => e.type === 'answer.accepted' && (e.data as Json).questionId === id)
          .at(-1)?.at;
      const accepted = qs.filter(
        (q) => q.acceptedAnswerId && answersOf(q.id).some((a) => a.id === q.acceptedAnswerId),
      );
      const askedAt = (id: string) =>
        r.events
          .find((e) => e.type === 'question.asked' && (e.data as Json).questionId === id)!
          .at.getTime();
      const answeredAt = (id: string) =>
        r.events
          .find((e) => e.type === 'answer.posted' && (e.data as Json).answerId === id)!
          .at.getTime();
      return {
        asked: qs.length,
        answered: answered.length,
        accepted: accepted.length,
        answeredShare: qs.length ? Math.round((answered.length / qs.length) * 1000) / 1000 : null,
        medianFirstAnswerSeconds: medianEdge(
          answered.map(
            (q) => Math.min(...answersOf(q.id).map((a) => answeredAt(a.id))) - askedAt(q.id),
          ),
        ),
        medianAcceptedSeconds: medianEdge(
          accepted.map((q) => acceptedAt(q.id)!.getTime() - askedAt(q.id)),
        ),
        oldestUnanswered: qs
          .filter((q) => answersOf(q.id).length === 0)
          .sort((a, b) => askedAt(a.id) - askedAt(b.id) || (a.id < b.id ? -1 : 1))
          .map((q) => q.id),
      };
    }

    const sum = (rows: Json[], key: string) => rows.reduce((a, row) => a + (row[key] ?? 0), 0);

    it('refuses everyone but moderators and analysts, as problem+json', async () => {
      for (const kind of KINDS) {
        const anonymous = await call(`/insights/${kind}`);
        assert.equal(anonymous.status, 401);
        const member = await call(`/insights/${kind}`, await as(c1!));
        assert.equal(member.status, 403);
        assert.match(member.headers.get('content-type') ?? '', /application\/problem\+json/);
        assert.equal((await call(`/insights/${kind}`, await as(mod))).status, 200);
        // The kit mints tokens for members and moderators only.
        if (factory.setup)
          assert.equal((await call(`/insights/${kind}`, await as(analyst))).status, 200);
      }
    });

    it('refuses a bad period, scope or format with 422', async () => {
      for (const query of [
        'from=2026-02-10&to=2026-02-01',
        'from=2024-01-01&to=2026-01-01',
        'scope=board:x',
        'format=xml',
      ]) {
        const answer = await call(`/insights/ratings?${query}`, await as(mod));
        assert.equal(answer.status, 422, query);
      }
    });

    it(
      'ratings equal the raw ratings: count, average, distribution, per subject and in the whole',
      needsSetup(factory),
      async () => {
        const r = await raw();
        for (const subject of [S1, S2]) {
          const mine = r.ratings.filter((x) => x.subject === subject).map((x) => x.stars);
          const got = await insight('ratings', `subject:${subject}`);
          assert.equal(got.count, mine.length, subject);
          assert.equal(got.average, average(mine), subject);
          assert.deepEqual(
            got.distribution,
            [1, 2, 3, 4, 5].map((s) => mine.filter((x) => x === s).length),
          );
          assert.equal(sum(got.days, 'count'), mine.length);
          assert.equal(sum(got.weeks, 'count'), mine.length);
        }
        const all = await insight('ratings');
        assert.equal(all.count - baseline.ratings!.count, r.ratings.length);
        assert.deepEqual(
          all.distribution.map((n: number, i: number) => n - baseline.ratings!.distribution[i]),
          [1, 2, 3, 4, 5].map((s) => r.ratings.filter((x) => x.stars === s).length),
        );
      },
    );

    it(
      'Q&A equals the raw questions and answers, by subject and by topic, after removals and a deletion',
      needsSetup(factory),
      async () => {
        const r = await raw();
        const scopes: Array<[string, (q: { subject: string; topics: string[] }) => boolean]> = [
          [`subject:${S1}`, (q) => q.subject === S1],
          [`subject:${S2}`, (q) => q.subject === S2],
          [`topic:${T1}`, (q) => q.topics.includes(T1)],
          [`topic:${T2}`, (q) => q.topics.includes(T2)],
        ];
        for (const [scope, inScope] of scopes) {
          const want = questionFigures(r, inScope);
          const got = await insight('questions', scope);
          const { oldestUnanswered, ...figures } = want;
          for (const [key, value] of Object.entries(figures))
            assert.deepEqual(got[key], value, `${scope} ${key}`);
          assert.deepEqual(
            got.oldestUnanswered.map((q: Json) => q.id),
            oldestUnanswered,
            scope,
          );
          assert.equal(sum(got.days, 'asked'), want.asked);
        }
        const all = await insight('questions');
        assert.equal(all.asked - baseline.questions!.asked, r.questions.length);
      },
    );

    it(
      'ideas equal the raw ideas: submitted, votes after a merge, the status funnel and its times',
      needsSetup(factory),
      async () => {
        const r = await raw();
        const got = await insight('ideas', `board:${B}`);
        assert.equal(got.submitted, r.ideas.length);
        assert.equal(
          got.votes,
          r.ideas.reduce((a, i) => a + i.votes, 0),
        );
        for (const step of got.funnel as Json[]) {
          const histories = r.ideas.map((i) => {
            const changes = r.events.filter(
              (e) => e.type === 'idea.status-changed' && (e.data as Json).ideaId === i.id,
            );
            const submitted = r.events.find(
              (e) => e.type === 'idea.submitted' && (e.data as Json).ideaId === i.id,
            )!;
            return [
              ['open', submitted.at.getTime()],
              ...changes.map((e) => [(e.data as Json).to, e.at.getTime()]),
            ] as Array<[string, number]>;
          });
          assert.equal(
            step.now,
            r.ideas.filter((i) => i.status === step.status).length,
            step.status,
          );
          assert.equal(
            step.reached,
            histories.filter((h) => h.some(([s]) => s === step.status)).length,
            step.status,
          );
          const stays = histories.flatMap((h) =>
            h
              .slice(0, -1)
              .flatMap(([s, since], k) => (s === step.status ? [h[k + 1]![1] - since] : [])),
          );
          assert.equal(step.medianSecondsIn, medianEdge(stays), step.status);
        }
        const all = await insight('ideas');
        assert.equal(all.submitted - baseline.ideas!.submitted, r.ideas.length);
        assert.equal(all.votes - baseline.ideas!.votes, got.votes);
      },
    );

    it(
      'experts equal the raw topics, expertise, endorsements and answers',
      needsSetup(factory),
      async () => {
        const r = await raw();
        for (const topic of [T1, T2]) {
          const got = await insight('experts', `topic:${topic}`);
          const want = questionFigures(r, (q) => q.topics.includes(topic));
          const experts = await r.store.experts.rankExperts({ topic, offset: 0, limit: 50 });
          const scores = await r.store.experts.topicScores(people.map((p) => p.id));
          assert.deepEqual(got.topics, [
            {
              topic,
              asked: want.asked,
              answered: want.answered,
              answerRate: want.asked
                ? Math.round((want.answered / want.asked) * 1000) / 1000
                : null,
              experts: experts.length,
              endorsements: scores
                .filter((s) => s.topic === topic)
                .reduce((a, s) => a + s.endorsements, 0),
            },
          ]);
          assert.deepEqual(got.unanswerable, experts.length === 0 && want.asked > 0 ? [topic] : []);
          const counts = new Map<string, number>();
          for (const a of r.answers) {
            const q = r.questions.find((x) => x.id === a.questionId);
            if (q?.topics.includes(topic))
              counts.set(a.authorId, (counts.get(a.authorId) ?? 0) + 1);
          }
          assert.deepEqual(
            got.topContributors.map((c: Json) => [c.userId, c.answers]),
            [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
          );
        }
      },
    );

    it(
      'participation equals the distinct raw contributors, employees and customers',
      needsSetup(factory),
      async () => {
        const r = await raw();
        const scopes: Array<[string, string[]]> = [
          [
            `subject:${S1}`,
            [
              ...r.ratings.filter((x) => x.subject === S1).map((x) => x.userId),
              ...r.reviews.filter((x) => x.subject === S1).map((x) => x.authorId),
              ...r.questions.filter((q) => q.subject === S1).map((q) => q.authorId),
              ...r.answers
                .filter((a) => r.questions.find((q) => q.id === a.questionId)?.subject === S1)
                .map((a) => a.authorId),
            ],
          ],
          [`board:${B}`, [...r.ideas.map((i) => i.authorId), ...r.comments.map((c) => c.authorId)]],
        ];
        for (const [scope, contributors] of scopes) {
          const distinct = [...new Set(contributors)];
          const got = await insight('participation', scope);
          assert.equal(sum(got.weeks, 'active'), distinct.length, scope);
          assert.equal(sum(got.weeks, 'new'), distinct.length, scope);
          assert.equal(sum(got.weeks, 'returning'), 0, scope);
          assert.equal(
            sum(got.weeks, 'employees'),
            distinct.filter((id) => employees.has(id)).length,
            scope,
          );
          assert.equal(
            sum(got.weeks, 'customers'),
            distinct.filter((id) => !employees.has(id)).length,
            scope,
          );
        }
      },
    );

    it('answers CSV for Accept: text/csv and format=csv, the same figures as the JSON', async () => {
      const json = await ok(`/insights/questions?${period}&scope=subject:${S1}`, mod);
      const byAccept = await call(`/insights/questions?${period}&scope=subject:${S1}`, {
        ...(await as(mod)),
        headers: { Accept: 'text/csv' },
      });
      assert.equal(byAccept.status, 200);
      assert.match(byAccept.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(
        byAccept.headers.get('content-disposition') ?? '',
        /attachment; filename="insights-questions-/,
      );
      const lines = String(byAccept.body ?? '')
        .trim()
        .split('\r\n');
      assert.equal(lines[0], 'date,asked,answered,accepted');
      assert.deepEqual(
        lines.slice(1),
        json.days.map((d: Json) => [d.date, d.asked, d.answered, d.accepted].join(',')),
      );
      for (const kind of KINDS) {
        const byFormat = await call(`/insights/${kind}?format=csv`, await as(mod));
        assert.equal(byFormat.status, 200, kind);
        assert.match(byFormat.headers.get('content-type') ?? '', /^text\/csv/);
      }
    });
  });
}
