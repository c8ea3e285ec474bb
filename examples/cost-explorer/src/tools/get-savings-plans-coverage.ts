import { defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import { Granularity } from '../cost-explorer-port.ts';
import { isoDay } from '../dates.ts';
import type { Dependencies } from '../dependencies.ts';
import { answer, cents, describePeriod, money, percent, periodOutput, READ_ONLY, SCOPES } from './output.ts';
import { endAfterStart, pastEnd, pastPeriod, pastStart } from './period.ts';

const coverageFields = {
  coveredSpend: z.number().describe('Eligible spend Savings Plans paid for'),
  onDemandCost: z.number().describe('Eligible spend paid at on-demand rates'),
  totalCost: z.number(),
  coveragePercentage: z.number().describe('coveredSpend as a percentage of totalCost'),
};

export const getSavingsPlansCoverageTool = (deps: Dependencies) =>
  defineTool({
    name: 'get_savings_plans_coverage',
    title: 'Savings Plans coverage',
    description:
      'How much of the Savings Plans-eligible spend (EC2, Fargate, Lambda, SageMaker) Savings Plans covered, ' +
      'and how much ran on demand, overall and per period. Low coverage means buying a plan may save money. ' +
      'Default: the last 30 days, per month.',
    input: z
      .object({
        start: pastStart,
        end: pastEnd,
        granularity: Granularity.default('MONTHLY').describe('DAILY (at most 93 days) or MONTHLY'),
      })
      .refine(...endAfterStart),
    output: z.object({
      ...periodOutput,
      granularity: Granularity,
      unit: z.literal('USD'),
      ...coverageFields,
      periods: z.array(z.object({ ...periodOutput, ...coverageFields })),
    }),
    annotations: READ_ONLY,
    scopes: SCOPES,
    handler: async ({ granularity, ...dates }, ctx) => {
      const period = pastPeriod(dates, isoDay(deps.clock()), { granularity });
      const found = await deps.costs.getSavingsPlansCoverage({ period, granularity }, ctx.signal);
      const sum = (pick: (p: (typeof found)[number]) => number) => found.reduce((total, p) => total + pick(p), 0);
      const covered = sum((p) => p.coveredSpend);
      const totalCost = sum((p) => p.totalCost);
      const overall = {
        coveredSpend: cents(covered),
        onDemandCost: cents(sum((p) => p.onDemandCost)),
        totalCost: cents(totalCost),
        coveragePercentage: percent(covered, totalCost),
      };
      const periods = found.map((p) => ({
        start: p.start,
        end: p.end,
        coveredSpend: cents(p.coveredSpend),
        onDemandCost: cents(p.onDemandCost),
        totalCost: cents(p.totalCost),
        coveragePercentage: Math.round(p.coveragePercentage * 10) / 10,
      }));
      const summary = totalCost === 0
        ? `No Savings Plans-eligible spend from ${describePeriod(period)}.`
        : `Savings Plans covered ${overall.coveragePercentage}% of eligible spend from ${describePeriod(period)}: ` +
          `${money(overall.coveredSpend, 'USD')} of ${money(overall.totalCost, 'USD')}; ${money(overall.onDemandCost, 'USD')} ran on demand.`;
      return answer(deps, summary, { ...period, granularity, unit: 'USD', ...overall, periods });
    },
  });
