import {
  CostExplorerClient,
  type CostExplorerClientConfig,
  GetAnomaliesCommand,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  GetSavingsPlansCoverageCommand,
  type GroupDefinition,
  type Metric,
  type ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import { ToolError } from '@serverless-mcp/handler-kit';
import { guarded } from './aws-errors.ts';
import type {
  AnomalyQuery, CostAnomaly, CostExplorerPort, CostForecast, CostGrouping, CostMetric, CostPeriod, CostQuery,
  CoveragePeriod, CoverageQuery, ForecastQuery,
} from './cost-explorer-port.ts';
import { addDays, type Period } from './dates.ts';

/** Cost Explorer has a single endpoint, in us-east-1, whichever Region the function runs in. */
export const COST_EXPLORER_REGION = 'us-east-1';

export const createCostExplorerClient = (config: CostExplorerClientConfig = {}): CostExplorerClient =>
  new CostExplorerClient({ region: COST_EXPLORER_REGION, ...config });

let sharedClient: CostExplorerClient | undefined;
/** One client per container, made on first use: a cold start that serves no cost tool never builds it. */
export const sharedCostExplorerClient = (): CostExplorerClient => (sharedClient ??= createCostExplorerClient());

export type CostExplorerSender = Pick<CostExplorerClient, 'send'>;

/** Every page is a billed request ($0.01): past this many, the caller is asked to narrow the question instead. */
export const MAX_PAGES = 5;

/** Follows a paginated request for at most MAX_PAGES pages, collecting what each page holds. */
async function collectPages<T>(fetchPage: (token: string | undefined) => Promise<{ items: T[]; next: string | undefined }>, hint: string): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  for (let page = 1; ; page++) {
    const out = await fetchPage(token);
    items.push(...out.items);
    token = out.next;
    if (!token) return items;
    if (page >= MAX_PAGES) throw new ToolError(`Cost Explorer had more than ${MAX_PAGES} pages of results for this request. ${hint}`);
  }
}

/** GetCostForecast names the same metrics in another spelling. */
const FORECAST_METRIC: Record<CostMetric, Metric> = {
  UnblendedCost: 'UNBLENDED_COST',
  AmortizedCost: 'AMORTIZED_COST',
  NetUnblendedCost: 'NET_UNBLENDED_COST',
  NetAmortizedCost: 'NET_AMORTIZED_COST',
  BlendedCost: 'BLENDED_COST',
};

/** The SDK's options type has no room for `abortSignal: undefined`: a call without a signal passes none. */
const sendOptions = (signal: AbortSignal | undefined) => (signal ? { abortSignal: signal } : {});
const timePeriod = (p: Period) => ({ Start: p.start, End: p.end });
const num = (value: string | number | undefined): number => (value === undefined || value === '' ? 0 : Number(value) || 0);
const optionalNum = (value: string | number | undefined) => (value === undefined || value === '' ? undefined : num(value));
/** Anomaly dates come as a day or a timestamp; the tools speak days. */
const day = (value: string | undefined) => (value ? value.slice(0, 10) : undefined);

const groupDefinition = (g: CostGrouping): GroupDefinition =>
  g.by === 'service' ? { Type: 'DIMENSION', Key: 'SERVICE' } : { Type: 'TAG', Key: g.key };

/** Tag groups come back keyed `Key$value` (`Key$` when untagged); services by their name. */
const groupKey = (raw: string, g: CostGrouping | undefined) =>
  g?.by === 'tag' && raw.startsWith(`${g.key}$`) ? raw.slice(g.key.length + 1) : raw;

/** Cost Explorer behind the port. The SDK client is injected (tests) or the shared one (deployed). */
export class AwsCostExplorer implements CostExplorerPort {
  readonly #client: () => CostExplorerSender;

  constructor(client: () => CostExplorerSender = sharedCostExplorerClient) {
    this.#client = client;
  }

