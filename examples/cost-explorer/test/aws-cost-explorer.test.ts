import { ToolError } from '@serverless-mcp/handler-kit';
import { describe, expect, it } from 'vitest';
import { AwsCostExplorer, MAX_PAGES } from '../src/aws-cost-explorer.ts';
import { recordingClient } from './recording-client.ts';

const OCTOBER = { start: '2026-10-01', end: '2026-11-01' };
const usd = (amount: string) => ({ Amount: amount, Unit: 'USD' });

describe('AWS Cost Explorer adapter: requests and responses', () => {
  it('asks GetCostAndUsage for one metric, grouped by service, and sums the groups into the total', async () => {
    const { client, sent } = recordingClient(() => ({
      ResultsByTime: [{
        TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Total: {}, Estimated: false,
        Groups: [
          { Keys: ['AWS Lambda'], Metrics: { AmortizedCost: usd('12.3456789') } },
          { Keys: ['Amazon Simple Storage Service'], Metrics: { AmortizedCost: usd('7.5') } },
        ],
      }],
    }));
    const periods = await new AwsCostExplorer(client).getCosts({ period: OCTOBER, granularity: 'MONTHLY', metric: 'AmortizedCost', groupBy: { by: 'service' } });
    expect(sent).toEqual([{
      name: 'GetCostAndUsageCommand',
      input: { TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Granularity: 'MONTHLY', Metrics: ['AmortizedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }] },
      abortSignal: undefined,
    }]);
    expect(periods).toEqual([{
      ...OCTOBER, estimated: false, total: { amount: 19.8456789, unit: 'USD' },
      groups: [{ key: 'AWS Lambda', amount: 12.3456789, unit: 'USD' }, { key: 'Amazon Simple Storage Service', amount: 7.5, unit: 'USD' }],
    }]);
  });

  it('reads tag groups as tag values, the untagged group as an empty value', async () => {
    const { client, sent } = recordingClient(() => ({
      ResultsByTime: [{ TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Groups: [
        { Keys: ['Team$data'], Metrics: { UnblendedCost: usd('3') } },
        { Keys: ['Team$'], Metrics: { UnblendedCost: usd('1') } },
      ] }],
    }));
    const [october] = await new AwsCostExplorer(client).getCosts({ period: OCTOBER, granularity: 'MONTHLY', metric: 'UnblendedCost', groupBy: { by: 'tag', key: 'Team' } });
    expect(sent[0]!.input.GroupBy).toEqual([{ Type: 'TAG', Key: 'Team' }]);
    expect(october!.groups.map((g) => [g.key, g.amount])).toEqual([['data', 3], ['', 1]]);
  });

  it('takes the period total from Cost Explorer when ungrouped, and keeps the estimated flag', async () => {
    const { client, sent } = recordingClient(() => ({
      ResultsByTime: [
        { TimePeriod: { Start: '2026-11-02', End: '2026-11-03' }, Total: { NetUnblendedCost: usd('4.2') }, Groups: [], Estimated: true },
        { TimePeriod: { Start: '2026-11-01', End: '2026-11-02' }, Total: { NetUnblendedCost: usd('5') }, Groups: [], Estimated: true },
      ],
    }));
    const periods = await new AwsCostExplorer(client).getCosts({ period: { start: '2026-11-01', end: '2026-11-03' }, granularity: 'DAILY', metric: 'NetUnblendedCost' });
    expect(sent[0]!.input).not.toHaveProperty('GroupBy');
    expect(periods.map((p) => [p.start, p.total.amount, p.estimated])).toEqual([['2026-11-01', 5, true], ['2026-11-02', 4.2, true]]);
  });

  it('follows NextPageToken and merges a period whose groups span two pages', async () => {
    const period = (start: string, end: string, key: string, amount: string) =>
      ({ TimePeriod: { Start: start, End: end }, Groups: [{ Keys: [key], Metrics: { UnblendedCost: usd(amount) } }] });
    const pages = [
      { ResultsByTime: [period('2026-10-01', '2026-11-01', 'AWS Lambda', '1')], NextPageToken: 'page-2' },
      { ResultsByTime: [period('2026-10-01', '2026-11-01', 'Amazon DynamoDB', '2'), period('2026-11-01', '2026-11-21', 'AWS Lambda', '4')] },
    ];
    const { client, sent } = recordingClient((_, i) => pages[i]);
    const periods = await new AwsCostExplorer(client).getCosts({ period: { start: '2026-10-01', end: '2026-11-21' }, granularity: 'MONTHLY', metric: 'UnblendedCost', groupBy: { by: 'service' } });
    expect(sent.map((s) => s.input.NextPageToken)).toEqual([undefined, 'page-2']);
    expect(periods.map((p) => [p.start, p.groups.length, p.total.amount])).toEqual([['2026-10-01', 2, 3], ['2026-11-01', 1, 4]]);
  });

  it(`stops after ${MAX_PAGES} billed pages and asks for a narrower question`, async () => {
    const { client, sent } = recordingClient(() => ({ ResultsByTime: [], NextPageToken: 'more' }));
    const costs = new AwsCostExplorer(client).getCosts({ period: OCTOBER, granularity: 'DAILY', metric: 'UnblendedCost', groupBy: { by: 'service' } });
    await expect(costs).rejects.toThrow(ToolError);
    await expect(costs).rejects.toThrow(/more than 5 pages.*shorter period or MONTHLY/);
    expect(sent).toHaveLength(MAX_PAGES);
  });

  it('asks GetCostForecast in its own metric spelling with an 80% prediction interval', async () => {
    const { client, sent } = recordingClient(() => ({
      Total: usd('300.5'),
      ForecastResultsByTime: [{ TimePeriod: { Start: '2026-11-21', End: '2026-12-01' }, MeanValue: '300.5', PredictionIntervalLowerBound: '250', PredictionIntervalUpperBound: '351.25' }],
    }));
    const forecast = await new AwsCostExplorer(client).getForecast({ period: { start: '2026-11-21', end: '2026-12-01' }, granularity: 'MONTHLY', metric: 'NetAmortizedCost' });
    expect(sent[0]).toMatchObject({
      name: 'GetCostForecastCommand',
      input: { TimePeriod: { Start: '2026-11-21', End: '2026-12-01' }, Granularity: 'MONTHLY', Metric: 'NET_AMORTIZED_COST', PredictionIntervalLevel: 80 },
    });
    expect(forecast).toEqual({ total: { amount: 300.5, unit: 'USD' }, periods: [{ start: '2026-11-21', end: '2026-12-01', mean: 300.5, lower: 250, upper: 351.25 }] });
  });

  it('asks GetAnomalies with its inclusive end date and the minimum impact, and reads dates as days', async () => {
    const { client, sent } = recordingClient(() => ({
      Anomalies: [{
        AnomalyId: 'a-1', AnomalyStartDate: '2026-11-10T00:00:00Z', DimensionValue: 'AWS Lambda', MonitorArn: 'arn:aws:ce::1:anomalymonitor/m',
        RootCauses: [{ Service: 'AWS Lambda', Region: 'eu-west-1', LinkedAccount: '111122223333', UsageType: 'Lambda-GB-Second' }],
        AnomalyScore: { MaxScore: 0.8, CurrentScore: 0.4 }, Impact: { MaxImpact: 9, TotalImpact: 20.5, TotalActualSpend: 30, TotalExpectedSpend: 9.5 },
      }],
    }));
    const anomalies = await new AwsCostExplorer(client).getAnomalies({ period: { start: '2026-10-22', end: '2026-11-22' }, minTotalImpact: 10 });
    expect(sent[0]).toMatchObject({
      name: 'GetAnomaliesCommand',
      input: { DateInterval: { StartDate: '2026-10-22', EndDate: '2026-11-21' }, TotalImpact: { NumericOperator: 'GREATER_THAN_OR_EQUAL', StartValue: 10 } },
    });
    expect(anomalies).toEqual([{
      id: 'a-1', start: '2026-11-10', end: undefined, dimension: 'AWS Lambda',
      rootCauses: [{ service: 'AWS Lambda', region: 'eu-west-1', linkedAccount: '111122223333', usageType: 'Lambda-GB-Second' }],
      totalImpact: 20.5, maxDailyImpact: 9, actualSpend: 30, expectedSpend: 9.5, currentScore: 0.4, maxScore: 0.8,
    }]);
  });

  it('sends no impact filter when none is asked for', async () => {
    const { client, sent } = recordingClient(() => ({ Anomalies: [] }));
    await new AwsCostExplorer(client).getAnomalies({ period: OCTOBER });
    expect(sent[0]!.input).toEqual({ DateInterval: { StartDate: '2026-10-01', EndDate: '2026-10-31' } });
  });

  it('reads Savings Plans coverage per period, following NextToken', async () => {
    const coverage = (start: string, end: string) => ({
      TimePeriod: { Start: start, End: end },
      Coverage: { SpendCoveredBySavingsPlans: '60', OnDemandCost: '40', TotalCost: '100', CoveragePercentage: '60.0' },
    });
    const pages = [{ SavingsPlansCoverages: [coverage('2026-10-01', '2026-10-02')], NextToken: 'next' }, { SavingsPlansCoverages: [coverage('2026-10-02', '2026-10-03')] }];
    const { client, sent } = recordingClient((_, i) => pages[i]);
    const periods = await new AwsCostExplorer(client).getSavingsPlansCoverage({ period: { start: '2026-10-01', end: '2026-10-03' }, granularity: 'DAILY' });
    expect(sent.map((s) => [s.name, s.input.Granularity, s.input.NextToken])).toEqual([['GetSavingsPlansCoverageCommand', 'DAILY', undefined], ['GetSavingsPlansCoverageCommand', 'DAILY', 'next']]);
    expect(periods[1]).toEqual({ start: '2026-10-02', end: '2026-10-03', coveredSpend: 60, onDemandCost: 40, totalCost: 100, coveragePercentage: 60 });
  });

  it('passes the abort signal to every request it sends', async () => {
    const { client, sent } = recordingClient(() => ({}));
    const signal = new AbortController().signal;
    const costs = new AwsCostExplorer(client);
    await costs.getCosts({ period: OCTOBER, granularity: 'MONTHLY', metric: 'UnblendedCost' }, signal);
    await costs.getForecast({ period: OCTOBER, granularity: 'MONTHLY', metric: 'UnblendedCost' }, signal);
    await costs.getAnomalies({ period: OCTOBER }, signal);
    await costs.getSavingsPlansCoverage({ period: OCTOBER, granularity: 'MONTHLY' }, signal);
    expect(sent.map((s) => s.abortSignal)).toEqual([signal, signal, signal, signal]);
  });
});
