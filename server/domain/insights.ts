import { IDEA_STATUSES } from './idea-rules.js';
import { DomainError } from './errors.js';
import { ALL, DURATION_EDGES, M, dayOf, weekOf } from './insight-aggregates.js';
import type { InsightBucket } from './insight-store.js';
import type { StoreReader } from './store.js';
import type { Identity } from './types.js';

/**
 * The figures the people who run the community read (docs/insights.md defines each). Every
 * query reads buckets of the days and scopes it asks for, never the content tables' rows:
 * the cost is days × scopes, whatever the community's size.
 */

import type { InsightKind } from '../../api/shared/insight-csv.js';

export type { InsightKind };
export { insightCsv } from '../../api/shared/insight-csv.js';
/** The longest period one request may ask for. */
export const MAX_PERIOD_DAYS = 366;
/** The default period: the last four weeks, today included. */
export const DEFAULT_PERIOD_DAYS = 28;
/** How many of each week's most active subjects, topics or people a ranking considers. */
export const CANDIDATES_PER_WEEK = 10;
/** Rankings' length. */
export const RANKED = 10;
/** Topics of the directory (those with the most people with expertise) the counts come from. */
export const TOPIC_DIRECTORY = 1000;
/** Oldest unanswered questions listed. */
export const OLDEST_LISTED = 10;
/** The idea statuses of the funnel (a duplicate leaves it: it is merged away). */
export const FUNNEL = IDEA_STATUSES.filter((status) => status !== 'duplicate');

/** Each insight, with the scopes it may be narrowed to. */
const SCOPES: Record<InsightKind, readonly string[]> = {
  ratings: ['subject'],
  questions: ['subject', 'topic'],
  ideas: ['board'],
  experts: ['topic'],
  participation: ['subject', 'board'],
};
export const INSIGHT_KINDS = Object.keys(SCOPES) as readonly InsightKind[];

export interface InsightQuery {
  from?: unknown;
  to?: unknown;
  scope?: unknown;
  /** Checked here so every front end refuses the same; the front end answers in it. */
  format?: unknown;
}

interface Period {
  from: string;
  to: string;
  scope: string;
}
interface Range {
  fromDay: number;
  toDay: number;
  scope: string;
}

export const round = (n: number, places = 2): number => {
  const f = 10 ** places;
  return Math.round(n * f) / f;
};
export const isoDay = (day: number): string =>
  new Date(day * 86_400_000).toISOString().slice(0, 10);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Median of a histogram (`bucket index → count`): the upper edge of the middle value's bucket. */
export function histogramMedian(counts: ReadonlyMap<number, number>): number | null {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const middle = Math.ceil(total / 2);
  let seen = 0;
  for (let i = 0; i < DURATION_EDGES.length; i += 1) {
    seen += counts.get(i) ?? 0;
    if (seen >= middle) return DURATION_EDGES[i]!;
  }
  return DURATION_EDGES.at(-1)!;
}

const starsAverage = (d: readonly number[]): number | null => {
  const count = d.reduce((a, b) => a + b, 0);
  return count === 0 ? null : round(d.reduce((sum, n, i) => sum + n * (i + 1), 0) / count);
};

export class InsightService {
  constructor(
    private readonly store: StoreReader,
    private readonly now: () => Date,
  ) {}

  /** Moderators and analysts read insights; everyone else is refused. */
  private authorize(viewer: Identity | null): void {
    if (!viewer) throw new DomainError('unauthenticated', 'Sign in to read insights.');
    if (!viewer.roles.includes('moderator') && !viewer.roles.includes('analyst')) {
      throw new DomainError('forbidden', 'Only moderators and analysts read insights.');
    }
  }

