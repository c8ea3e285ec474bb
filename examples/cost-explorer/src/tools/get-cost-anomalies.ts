import { defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import { addDays, isoDay } from '../dates.ts';
import type { Dependencies } from '../dependencies.ts';
import { answer, cents, money, periodOutput, READ_ONLY, SCOPES } from './output.ts';
import { DEFAULT_DAYS, endAfterStart, pastPeriod } from './period.ts';

export const MAX_ANOMALIES = 50;

const AnomalyOutput = z.object({
  id: z.string(),
  start: z.string().optional(),
  end: z.string().optional().describe('Absent while the anomaly is ongoing'),
  dimension: z.string().optional().describe('What the monitor watches, e.g. a service'),
  rootCauses: z.array(z.object({
    service: z.string().optional(),
    region: z.string().optional(),
    linkedAccount: z.string().optional(),
    usageType: z.string().optional(),
  })),
  totalImpact: z.number().describe('Spend above what was expected, in USD'),
  maxDailyImpact: z.number(),
  actualSpend: z.number().optional(),
  expectedSpend: z.number().optional(),
  currentScore: z.number().describe('How unusual it is now, 0 to 1 (0 once it is over)'),
  maxScore: z.number().describe('How unusual it was at its peak, 0 to 1'),
});

export const getCostAnomaliesTool = (deps: Dependencies) =>
  defineTool({
    name: 'get_cost_anomalies',
    title: 'Cost anomalies',
    description:
      'Unusual spend found by AWS Cost Anomaly Detection, largest impact first, with root causes (service, ' +
      `Region, account, usage type). Default: anomalies that ended in the last ${DEFAULT_DAYS} days, today included.`,
    input: z
      .object({
        start: z.iso.date().optional().describe(`First day, YYYY-MM-DD. Default: ${DEFAULT_DAYS} days before end.`),
        end: z.iso.date().optional().describe('The day after the last day (exclusive). Default: tomorrow, so today counts.'),
        minTotalImpact: z.number().min(0).optional().describe('Only anomalies costing at least this many USD'),
        limit: z.number().int().min(1).max(MAX_ANOMALIES).default(10).describe(`How many to return (1 to ${MAX_ANOMALIES})`),
      })
      .refine(...endAfterStart),
    output: z.object({
      ...periodOutput,
      unit: z.literal('USD').describe('Cost Anomaly Detection reports impacts in USD'),
      found: z.number().int().describe('Anomalies found, before the limit'),
      totalImpact: z.number().describe('Sum of every found anomaly\'s impact'),
      anomalies: z.array(AnomalyOutput),
    }),
    annotations: READ_ONLY,
    scopes: SCOPES,
    handler: async ({ minTotalImpact, limit, ...dates }, ctx) => {
      const today = isoDay(deps.clock());
      const period = pastPeriod(dates, today, { defaultEnd: addDays(today, 1) });
      const found = await deps.costs.getAnomalies({ period, ...(minTotalImpact !== undefined && { minTotalImpact }) }, ctx.signal);
      const anomalies = [...found]
        .sort((a, b) => b.totalImpact - a.totalImpact || a.id.localeCompare(b.id))
        .slice(0, limit)
        .map((a) => ({
          ...a,
          totalImpact: cents(a.totalImpact),
          maxDailyImpact: cents(a.maxDailyImpact),
          ...(a.actualSpend !== undefined && { actualSpend: cents(a.actualSpend) }),
          ...(a.expectedSpend !== undefined && { expectedSpend: cents(a.expectedSpend) }),
        }));
      const totalImpact = cents(found.reduce((sum, a) => sum + a.totalImpact, 0));
      const top = anomalies[0];
      const span = `between ${period.start} and ${addDays(period.end, -1)}`;
      const summary = top
        ? `${found.length} cost anomal${found.length === 1 ? 'y' : 'ies'} that ended ${span}: ${money(totalImpact, 'USD')} above expected in all. ` +
          `Largest: ${money(top.totalImpact, 'USD')} on ${top.dimension ?? top.rootCauses[0]?.service ?? 'an unnamed dimension'}` +
          `${top.start ? ` from ${top.start}` : ''}${top.end ? ` to ${top.end}` : ' (ongoing)'}.`
        : `No cost anomalies ended ${span}. (Anomalies are only found where the account has a ` +
          'Cost Anomaly Detection monitor.)';
      return answer(deps, summary, { ...period, unit: 'USD', found: found.length, totalImpact, anomalies });
    },
  });
