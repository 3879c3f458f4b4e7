/**
 * How a value comes back from either SQL store: SQLite keeps lists and objects as JSON text
 * and flags as 0/1, Postgres as jsonb and booleans; dates are epoch ms in both.
 */
export const fromJson = <T>(value: string | T): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : value;

/** Epoch ms, or null, as stored. */
export const timeOrNull = (at: Date | null | undefined): number | null => at?.getTime() ?? null;
export const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