  private parse(kind: InsightKind, query: InsightQuery): Range & Period {
    const issues: Array<{ pointer: string; detail: string }> = [];
    const date = (value: unknown, name: string): number | undefined => {
      if (value === undefined || value === '') return undefined;
      if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) {
        issues.push({ pointer: `#${name}`, detail: `Give ${name} as a date, YYYY-MM-DD.` });
        return undefined;
      }
      return dayOf(Date.parse(`${value}T00:00:00Z`));
    };
    const toDay = date(query.to, 'to') ?? dayOf(this.now());
    const fromDay = date(query.from, 'from') ?? toDay - (DEFAULT_PERIOD_DAYS - 1);
    if (fromDay > toDay)
      issues.push({ pointer: '#from', detail: 'The period starts after it ends.' });
    else if (toDay - fromDay + 1 > MAX_PERIOD_DAYS) {
      issues.push({ pointer: '#from', detail: `Ask for at most ${MAX_PERIOD_DAYS} days at once.` });
    }
    let scope = ALL;
    if (query.scope !== undefined && query.scope !== '' && query.scope !== ALL) {
      const [prefix, ...rest] = String(query.scope).split(':');
      const id = rest.join(':');
      if (!SCOPES[kind].includes(prefix!) || id === '') {
        issues.push({
          pointer: '#scope',
          detail: `Scope ${kind} by ${SCOPES[kind].map((p) => `${p}:<id>`).join(' or ')}, or leave it out.`,
        });
      } else scope = `${prefix}:${id}`;
    }
    if (query.format !== undefined && query.format !== 'json' && query.format !== 'csv') {
      issues.push({ pointer: '#format', detail: 'Ask for format json or csv.' });
    }
    if (issues.length) throw DomainError.invalid(issues);
    return { fromDay, toDay, scope, from: isoDay(fromDay), to: isoDay(toDay) };
  }

  /** The Mondays of the weeks the period touches. */
  private weeks({ fromDay, toDay }: Range): number[] {
    const weeks: number[] = [];
    for (let week = weekOf(fromDay); week <= toDay; week += 7) weeks.push(week);
    return weeks;
  }

  private async sums(
    metric: string,
    scopes: readonly string[],
    fromDay: number,
    toDay: number,
    keys?: readonly string[],
  ) {
    const rows = await this.store.insights.buckets({ metric, scopes, fromDay, toDay, keys });
    return rows;
  }

  /** The union of each week's `CANDIDATES_PER_WEEK` largest counters of a weekly metric. */
  private async candidates(metric: string, scope: string, range: Range): Promise<string[]> {
    const found = new Set<string>();
    for (const week of this.weeks(range)) {
      const top = await this.store.insights.top({
        metric,
        scope,
        day: week,
        limit: CANDIDATES_PER_WEEK,
      });
      for (const row of top) found.add(row.key);
    }
    return [...found].sort();
  }

  async read(kind: InsightKind, viewer: Identity | null, query: InsightQuery): Promise<unknown> {
    this.authorize(viewer);
    const range = this.parse(kind, query);
    switch (kind) {
      case 'ratings':
        return this.ratings(range);
      case 'questions':
        return this.questions(range);
      case 'ideas':
        return this.ideas(range);
      case 'experts':
        return this.experts(range);
      case 'participation':
        return this.participation(range);
    }
  }

  private async ratings(range: Range & Period) {
    const { fromDay, toDay, scope } = range;
    const span = toDay - fromDay + 1;
    const sums = new Sums(await this.sums(M.ratings, [scope], fromDay - span, toDay));
    const now = sums.stars(scope, fromDay, toDay);
    const before = sums.stars(scope, fromDay - span, fromDay - 1);
    const days = [];
    for (let day = fromDay; day <= toDay; day += 1) {
      const d = sums.stars(scope, day, day);
      days.push({ date: isoDay(day), count: total(d), average: starsAverage(d) });
    }
    const weeks = this.weeks(range).map((week) => {
      const d = sums.stars(scope, Math.max(week, fromDay), Math.min(week + 6, toDay));
      return { week: isoDay(week), count: total(d), average: starsAverage(d) };
    });
    return {
      from: range.from,
      to: range.to,
      scope,
      count: total(now),
      average: starsAverage(now),
      distribution: now,
      previous: { count: total(before), average: starsAverage(before), distribution: before },
      shift:
        total(now) && total(before)
          ? now.map((n, i) => round((n / total(now) - before[i]! / total(before)) * 100, 1))
          : null,
      days,
      weeks,
      movers: scope === ALL ? await this.movers(range) : [],
    };
  }

  private async movers(range: Range) {
    const { fromDay, toDay } = range;
    const span = toDay - fromDay + 1;
    const subjects = await this.candidates(M.ratingRank, ALL, range);
    if (subjects.length === 0) return [];
    const scopes = subjects.map((s) => `subject:${s}`);
    const sums = new Sums(await this.sums(M.ratings, scopes, fromDay - span, toDay));
    const movers = subjects.flatMap((subject) => {
      const now = sums.stars(`subject:${subject}`, fromDay, toDay);
      const average = starsAverage(now);
      const previousAverage = starsAverage(
        sums.stars(`subject:${subject}`, fromDay - span, fromDay - 1),
      );
      if (average === null || previousAverage === null) return [];
      return [
        {
          subject,
          average,
          previousAverage,
          change: round(average - previousAverage),
          count: total(now),
        },
      ];
    });
    return movers
      .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || (a.subject < b.subject ? -1 : 1))
      .slice(0, RANKED);
  }

  private async questions(range: Range & Period) {
    const { fromDay, toDay, scope } = range;
    const sums = new Sums(await this.sums(M.questions, [scope], fromDay, toDay));
    const asked = sums.total(scope, 'asked');
    const answered = sums.total(scope, 'answered');
    const days = [];
    for (let day = fromDay; day <= toDay; day += 1) {
      days.push({
        date: isoDay(day),
        asked: sums.at(scope, day, 'asked'),
        answered: sums.at(scope, day, 'answered'),
        accepted: sums.at(scope, day, 'accepted'),
      });
    }
    const open = await this.store.insights.oldestOpen(scope, OLDEST_LISTED);
    const questions = await this.store.questions.byIds(open.map((o) => o.questionId));
    return {
      from: range.from,
      to: range.to,
      scope,
      asked,
      answered,
      accepted: sums.total(scope, 'accepted'),
      answeredShare: asked ? round(answered / asked, 3) : null,
      medianFirstAnswerSeconds: histogramMedian(sums.histogram(scope, 'ttfa:')),
      medianAcceptedSeconds: histogramMedian(sums.histogram(scope, 'tta:')),
      days,
      oldestUnanswered: open.flatMap(({ questionId, at }) => {
        const row = questions.get(questionId);
        return row
          ? [{ id: questionId, title: row.title, subject: row.subject, askedAt: at.toISOString() }]
          : [];
      }),
    };
  }

  private async ideas(range: Range & Period) {
    const { fromDay, toDay, scope } = range;
    const sums = new Sums(await this.sums(M.ideas, [scope], fromDay, toDay));
    const days = [];
    for (let day = fromDay; day <= toDay; day += 1) {
      days.push({
        date: isoDay(day),
        submitted: sums.at(scope, day, 'submitted'),
        votes: sums.at(scope, day, 'votes'),
      });
    }
    return {
      from: range.from,
      to: range.to,
      scope,
      submitted: sums.total(scope, 'submitted'),
      votes: sums.total(scope, 'votes'),
      funnel: FUNNEL.map((status) => ({
        status,
        reached: sums.total(scope, `reached:${status}`),
        now: sums.total(scope, `status:${status}`),
        medianSecondsIn: histogramMedian(sums.histogram(scope, `stay:${status}:`)),
      })),
      days,
    };
  }

  /**
   * Totals of a metric kept both daily and weekly: the period's whole ISO weeks from the
   * weekly buckets, the days at either end (at most six each) from the daily ones, so a
   * year costs 53 rows per scope and key, not 366.
   */
  private async periodTotals(
    daily: string,
    weekly: string,
    scopes: readonly string[],
    keys: readonly string[],
    { fromDay, toDay }: Range,
  ): Promise<Sums> {
    if (scopes.length === 0) return new Sums([]);
    // Whole weeks: Mondays m with fromDay ≤ m and m + 6 ≤ toDay.
    const firstWeek = weekOf(fromDay + 6);
    const lastWeek = weekOf(toDay - 6);
    if (firstWeek > lastWeek) return new Sums(await this.sums(daily, scopes, fromDay, toDay, keys));
    const parts = await Promise.all([
      this.sums(weekly, scopes, firstWeek, lastWeek),
      firstWeek > fromDay ? this.sums(daily, scopes, fromDay, firstWeek - 1, keys) : [],
      lastWeek + 6 < toDay ? this.sums(daily, scopes, lastWeek + 7, toDay, keys) : [],
    ]);
    return new Sums(parts.flat());
  }

  private async experts(range: Range & Period) {
    const { scope } = range;
    const topics =
      scope === ALL
        ? await this.candidates(M.topicRank, ALL, range)
        : [scope.slice('topic:'.length)];
    const scopes = topics.map((topic) => `topic:${topic}`);
    const asked = await this.periodTotals(
      M.questions,
      M.topicWeeks,
      scopes,
      ['asked', 'answered'],
      range,
    );
    const endorsed = await this.periodTotals(
      M.endorsements,
      M.endorsementWeeks,
      [...new Set([scope, ...scopes])],
      ['given'],
      range,
    );
    // One read of the topic directory (people with a positive score per topic, kept as a
    // counter), rather than ranking each topic's people.
    const directory = new Map(
      (await this.store.experts.topics(TOPIC_DIRECTORY)).map((t) => [t.topic, t.experts]),
    );
    const rows = [];
    for (const topic of topics) {
      const experts = directory.get(topic) ?? 0;
      const q = asked.total(`topic:${topic}`, 'asked');
      const a = asked.total(`topic:${topic}`, 'answered');
      rows.push({
        topic,
        asked: q,
        answered: a,
        answerRate: q ? round(a / q, 3) : null,
        experts,
        endorsements: endorsed.total(`topic:${topic}`, 'given'),
      });
    }
    rows.sort((x, y) => y.asked - x.asked || (x.topic < y.topic ? -1 : 1));
    const weeks = this.weeks(range);
    const people = await this.candidates(M.answersBy, scope, range);
    const answers = new Sums(
      // A weekly metric: only the Mondays hold rows.
      (
        await Promise.all(
          people.length
            ? weeks.map((week) => this.sums(M.answersBy, [scope], week, week, people))
            : [],
        )
      ).flat(),
    );
    const counted = people
      .map((userId) => ({ userId, answers: answers.total(scope, userId) }))
      .sort((a, b) => b.answers - a.answers || (a.userId < b.userId ? -1 : 1))
      .slice(0, RANKED);
    const names = await this.store.experts.people(counted.map((c) => c.userId));
    return {
      from: range.from,
      to: range.to,
      scope,
      endorsements: endorsed.total(scope, 'given'),
      topics: rows,
      unanswerable: rows
        .filter((row) => row.asked > 0 && row.experts === 0)
        .map((row) => row.topic),
      topContributors: counted.map((c) => ({ ...c, name: names.get(c.userId)?.name ?? null })),
    };
  }

  private async participation(range: Range & Period) {
    const weeks = this.weeks(range);
    const { scope } = range;
    const sums = new Sums(await this.sums(M.people, [scope], weeks[0]!, weeks.at(-1)!));
    return {
      from: range.from,
      to: range.to,
      scope,
      weeks: weeks.map((week) => ({
        week: isoDay(week),
        active: sums.at(scope, week, 'active'),
        new: sums.at(scope, week, 'new'),
        returning: sums.at(scope, week, 'returning'),
        employees: sums.at(scope, week, 'employees'),
        customers: sums.at(scope, week, 'customers'),
      })),
    };
  }
}

