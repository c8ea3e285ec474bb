import { defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import { CostMetric, Granularity } from '../cost-explorer-port.ts';
import { isoDay } from '../dates.ts';
import type { Dependencies } from '../dependencies.ts';
import { answer, cents, describePeriod, money, periodOutput, READ_ONLY, SCOPES, unitOutput } from './output.ts';
import { DEFAULT_DAYS, endAfterStart, futurePeriod } from './period.ts';

export const getCostForecastTool = (deps: Dependencies) =>
  defineTool({
    name: 'get_cost_forecast',
    title: 'Cost forecast',
    description:
      'Forecast of AWS cost from today (or a later start) to an end date, with an 80% prediction interval per ' +
      `period. Dates are YYYY-MM-DD; end is exclusive. Default: the next ${DEFAULT_DAYS} days, per month.`,
    input: z
      .object({
        start: z.iso.date().optional().describe('First day, YYYY-MM-DD: today or later. Default: today.'),
        end: z.iso.date().optional().describe(`The day after the last day (exclusive). Default: ${DEFAULT_DAYS} days after start.`),
        granularity: Granularity.default('MONTHLY').describe('DAILY (up to 90 days ahead) or MONTHLY (up to 365)'),
        metric: CostMetric.default('UnblendedCost'),
      })
      .refine(...endAfterStart),
    output: z.object({
      ...periodOutput,
      granularity: Granularity,
      metric: CostMetric,
      unit: unitOutput,
      total: z.number().describe('Forecast mean for the whole period'),
      periods: z.array(z.object({
        ...periodOutput,
        mean: z.number(),
        lower: z.number().optional().describe('80% prediction interval, lower bound'),
        upper: z.number().optional().describe('80% prediction interval, upper bound'),
      })),
    }),
    annotations: READ_ONLY,
    scopes: SCOPES,
    handler: async ({ granularity, metric, ...dates }, ctx) => {
      const period = futurePeriod(dates, isoDay(deps.clock()), granularity);
      const forecast = await deps.costs.getForecast({ period, granularity, metric }, ctx.signal);
      const unit = forecast.total.unit;
      const periods = forecast.periods.map((p) => ({
        start: p.start,
        end: p.end,
        mean: cents(p.mean),
        ...(p.lower !== undefined && { lower: cents(p.lower) }),
        ...(p.upper !== undefined && { upper: cents(p.upper) }),
      }));
      const total = cents(forecast.total.amount);
      const only = periods.length === 1 ? periods[0] : undefined;
      const interval = only?.lower !== undefined && only.upper !== undefined
        ? ` (80% interval ${money(only.lower, unit)} to ${money(only.upper, unit)})`
        : '';
      const summary =
        `Forecast ${metric} from ${describePeriod(period)}: about ${money(total, unit)}${interval}` +
        (periods.length > 1 ? ` over ${periods.length} periods; each period's 80% interval is in the result.` : '.');
      return answer(deps, summary, { ...period, granularity, metric, unit, total, periods });
    },
  });
