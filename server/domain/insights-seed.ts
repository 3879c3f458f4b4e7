import { Community } from './community.js';
import type { Store } from './store.js';
import type { Identity } from './types.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export const INSIGHTS_DEMO_BOARD = 'feedback';
export const INSIGHTS_DEMO_SUBJECTS = ['sku-201', 'sku-202', 'sku-203', 'sku-204'] as const;
const TOPICS = ['descaling', 'filters', 'lids', 'warranty', 'smart-app'] as const;

/** Park–Miller: the same history on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

const person = (n: number, roles: Identity['roles']): Identity => ({
  id: `u-insights-${n}`,
  name: `${roles.includes('employee') ? 'Staff' : 'Customer'} ${n}`,
  avatar: null,
  roles,
});

/**
 * A community's last `weeks` weeks, written through the domain services with an injected
 * clock, so the insights have shape: ratings that drift (one product gets better, one worse),
 * questions answered after hours or days (some never, one topic nobody answers), ideas voted
 * and moved through the funnel, a merge, a removal, endorsements, and customers and staff who
 * come and go. Every write goes through the services, so the aggregates are the listener's.
 */
export async function seedInsightsHistory(
  store: Store,
  { now = new Date(), weeks = 12 }: { now?: Date; weeks?: number } = {},
): Promise<void> {
  let clock = now.getTime() - weeks * 7 * DAY;
  const community = new Community({ store, now: () => new Date(clock) });
  const next = random(18);
  const customers = Array.from({ length: 24 }, (_, n) => person(n, ['member']));
  const staff = Array.from({ length: 5 }, (_, n) => person(100 + n, ['member', 'employee']));
  const moderator = person(200, ['member', 'moderator']);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  await community.ideas.saveBoard({ id: INSIGHTS_DEMO_BOARD, title: 'Product feedback' });

  const ideas: string[] = [];
  const open: Array<{ id: string; topic: string }> = [];
  for (let day = 0; day < weeks * 7; day += 1) {
    clock = now.getTime() - (weeks * 7 - day) * DAY + 9 * HOUR;
    // Week by week more people take part: the participation chart grows.
    const active = customers.slice(0, 6 + Math.floor((day / (weeks * 7)) * 18));
    for (const [i, subject] of INSIGHTS_DEMO_SUBJECTS.entries()) {
      if (next() < 0.55) {
        // sku-201 improves, sku-202 declines, the others hover.
        const drift = i === 0 ? day / 40 : i === 1 ? -day / 40 : 0;
        const stars = Math.max(1, Math.min(5, Math.round(3 + drift + (next() - 0.5) * 2.5)));
        await community.ratings.rate(pick(active), subject, { value: stars });
      }
    }
    if (next() < 0.7) {
      const topic = pick(TOPICS);
      const q = await community.questions.ask(pick(active), pick(INSIGHTS_DEMO_SUBJECTS), {
        title: `Question about ${topic} number ${day}`,
        body: 'How does this work on my model?',
        topics: [topic],
      });
      open.push({ id: q.id, topic });
    }
    // Answers come hours or days later; nobody answers about the smart app.
    clock += 3 * HOUR;
    for (const question of open.splice(0)) {
      if (question.topic === 'smart-app' || next() < 0.15) continue;
      if (next() < 0.5) {
        open.push(question);
        continue;
      }
      const answerer = next() < 0.6 ? pick(staff) : pick(active);
      const answer = await community.questions.answer(answerer, question.id, {
        body: `Here is how it works for ${question.topic}.`,
      });
      const asked = await community.questions.get(null, question.id);
      const asker = [...customers, ...staff].find((p) => p.id === asked.author.id)!;
      if (next() < 0.5 && asker.id !== answerer.id) {
        await community.questions.accept(asker, question.id, { answerId: answer.id });
      }
    }
    if (day % 3 === 0) {
      const idea = await community.ideas.submit(pick(active), INSIGHTS_DEMO_BOARD, {
        title: `Idea number ${day}: ${pick(['offline mode', 'dark theme', 'bigger tank', 'quieter boil'])}`,
        body: 'It would help a lot.',
      });
      ideas.push(idea.id);
    }
    for (const voter of active) {
      if (ideas.length && next() < 0.08) {
        await community.ideas.vote(voter, pick(ideas), { voted: true }).catch(() => undefined);
      }
    }
    if (day % 10 === 9 && ideas.length > 3) {
      const id = ideas[Math.floor(next() * (ideas.length - 1))]!;
      const idea = await community.ideas.get(null, id);
      const to = { open: 'planned', planned: 'started', started: 'completed' }[
        idea.status as string
      ];
      if (to) await community.ideas.setStatus(moderator, id, { status: to });
      else if (idea.status === 'open')
        await community.ideas.setStatus(moderator, id, { status: 'declined' });
    }
    if (day % 14 === 13 && staff.length) {
      await community.experts
        .endorse(pick(customers), pick(staff).id, pick(TOPICS.slice(0, 4)), true)
        .catch(() => undefined);
    }
  }
  if (ideas.length > 2) {
    await community.ideas.merge(moderator, ideas[1]!, { into: ideas[0] });
  }
}