/** Bucket rows summed once, so each figure is a lookup rather than a pass over the rows. */
class Sums {
  /** `scope NUL key` → day → value: a sparse series per counter, so a subject rated on a few
   * days costs those days, not every day of the period. */
  private readonly series = new Map<string, Map<number, number>>();

  constructor(rows: readonly InsightBucket[]) {
    for (const row of rows) {
      const name = `${row.scope}\u0000${row.key}`;
      let days = this.series.get(name);
      if (!days) this.series.set(name, (days = new Map()));
      days.set(row.day, (days.get(row.day) ?? 0) + row.value);
    }
  }

  at(scope: string, day: number, key: string): number {
    return this.series.get(`${scope}\u0000${key}`)?.get(day) ?? 0;
  }

  /** Over every day read. */
  total(scope: string, key: string): number {
    let sum = 0;
    for (const value of this.series.get(`${scope}\u0000${key}`)?.values() ?? []) sum += value;
    return sum;
  }

  /** Over the days `from`…`to`: by day or by stored day, whichever is fewer. */
  between(scope: string, key: string, from: number, to: number): number {
    const days = this.series.get(`${scope}\u0000${key}`);
    if (!days) return 0;
    let sum = 0;
    if (to - from + 1 <= days.size) {
      for (let day = from; day <= to; day += 1) sum += days.get(day) ?? 0;
    } else {
      for (const [day, value] of days) if (day >= from && day <= to) sum += value;
    }
    return sum;
  }

  stars(scope: string, from: number, to: number): number[] {
    return [1, 2, 3, 4, 5].map((s) => this.between(scope, `s${s}`, from, to));
  }

  histogram(scope: string, prefix: string): Map<number, number> {
    const counts = new Map<number, number>();
    DURATION_EDGES.forEach((_, i) => counts.set(i, this.total(scope, `${prefix}${i}`)));
    return counts;
  }
}

const total = (d: readonly number[]) => d.reduce((a, b) => a + b, 0);
