import { defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import { CostMetric } from '../cost-explorer-port.ts';
import { isoDay } from '../dates.ts';
import type { Dependencies } from '../dependencies.ts';
import { answer, cents, describePeriod, money, percent, periodOutput, READ_ONLY, SCOPES, unitOutput } from './output.ts';
import { endAfterStart, pastEnd, pastPeriod, pastStart } from './period.ts';
import { grandTotal, totalsByKey, unitOf } from './totals.ts';

export const getCostByServiceTool = (deps: Dependencies) =>
  defineTool({
    name: 'get_cost_by_service',
    title: 'Cost by service',
    description:
      'Every AWS service\'s cost over a period, largest first, with its share of the total. For only the ' +
      'biggest few and how they changed, use get_top_services. Default: the last 30 days.',
    input: z
      .object({ start: pastStart, end: pastEnd, metric: CostMetric.default('UnblendedCost') })
      .refine(...endAfterStart),
    output: z.object({
      ...periodOutput,
      metric: CostMetric,
      unit: unitOutput,
      total: z.number(),
      services: z.array(z.object({ service: z.string(), amount: z.number(), sharePercent: z.number() })),
    }),
    annotations: READ_ONLY,
    scopes: SCOPES,
    handler: async (input, ctx) => {
      const period = pastPeriod(input, isoDay(deps.clock()));
      // Monthly rows: the fewest pages (billed requests) for a per-service total.
      const periods = await deps.costs.getCosts({ period, granularity: 'MONTHLY', metric: input.metric, groupBy: { by: 'service' } }, ctx.signal);
      const unit = unitOf(periods);
      const total = grandTotal(periods);
      // Services that cost nothing (rounded to the cent) are noise in an answer.
      const services = totalsByKey(periods)
        .map((s) => ({ service: s.key, amount: cents(s.amount), sharePercent: percent(s.amount, total) }))
        .filter((s) => s.amount !== 0);
      const largest = services[0];
      const summary =
        `${input.metric} by service from ${describePeriod(period)}: ${money(cents(total), unit)} across ${services.length} service(s).` +
        (largest ? ` Largest: ${largest.service}, ${money(largest.amount, unit)} (${largest.sharePercent}%).` : '');
      return answer(deps, summary, { ...period, metric: input.metric, unit, total: cents(total), services });
    },
  });
