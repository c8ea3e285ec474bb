import { defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import { CostMetric, Granularity } from '../cost-explorer-port.ts';
import { isoDay } from '../dates.ts';
import type { Dependencies } from '../dependencies.ts';
import { answer, cents, describePeriod, money, periodOutput, READ_ONLY, SCOPES, unitOutput } from './output.ts';
import { endAfterStart, pastEnd, pastPeriod, pastStart } from './period.ts';
import { grandTotal, unitOf } from './totals.ts';

export const getCostAndUsageTool = (deps: Dependencies) =>
  defineTool({
    name: 'get_cost_and_usage',
    title: 'Cost for a period',
    description:
      'Total AWS cost for a period, per day or per month. Use it for "how much did we spend" and for trends. ' +
      'Dates are YYYY-MM-DD; end is exclusive. Default: the last 30 days, per month.',
    input: z
      .object({
        start: pastStart,
        end: pastEnd,
        granularity: Granularity.default('MONTHLY').describe('DAILY (at most 93 days) or MONTHLY'),
        metric: CostMetric.default('UnblendedCost').describe('UnblendedCost is what the bill shows'),
      })
      .refine(...endAfterStart),
    output: z.object({
      ...periodOutput,
      granularity: Granularity,
      metric: CostMetric,
      unit: unitOutput,
      total: z.number(),
      periods: z.array(z.object({ ...periodOutput, amount: z.number(), estimated: z.boolean() })),
      estimated: z.boolean().describe('True when some figures may still change (the current month)'),
    }),
    annotations: READ_ONLY,
    scopes: SCOPES,
    handler: async (input, ctx) => {
      const period = pastPeriod(input, isoDay(deps.clock()), { granularity: input.granularity });
      const periods = await deps.costs.getCosts({ period, granularity: input.granularity, metric: input.metric }, ctx.signal);
      const unit = unitOf(periods);
      const total = cents(grandTotal(periods));
      const estimated = periods.some((p) => p.estimated);
      const summary =
        `${input.metric} from ${describePeriod(period)}: ${money(total, unit)} over ${periods.length} ` +
        `${input.granularity === 'DAILY' ? 'day(s)' : 'month(s)'}${estimated ? ' (the current month is an estimate)' : ''}.`;
      return answer(deps, summary, {
        ...period,
        granularity: input.granularity,
        metric: input.metric,
        unit,
        total,
        periods: periods.map((p) => ({ start: p.start, end: p.end, amount: cents(p.total.amount), estimated: p.estimated })),
        estimated,
      });
    },
  });
