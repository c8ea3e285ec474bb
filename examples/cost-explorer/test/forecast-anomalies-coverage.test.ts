import { DataUnavailableException } from '@aws-sdk/client-cost-explorer';
import { describe, expect, it, vi } from 'vitest';
import { AwsCostExplorer } from '../src/aws-cost-explorer.ts';
import type { CostExplorerPort } from '../src/cost-explorer-port.ts';
import { DemoCostExplorer } from '../src/demo-cost-explorer.ts';
import { connect, NOW, structured, sum, textOf } from './helpers.ts';

describe('cost-explorer example: forecast, anomalies, Savings Plans', () => {
  it('forecasts the next 30 days from today, each period inside its prediction interval', async () => {
    const { call } = await connect();
    const result = await call('get_cost_forecast');
    const data = structured(result);
    expect(data).toMatchObject({ start: '2026-11-21', end: '2026-12-21', granularity: 'MONTHLY', unit: 'USD' });
    expect(data.periods.map((p: any) => [p.start, p.end])).toEqual([['2026-11-21', '2026-12-01'], ['2026-12-01', '2026-12-21']]);
    for (const p of data.periods) expect(p.lower < p.mean && p.mean < p.upper).toBe(true);
    expect(data.total).toBeCloseTo(sum(data.periods.map((p: any) => p.mean)), 1);
    expect(textOf(result)).toMatch(/Forecast UnblendedCost from 2026-11-21 to 2026-12-20: about [\d,]+\.\d\d USD over 2 periods/);
  });

  it('refuses a forecast that starts in the past or reaches too far, saying what to use instead', async () => {
    const { call } = await connect();
    const past = await call('get_cost_forecast', { start: '2026-11-01' });
    expect(past.isError).toBe(true);
    expect(textOf(past)).toBe('A forecast starts today (2026-11-21) or later. For costs before today use get_cost_and_usage.');
    const far = await call('get_cost_forecast', { end: '2027-06-01', granularity: 'DAILY' });
    expect(textOf(far)).toMatch(/at most 90 days ahead.*Use MONTHLY/);
  });

  it('lists anomalies of the last 30 days, largest impact first', async () => {
    const { call } = await connect();
    const result = await call('get_cost_anomalies');
    const data = structured(result);
    expect(data).toMatchObject({ start: '2026-10-23', end: '2026-11-22', unit: 'USD', found: 2, totalImpact: 229.15 });
    expect(data.anomalies.map((a: any) => a.id)).toEqual(['demo-anomaly-ec2', 'demo-anomaly-s3']);
    expect(data.anomalies[0].rootCauses).toEqual([
      { service: 'Amazon Elastic Compute Cloud - Compute', region: 'us-east-1', usageType: 'BoxUsage:m7g.4xlarge' },
    ]);
    expect(textOf(result)).toMatch(/2 cost anomalies that ended between 2026-10-23 and 2026-11-21: 229\.15 USD above expected/);
  });

  it('filters anomalies by minimum impact and keeps to the limit', async () => {
    const { call } = await connect();
    expect(structured(await call('get_cost_anomalies', { minTotalImpact: 100 })).anomalies).toHaveLength(1);
    const limited = structured(await call('get_cost_anomalies', { start: '2026-09-01', limit: 2 }));
    expect([limited.found, limited.anomalies.length]).toEqual([3, 2]);
    const none = await call('get_cost_anomalies', { minTotalImpact: 1000 });
    expect(textOf(none)).toMatch(/No cost anomalies ended .*Cost Anomaly Detection monitor/);
  });

  it('reports Savings Plans coverage overall and per period', async () => {
    const { call } = await connect();
    const result = await call('get_savings_plans_coverage', { start: '2026-10-01', end: '2026-11-01' });
    const data = structured(result);
    expect(data.coveragePercentage).toBe(62);
    expect(data.coveredSpend + data.onDemandCost).toBeCloseTo(data.totalCost, 1);
    expect(data.periods).toHaveLength(1);
    expect(textOf(result)).toMatch(/Savings Plans covered 62% of eligible spend from 2026-10-01 to 2026-10-31/);
  });

  it('turns an AWS failure into a message the model can act on', async () => {
    const failing = { send: async () => { throw new DataUnavailableException({ message: 'Data is not available', $metadata: {} }); } };
    const { call } = await connect({ costs: new AwsCostExplorer(() => failing), dataSource: 'aws' });
    const result = await call('get_cost_by_service');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Cost Explorer has no data for this request yet\./);
  });

  it('hides the details of an unexpected failure from the model and logs them instead', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken: CostExplorerPort = Object.assign(new DemoCostExplorer({ clock: () => NOW }), {
      getForecast: async () => { throw new Error('connect ECONNREFUSED 10.0.0.7:443'); },
    });
    const { call } = await connect({ costs: broken });
    const result = await call('get_cost_forecast');
    expect(result.isError).toBe(true);
    expect(textOf(result)).not.toMatch(/ECONNREFUSED|10\.0\.0\.7/);
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/handler failed unexpectedly.*ECONNREFUSED/);
    logged.mockRestore();
  });

  it('passes the request\'s abort signal on to Cost Explorer', async () => {
    let seen: unknown;
    const costs = Object.assign(new DemoCostExplorer({ clock: () => NOW }), {
      getSavingsPlansCoverage: async (_query: unknown, signal?: AbortSignal) => { seen = signal; return []; },
    });
    const { call } = await connect({ costs });
    expect(textOf(await call('get_savings_plans_coverage'))).toMatch(/No Savings Plans-eligible spend/);
    expect(seen).toBeInstanceOf(AbortSignal);
  });
});