  async getCosts(query: CostQuery, signal?: AbortSignal): Promise<CostPeriod[]> {
    const results: ResultByTime[] = await collectPages(async (token) => {
      const command = new GetCostAndUsageCommand({
        TimePeriod: timePeriod(query.period),
        Granularity: query.granularity,
        Metrics: [query.metric],
        ...(query.groupBy && { GroupBy: [groupDefinition(query.groupBy)] }),
        ...(token && { NextPageToken: token }),
      });
      const out = await guarded(this.#client().send(command, sendOptions(signal)));
      return { items: out.ResultsByTime ?? [], next: out.NextPageToken };
    }, 'Ask for a shorter period or MONTHLY granularity.');
    return toCostPeriods(results, query);
  }

  async getForecast(query: ForecastQuery, signal?: AbortSignal): Promise<CostForecast> {
    const command = new GetCostForecastCommand({
      TimePeriod: timePeriod(query.period),
      Granularity: query.granularity,
      Metric: FORECAST_METRIC[query.metric],
      PredictionIntervalLevel: 80,
    });
    const out = await guarded(this.#client().send(command, sendOptions(signal)));
    return {
      total: { amount: num(out.Total?.Amount), unit: out.Total?.Unit ?? 'USD' },
      periods: (out.ForecastResultsByTime ?? []).map((r) => ({
        start: r.TimePeriod?.Start ?? '',
        end: r.TimePeriod?.End ?? '',
        mean: num(r.MeanValue),
        lower: optionalNum(r.PredictionIntervalLowerBound),
        upper: optionalNum(r.PredictionIntervalUpperBound),
      })),
    };
  }

  async getAnomalies(query: AnomalyQuery, signal?: AbortSignal): Promise<CostAnomaly[]> {
    return collectPages<CostAnomaly>(async (token) => {
      const command = new GetAnomaliesCommand({
        // GetAnomalies' end date is inclusive; the port's periods end exclusively.
        DateInterval: { StartDate: query.period.start, EndDate: addDays(query.period.end, -1) },
        ...(query.minTotalImpact !== undefined && {
          TotalImpact: { NumericOperator: 'GREATER_THAN_OR_EQUAL', StartValue: query.minTotalImpact },
        }),
        ...(token && { NextPageToken: token }),
      });
      const out = await guarded(this.#client().send(command, sendOptions(signal)));
      const items = (out.Anomalies ?? []).map((a) => ({
        id: a.AnomalyId ?? '',
        start: day(a.AnomalyStartDate),
        end: day(a.AnomalyEndDate),
        dimension: a.DimensionValue,
        rootCauses: (a.RootCauses ?? []).map((c) => ({ service: c.Service, region: c.Region, linkedAccount: c.LinkedAccount, usageType: c.UsageType })),
        totalImpact: num(a.Impact?.TotalImpact),
        maxDailyImpact: num(a.Impact?.MaxImpact),
        actualSpend: optionalNum(a.Impact?.TotalActualSpend),
        expectedSpend: optionalNum(a.Impact?.TotalExpectedSpend),
        currentScore: num(a.AnomalyScore?.CurrentScore),
        maxScore: num(a.AnomalyScore?.MaxScore),
      }));
      return { items, next: out.NextPageToken };
    }, 'Give a higher minTotalImpact or a shorter period.');
  }

  async getSavingsPlansCoverage(query: CoverageQuery, signal?: AbortSignal): Promise<CoveragePeriod[]> {
    return collectPages<CoveragePeriod>(async (token) => {
      const command = new GetSavingsPlansCoverageCommand({
        TimePeriod: timePeriod(query.period),
        Granularity: query.granularity,
        ...(token && { NextToken: token }),
      });
      const out = await guarded(this.#client().send(command, sendOptions(signal)));
      const items = (out.SavingsPlansCoverages ?? []).map((c) => ({
        start: c.TimePeriod?.Start ?? '',
        end: c.TimePeriod?.End ?? '',
        coveredSpend: num(c.Coverage?.SpendCoveredBySavingsPlans),
        onDemandCost: num(c.Coverage?.OnDemandCost),
        totalCost: num(c.Coverage?.TotalCost),
        coveragePercentage: num(c.Coverage?.CoveragePercentage),
      }));
      return { items, next: out.NextToken };
    }, 'Ask for a shorter period or MONTHLY granularity.');
  }
}

/**
 * One CostPeriod per time period. Grouped results carry no total (Cost Explorer leaves it empty), so the
 * total is the sum of the groups; a period's groups may be spread over several pages.
 */
function toCostPeriods(results: ResultByTime[], query: CostQuery): CostPeriod[] {
  const byStart = new Map<string, CostPeriod>();
  for (const r of results) {
    const start = r.TimePeriod?.Start ?? '';
    const period = byStart.get(start) ?? { start, end: r.TimePeriod?.End ?? '', total: { amount: 0, unit: 'USD' }, groups: [], estimated: false };
    period.estimated ||= r.Estimated ?? false;
    const total = r.Total?.[query.metric];
    if (total) period.total = { amount: num(total.Amount), unit: total.Unit ?? 'USD' };
    for (const g of r.Groups ?? []) {
      const value = g.Metrics?.[query.metric];
      period.groups.push({ key: groupKey(g.Keys?.[0] ?? '', query.groupBy), amount: num(value?.Amount), unit: value?.Unit ?? 'USD' });
    }
    byStart.set(start, period);
  }
  const periods = [...byStart.values()].sort((a, b) => a.start.localeCompare(b.start));
  if (query.groupBy) {
    for (const p of periods) {
      p.total = { amount: p.groups.reduce((sum, g) => sum + g.amount, 0), unit: p.groups[0]?.unit ?? 'USD' };
    }
  }
  return periods;
}
