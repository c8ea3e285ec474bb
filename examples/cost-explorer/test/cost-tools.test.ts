import { describeServer } from '@serverless-mcp/handler-kit/manifest';
import { ToolError } from '@serverless-mcp/handler-kit';
import { describe, expect, it } from 'vitest';
import type { CostQuery } from '../src/cost-explorer-port.ts';
import { DemoCostExplorer, DEMO_SERVICES } from '../src/demo-cost-explorer.ts';
import { createCostExplorerServer } from '../src/server.ts';
import { connect, NOW, structured, sum, textOf } from './helpers.ts';

const TOOLS = [
  'get_cost_and_usage', 'get_cost_by_service', 'get_cost_forecast', 'get_top_services',
  'get_cost_anomalies', 'get_cost_by_tag', 'get_savings_plans_coverage',
];

describe('cost-explorer example: cost tools', () => {
  it('offers seven read-only tools with output schemas, all behind the costs:read scope', async () => {
    const { client } = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(TOOLS);
    expect(tools.every((t) => t.annotations?.readOnlyHint === true && t.outputSchema !== undefined)).toBe(true);
    const described = describeServer(createCostExplorerServer({ costs: new DemoCostExplorer(), clock: () => NOW, dataSource: 'demo' }));
    expect(described.tools.map((t) => t.scopes)).toEqual(TOOLS.map(() => ['costs:read']));
  });

  it('reports the last 30 days per month by default, the current month marked as estimated', async () => {
    const { call } = await connect();
    const result = await call('get_cost_and_usage');
    const data = structured(result);
    expect(data).toMatchObject({ start: '2026-10-22', end: '2026-11-21', granularity: 'MONTHLY', metric: 'UnblendedCost', unit: 'USD', estimated: true });
    expect(data.periods.map((p: any) => [p.start, p.end, p.estimated])).toEqual([
      ['2026-10-22', '2026-11-01', false],
      ['2026-11-01', '2026-11-21', true],
    ]);
    expect(data.total).toBeCloseTo(sum(data.periods.map((p: any) => p.amount)), 2);
    expect(textOf(result)).toMatch(/^Demo data, not from AWS\. UnblendedCost from 2026-10-22 to 2026-11-20: [\d,]+\.\d\d USD over 2 month\(s\)/);
  });

  it('returns one row per day for DAILY granularity, weekends cheaper in the demo bill', async () => {
    const { call } = await connect();
    const data = structured(await call('get_cost_and_usage', { start: '2026-11-09', end: '2026-11-16', granularity: 'DAILY' }));
    expect(data.periods.map((p: any) => p.start)).toEqual(['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15']);
    const [saturday, monday] = [data.periods[5].amount, data.periods[0].amount];
    expect(saturday).toBeLessThan(monday);
  });

  it('ranks every service by cost with shares of the total', async () => {
    const { call } = await connect();
    const data = structured(await call('get_cost_by_service', { start: '2026-10-01', end: '2026-11-01' }));
    const amounts = data.services.map((s: any) => s.amount);
    expect(data.services).toHaveLength(DEMO_SERVICES.length);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(data.services[0].service).toBe('Amazon Elastic Compute Cloud - Compute');
    expect(sum(amounts)).toBeCloseTo(data.total, 1);
    expect(sum(data.services.map((s: any) => s.sharePercent))).toBeCloseTo(100, 0);
  });

  it('returns the top N services, each compared with the period just before', async () => {
    const { call } = await connect();
    const result = await call('get_top_services', { limit: 4 });
    const data = structured(result);
    expect(data.previousPeriod).toEqual({ start: '2026-09-22', end: '2026-10-22' });
    expect(data.services.map((s: any) => s.rank)).toEqual([1, 2, 3, 4]);
    expect(data.otherServices.count).toBe(DEMO_SERVICES.length - 4);
    // The demo bill's fastest grower.
    expect(data.services[3]).toMatchObject({ service: 'AWS Lambda' });
    expect(data.services[3].changePercent).toBeGreaterThan(30);
    expect(sum(data.services.map((s: any) => s.amount)) + data.otherServices.amount).toBeCloseTo(data.total, 1);
    for (const s of data.services) {
      expect(s.changePercent).toBeCloseTo(((s.amount - s.previousAmount) / s.previousAmount) * 100, 0);
    }
    expect(textOf(result).split('\n')[4]).toMatch(/^4\. AWS Lambda: [\d.]+ USD \([\d.]+%, \+[\d.]+% vs the previous period\)$/);
  });

  it('still ranks services when the previous period cannot be read', async () => {
    /** Demo data with no history before October 2026, as for an account that enabled Cost Explorer then. */
    class NoHistoryBeforeOctober extends DemoCostExplorer {
      override async getCosts(query: CostQuery) {
        if (query.period.start < '2026-10-01') throw new ToolError('Cost Explorer has no data for this request yet.');
        return super.getCosts(query);
      }
    }
    const costs = new NoHistoryBeforeOctober({ clock: () => NOW });
    const { call } = await connect({ costs });
    const data = structured(await call('get_top_services', { start: '2026-10-15', end: '2026-11-15', limit: 2 }));
    expect(data.services).toHaveLength(2);
    for (const s of data.services) expect(Object.keys(s)).toEqual(['rank', 'service', 'amount', 'sharePercent']);
  });

  it('splits cost by tag value and reports untagged cost separately', async () => {
    const { call } = await connect();
    const data = structured(await call('get_cost_by_tag', { tagKey: 'Environment', start: '2026-10-01', end: '2026-11-01' }));
    expect(data.values.map((v: any) => [v.tagValue, v.sharePercent])).toEqual([['prod', 60], ['staging', 25]]);
    expect(data.untagged.sharePercent).toBe(15);
    expect(sum(data.values.map((v: any) => v.amount)) + data.untagged.amount).toBeCloseTo(data.total, 1);
  });

  it('explains a tag key that no cost carries instead of returning an empty split', async () => {
    const { call } = await connect();
    const result = await call('get_cost_by_tag', { tagKey: 'environment' });
    expect(structured(result).values).toEqual([]);
    expect(structured(result).untagged.sharePercent).toBe(100);
    expect(textOf(result)).toMatch(/No cost carries the tag "environment": check its spelling and case/);
  });

  it('marks every demo answer as demo data, and no answer from AWS', async () => {
    const demo = await connect();
    for (const tool of TOOLS) expect(textOf(await demo.call(tool, tool === 'get_cost_by_tag' ? { tagKey: 'Team' } : {}))).toMatch(/^Demo data, not from AWS\. /);
    const aws = await connect({ dataSource: 'aws' });
    expect(textOf(await aws.call('get_cost_and_usage'))).toMatch(/^UnblendedCost from/);
    expect(aws.client.getInstructions()).toBe(demo.client.getInstructions());
  });
});
