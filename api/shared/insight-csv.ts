/**
 * The insights as CSV (RFC 4180), one table each: what the server answers for
 * `Accept: text/csv` and what `<cw-insights>` exports from the figures it shows, so both
 * write the same file. docs/insights.md names each table's columns.
 */

export type InsightKind = 'ratings' | 'questions' | 'ideas' | 'experts' | 'participation';

/** One insight as CSV (RFC 4180): the table docs/insights.md names for each. */
export function insightCsv(kind: InsightKind, result: unknown): string {
  const r = result as Record<string, unknown>;
  const table = (header: string[], rows: unknown[][]) =>
    [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  switch (kind) {
    case 'ratings':
      return table(
        ['date', 'count', 'average'],
        (r.days as Array<{ date: string; count: number; average: number | null }>).map((d) => [
          d.date,
          d.count,
          d.average,
        ]),
      );
    case 'questions':
      return table(
        ['date', 'asked', 'answered', 'accepted'],
        (r.days as Array<{ date: string; asked: number; answered: number; accepted: number }>).map(
          (d) => [d.date, d.asked, d.answered, d.accepted],
        ),
      );
    case 'ideas':
      return table(
        ['status', 'reached', 'now', 'median_seconds_in'],
        (
          r.funnel as Array<{
            status: string;
            reached: number;
            now: number;
            medianSecondsIn: number | null;
          }>
        ).map((f) => [f.status, f.reached, f.now, f.medianSecondsIn]),
      );
    case 'experts':
      return table(
        ['topic', 'asked', 'answered', 'answer_rate', 'experts', 'endorsements'],
        (r.topics as Array<Record<string, unknown>>).map((t) => [
          t.topic,
          t.asked,
          t.answered,
          t.answerRate,
          t.experts,
          t.endorsements,
        ]),
      );
    case 'participation':
      return table(
        ['week', 'active', 'new', 'returning', 'employees', 'customers'],
        (r.weeks as Array<Record<string, unknown>>).map((w) => [
          w.week,
          w.active,
          w.new,
          w.returning,
          w.employees,
          w.customers,
        ]),
      );
  }
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
