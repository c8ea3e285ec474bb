import { defineTool, ToolError } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import { CostMetric } from '../cost-explorer-port.ts';
import { addDays, daysBetween, isoDay } from '../dates.ts';
import type { Dependencies } from '../dependencies.ts';
import { answer, cents, describePeriod, money, percent, periodOutput, READ_ONLY, SCOPES, unitOutput } from './output.ts';
import { endAfterStart, pastEnd, pastPeriod, pastStart } from './period.ts';
import { grandTotal, totalsByKey, unitOf } from './totals.ts';

export const MAX_TOP = 20;

export const getTopServicesTool = (deps: Dependencies) =>
  defineTool({
    name: 'get_top_services',
    title: 'Top services',
    description:
      'The N most expensive AWS services over a period, each compared with the period of the same length just ' +
      'before it. Use it for "what drives our bill" and "what grew". Default: top 5 of the last 30 days.',
    input: z
      .object({
        start: pastStart,
        end: pastEnd,
        limit: z.number().int().min(1).max(MAX_TOP).default(5).describe(`How many services (1 to ${MAX_TOP})`),
        metric: CostMetric.default('UnblendedCost'),
      })
      .refine(...endAfterStart),
    output: z.object({
      ...periodOutput,
      metric: CostMetric,
      unit: unitOutput,
      total: z.number(),
      previousPeriod: z.object(periodOutput),
      services: z.array(z.object({
        rank: z.number().int(),
        service: z.string(),
        amount: z.number(),
        sharePercent: z.number(),
        // Optional rather than nullable: a single-type schema suits more clients' schema dialects.
        previousAmount: z.number().optional().describe('Absent when the previous period could not be read'),
        changePercent: z.number().optional().describe('Absent without a previous amount to compare with'),
      })),
      otherServices: z.object({ count: z.number().int(), amount: z.number() }),
    }),
    annotations: READ_ONLY,
    scopes: SCOPES,
    handler: async ({ limit, metric, ...dates }, ctx) => {
      const period = pastPeriod(dates, isoDay(deps.clock()));
      const previousPeriod = { start: addDays(period.start, -daysBetween(period.start, period.end)), end: period.start };
      const query = { granularity: 'MONTHLY', metric, groupBy: { by: 'service' } } as const;
      const [current, previous] = await Promise.all([
        deps.costs.getCosts({ ...query, period }, ctx.signal),
        // The comparison is a bonus: without it (no data that far back) the ranking still stands.
        deps.costs.getCosts({ ...query, period: previousPeriod }, ctx.signal).catch((err: unknown) => {
          if (err instanceof ToolError) return undefined;
          throw err;
        }),
      ]);
      const unit = unitOf(current);
      const total = grandTotal(current);
      const ranked = totalsByKey(current).filter((s) => cents(s.amount) !== 0);
      const before = previous && new Map(totalsByKey(previous).map((s) => [s.key, s.amount]));
      const services = ranked.slice(0, limit).map((s, i) => {
        const previousAmount = before?.get(s.key) ?? (before ? 0 : undefined);
        return {
          rank: i + 1,
          service: s.key,
          amount: cents(s.amount),
          sharePercent: percent(s.amount, total),
          ...(previousAmount !== undefined && { previousAmount: cents(previousAmount) }),
          ...(previousAmount && { changePercent: percent(s.amount - previousAmount, previousAmount) }),
        };
      });
      const rest = ranked.slice(limit);
      const lines = services.map((s) =>
        `${s.rank}. ${s.service}: ${money(s.amount, unit)} (${s.sharePercent}%` +
        (s.changePercent === undefined ? ')' : `, ${s.changePercent >= 0 ? '+' : ''}${s.changePercent}% vs the previous period)`));
      const summary = [`Top ${services.length} services by ${metric} from ${describePeriod(period)} (total ${money(cents(total), unit)}):`, ...lines].join('\n');
      return answer(deps, summary, {
        ...period,
        metric,
        unit,
        total: cents(total),
        previousPeriod,
        services,
        otherServices: { count: rest.length, amount: cents(rest.reduce((sum, s) => sum + s.amount, 0)) },
      });
    },
  });
