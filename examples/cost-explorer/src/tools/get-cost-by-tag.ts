import { defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import { CostMetric } from '../cost-explorer-port.ts';
import { isoDay } from '../dates.ts';
import type { Dependencies } from '../dependencies.ts';
import { answer, cents, describePeriod, money, percent, periodOutput, READ_ONLY, SCOPES, unitOutput } from './output.ts';
import { endAfterStart, pastEnd, pastPeriod, pastStart } from './period.ts';
import { grandTotal, totalsByKey, unitOf } from './totals.ts';

export const getCostByTagTool = (deps: Dependencies) =>
  defineTool({
    name: 'get_cost_by_tag',
    title: 'Cost by tag',
    description:
      'Cost over a period split by the values of one tag key (e.g. Environment, Team, Project), largest first; ' +
      'untagged cost is reported separately. Tag keys are case-sensitive. Default: the last 30 days.',
    input: z
      .object({
        tagKey: z.string().trim().min(1).max(128).describe('A cost allocation tag key, e.g. Environment'),
        start: pastStart,
        end: pastEnd,
        metric: CostMetric.default('UnblendedCost'),
      })
      .refine(...endAfterStart),
    output: z.object({
      tagKey: z.string(),
      ...periodOutput,
      metric: CostMetric,
      unit: unitOutput,
      total: z.number(),
      values: z.array(z.object({ tagValue: z.string(), amount: z.number(), sharePercent: z.number() })),
      untagged: z.object({ amount: z.number(), sharePercent: z.number() }).describe('Cost of resources without this tag'),
    }),
    annotations: READ_ONLY,
    scopes: SCOPES,
    handler: async ({ tagKey, metric, ...dates }, ctx) => {
      const period = pastPeriod(dates, isoDay(deps.clock()));
      const periods = await deps.costs.getCosts({ period, granularity: 'MONTHLY', metric, groupBy: { by: 'tag', key: tagKey } }, ctx.signal);
      const unit = unitOf(periods);
      const total = grandTotal(periods);
      const totals = totalsByKey(periods);
      const untaggedAmount = totals.find((t) => t.key === '')?.amount ?? 0;
      const values = totals
        .filter((t) => t.key !== '' && cents(t.amount) !== 0)
        .map((t) => ({ tagValue: t.key, amount: cents(t.amount), sharePercent: percent(t.amount, total) }));
      const untagged = { amount: cents(untaggedAmount), sharePercent: percent(untaggedAmount, total) };
      const parts = [...values.map((v) => `${v.tagValue} ${money(v.amount, unit)} (${v.sharePercent}%)`), `untagged ${money(untagged.amount, unit)} (${untagged.sharePercent}%)`];
      let summary = `${metric} by tag "${tagKey}" from ${describePeriod(period)}: ${parts.join(', ')}.`;
      if (values.length === 0 && total !== 0) {
        summary += ` No cost carries the tag "${tagKey}": check its spelling and case, and that it is activated as a cost allocation tag in the Billing console (activation is not retroactive).`;
      }
      return answer(deps, summary, { tagKey, ...period, metric, unit, total: cents(total), values, untagged });
    },
  });
