/**
 * Calendar arithmetic on YYYY-MM-DD strings, always in UTC: Cost Explorer's days are UTC days, so the
 * server's local time zone must never shift a period by one.
 */
const DAY_MS = 86_400_000;

/** A span of whole days: `start` inclusive, `end` exclusive (Cost Explorer's own convention). */
export interface Period {
  start: string;
  end: string;
}

const toTime = (day: string): number => Date.parse(`${day}T00:00:00Z`);
export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
export const addDays = (day: string, days: number): string => isoDay(new Date(toTime(day) + days * DAY_MS));
export const daysBetween = (start: string, end: string): number => Math.round((toTime(end) - toTime(start)) / DAY_MS);
export const firstOfNextMonth = (day: string): string => {
  const d = new Date(toTime(day));
  return isoDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
};
export const firstOfMonth = (day: string): string => `${day.slice(0, 8)}01`;

/** The sub-periods Cost Explorer reports for a granularity: single days, or calendar months clipped to the period. */
export function splitPeriod(period: Period, granularity: 'DAILY' | 'MONTHLY'): Period[] {
  const parts: Period[] = [];
  for (let start = period.start; start < period.end; ) {
    const next = granularity === 'DAILY' ? addDays(start, 1) : firstOfNextMonth(start);
    const end = next < period.end ? next : period.end;
    parts.push({ start, end });
    start = end;
  }
  return parts;
}
