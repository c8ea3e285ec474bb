import { ToolError } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import type { Granularity } from '../cost-explorer-port.ts';
import { addDays, daysBetween, type Period } from '../dates.ts';

/** The period a tool covers when the model gives no dates. */
export const DEFAULT_DAYS = 30;
/** Longest DAILY period: about three months of rows is as much as a model usefully reads in one answer. */
export const MAX_DAILY_DAYS = 93;
/** Cost Explorer forecasts reach three months ahead day by day, twelve months month by month. */
export const MAX_FORECAST_DAYS: Record<Granularity, number> = { DAILY: 90, MONTHLY: 365 };

export const pastStart = z.iso.date().optional().describe(`First day, YYYY-MM-DD (inclusive). Default: ${DEFAULT_DAYS} days before end.`);
export const pastEnd = z.iso.date().optional().describe('The day after the last day, YYYY-MM-DD (exclusive). Default: today.');

const inOrder = (v: { start?: string | undefined; end?: string | undefined }) => !v.start || !v.end || v.end > v.start;
const ORDER_MESSAGE = 'end must be after start (end is exclusive: the day after the last day)';

/** Checks start < end when both are given; tools add the defaults (and check again) at call time. */
export const endAfterStart: [typeof inOrder, { message: string; path: string[] }] = [inOrder, { message: ORDER_MESSAGE, path: ['end'] }];

const fail = (message: string): never => {
  throw new ToolError(message);
};

/** A period of past costs, defaults filled in from today. */
export function pastPeriod(
  input: { start?: string | undefined; end?: string | undefined },
  today: string,
  options: { granularity?: Granularity; defaultEnd?: string } = {},
): Period {
  const end = input.end ?? options.defaultEnd ?? (input.start === today ? addDays(today, 1) : today);
  const start = input.start ?? addDays(end, -DEFAULT_DAYS);
  if (start > today) fail(`start ${start} is in the future (today is ${today}). For expected costs use get_cost_forecast.`);
  if (end <= start) fail(`${ORDER_MESSAGE}; got start ${start} and end ${end}.`);
  const days = daysBetween(start, end);
  if (options.granularity === 'DAILY' && days > MAX_DAILY_DAYS) {
    fail(`DAILY granularity covers at most ${MAX_DAILY_DAYS} days and this period has ${days}. Use MONTHLY or a shorter period.`);
  }
  return { start, end };
}

/** A period to forecast: it starts today or later. */
export function futurePeriod(input: { start?: string | undefined; end?: string | undefined }, today: string, granularity: Granularity): Period {
  const start = input.start ?? today;
  if (start < today) fail(`A forecast starts today (${today}) or later. For costs before today use get_cost_and_usage.`);
  const end = input.end ?? addDays(start, DEFAULT_DAYS);
  if (end <= start) fail(`${ORDER_MESSAGE}; got start ${start} and end ${end}.`);
  const days = daysBetween(today, end);
  if (days > MAX_FORECAST_DAYS[granularity]) {
    fail(`A ${granularity} forecast reaches at most ${MAX_FORECAST_DAYS[granularity]} days ahead; end ${end} is ${days} days away.` +
      (granularity === 'DAILY' ? ' Use MONTHLY for a longer horizon.' : ''));
  }
  return { start, end };
}
