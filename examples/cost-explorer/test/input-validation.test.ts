import { describe, expect, it } from 'vitest';
import { connect, textOf } from './helpers.ts';

/** Each case: a call the model might make, and what the answer must tell it. */
const REFUSED: [tool: string, args: Record<string, unknown>, message: RegExp][] = [
  ['get_cost_and_usage', { start: '2026/10/01' }, /start: Invalid ISO date/],
  ['get_cost_and_usage', { start: '2026-11-10', end: '2026-11-01' }, /end: end must be after start \(end is exclusive/],
  ['get_cost_and_usage', { start: '2026-11-10', end: '2026-11-10' }, /end must be after start/],
  ['get_cost_and_usage', { granularity: 'HOURLY' }, /granularity: Invalid option: expected one of "DAILY"\|"MONTHLY"/],
  ['get_cost_and_usage', { metric: 'UsageQuantity' }, /metric: Invalid option/],
  ['get_cost_and_usage', { start: '2026-12-01' }, /start 2026-12-01 is in the future \(today is 2026-11-21\)\. For expected costs use get_cost_forecast/],
  ['get_cost_and_usage', { end: '2027-02-01' }, /start 2027-01-02 is in the future/],
  ['get_cost_and_usage', { start: '2026-01-01', granularity: 'DAILY' }, /DAILY granularity covers at most 93 days and this period has 324\. Use MONTHLY/],
  ['get_cost_and_usage', { end: '2026-11-21T00:00:00Z' }, /end: Invalid ISO date/],
  ['get_top_services', { limit: 0 }, /limit: Too small/],
  ['get_top_services', { limit: 21 }, /limit: Too big/],
  ['get_top_services', { limit: 2.5 }, /limit: Invalid input: expected int/],
  ['get_cost_by_tag', {}, /tagKey: Invalid input/],
  ['get_cost_by_tag', { tagKey: '   ' }, /tagKey: Too small/],
  ['get_cost_anomalies', { minTotalImpact: -5 }, /minTotalImpact: Too small/],
  ['get_cost_anomalies', { limit: 51 }, /limit: Too big/],
  ['get_savings_plans_coverage', { granularity: 'WEEKLY' }, /granularity: Invalid option/],
];

describe('cost-explorer example: input validation', () => {
  it.each(REFUSED)('%s refuses %j, naming what to fix', async (tool, args, message) => {
    const { call } = await connect();
    const result = await call(tool, args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
  });

  it('fills a missing end from today and a missing start from the end', async () => {
    const { call } = await connect();
    const onlyStart = await call('get_cost_and_usage', { start: '2026-11-01' });
    expect((onlyStart as any).structuredContent).toMatchObject({ start: '2026-11-01', end: '2026-11-21' });
    const onlyEnd = await call('get_cost_and_usage', { end: '2026-10-01' });
    expect((onlyEnd as any).structuredContent).toMatchObject({ start: '2026-09-01', end: '2026-10-01' });
    const today = await call('get_cost_and_usage', { start: '2026-11-21' });
    expect((today as any).structuredContent).toMatchObject({ start: '2026-11-21', end: '2026-11-22' });
  });
});
