import type {
  AnomalyQuery, CostAnomaly, CostExplorerPort, CostForecast, CostMetric, CostPeriod, CostQuery, CoveragePeriod,
  CoverageQuery, ForecastQuery,
} from './cost-explorer-port.ts';
import { addDays, daysBetween, firstOfMonth, isoDay, splitPeriod, type Period } from './dates.ts';

/** A small AWS bill: each service's daily cost in USD today, and how much it grows per 30 days. */
export const DEMO_SERVICES: readonly [service: string, dailyUsd: number, monthlyGrowth: number][] = [
  ['Amazon Elastic Compute Cloud - Compute', 42.5, 0.04],
  ['Amazon Relational Database Service', 18.2, 0],
  ['Amazon Simple Storage Service', 9.75, -0.03],
  ['AWS Lambda', 4.1, 0.25],
  ['Amazon CloudFront', 3.3, 0.06],
  ['Amazon DynamoDB', 2.45, 0.1],
  ['Amazon API Gateway', 1.2, 0.02],
  ['AmazonCloudWatch', 0.9, 0],
];

/** How each tag key splits every service's cost; '' is the untagged share. Other keys: all untagged. */
export const DEMO_TAGS: Readonly<Record<string, readonly [value: string, share: number][]>> = {
  Environment: [['prod', 0.6], ['staging', 0.25], ['', 0.15]],
  Team: [['platform', 0.5], ['data', 0.35], ['', 0.15]],
};

/** Services Savings Plans can cover, and the share of their spend the demo plans cover. */
const COMPUTE = new Set(['Amazon Elastic Compute Cloud - Compute', 'AWS Lambda']);
const COVERED_SHARE = 0.62;

/** Amortizing and netting (credits, discounts) shave the demo bill a little, as they would a real one. */
const METRIC_FACTOR: Record<CostMetric, number> = {
  UnblendedCost: 1, BlendedCost: 1, AmortizedCost: 0.96, NetUnblendedCost: 0.97, NetAmortizedCost: 0.93,
};

const cents = (n: number) => Math.round(n * 100) / 100;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * Cost Explorer with invented, deterministic figures: a day's cost depends only on its distance from today
 * (a trend per service) and its weekday (weekends cost less).
 * Serves local runs (no AWS account needed) and the tool tests. Like Cost Explorer it has no costs after
 * today and marks the current month as estimated; anomalies sit at fixed distances before today.
 */
export class DemoCostExplorer implements CostExplorerPort {
  readonly #clock: () => Date;

  constructor(options: { clock?: () => Date } = {}) {
    this.#clock = options.clock ?? (() => new Date());
  }

  #today = () => isoDay(this.#clock());

  /** One service's cost on one day. */
  #dayCost(serviceIndex: number, day: string, metric: CostMetric): number {
    if (day > this.#today()) return 0;
    const [, daily, growth] = DEMO_SERVICES[serviceIndex]!;
    // A straight-line trend back from today, so comparisons with earlier periods show growth.
    const trend = Math.max(0.1, 1 - (growth * daysBetween(day, this.#today())) / 30);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6 ? 0.85 : 1;
    const wobble = 1 + (((Number(day.slice(8, 10)) + serviceIndex * 3) % 5) - 2) * 0.02;
    return daily * trend * weekend * wobble * METRIC_FACTOR[metric];
  }

  #serviceCost(serviceIndex: number, period: Period, metric: CostMetric): number {
    let total = 0;
    for (let day = period.start; day < period.end; day = addDays(day, 1)) total += this.#dayCost(serviceIndex, day, metric);
    return total;
  }

  async getCosts(query: CostQuery): Promise<CostPeriod[]> {
    return splitPeriod(query.period, query.granularity).map((part) => {
      const byService = DEMO_SERVICES.map((_, i) => this.#serviceCost(i, part, query.metric));
      const shares = query.groupBy?.by === 'tag' ? (DEMO_TAGS[query.groupBy.key] ?? [['', 1]]) : undefined;
      const groups =
        query.groupBy?.by === 'service'
          ? DEMO_SERVICES.map(([service], i) => ({ key: service, amount: cents(byService[i]!), unit: 'USD' }))
          : (shares ?? []).map(([value, share]) => ({ key: value, amount: cents(sum(byService) * share), unit: 'USD' }));
      const nonZero = groups.filter((g) => g.amount !== 0);
      return {
        ...part,
        total: { amount: cents(query.groupBy ? sum(nonZero.map((g) => g.amount)) : sum(byService)), unit: 'USD' },
        groups: nonZero,
        estimated: part.end > firstOfMonth(this.#today()),
      };
    });
  }

  async getForecast(query: ForecastQuery): Promise<CostForecast> {
    // The last two weeks' average daily spend, carried forward.
    const recent = { start: addDays(this.#today(), -14), end: this.#today() };
    const daily = sum(DEMO_SERVICES.map((_, i) => this.#serviceCost(i, recent, query.metric))) / 14;
    const periods = splitPeriod(query.period, query.granularity).map((part) => {
      const mean = daily * daysBetween(part.start, part.end);
      return { ...part, mean: cents(mean), lower: cents(mean * 0.9), upper: cents(mean * 1.1) };
    });
    return { total: { amount: cents(sum(periods.map((p) => p.mean))), unit: 'USD' }, periods };
  }

  async getAnomalies(query: AnomalyQuery): Promise<CostAnomaly[]> {
    const today = this.#today();
    const anomalies: CostAnomaly[] = [
      {
        id: 'demo-anomaly-ec2', start: addDays(today, -4), end: addDays(today, -3),
        dimension: 'Amazon Elastic Compute Cloud - Compute',
        rootCauses: [{ service: 'Amazon Elastic Compute Cloud - Compute', region: 'us-east-1', usageType: 'BoxUsage:m7g.4xlarge' }],
        totalImpact: 182.4, maxDailyImpact: 121.6, actualSpend: 267.4, expectedSpend: 85, currentScore: 0, maxScore: 0.92,
      },
      {
        id: 'demo-anomaly-s3', start: addDays(today, -13), end: addDays(today, -12),
        dimension: 'Amazon Simple Storage Service',
        rootCauses: [{ service: 'Amazon Simple Storage Service', region: 'eu-west-1', usageType: 'EU-DataTransfer-Out-Bytes' }],
        totalImpact: 46.75, maxDailyImpact: 31.2, actualSpend: 66.25, expectedSpend: 19.5, currentScore: 0, maxScore: 0.71,
      },
      {
        id: 'demo-anomaly-lambda', start: addDays(today, -45), end: addDays(today, -44),
        dimension: 'AWS Lambda',
        rootCauses: [{ service: 'AWS Lambda', region: 'us-east-1', usageType: 'Lambda-GB-Second-ARM' }],
        totalImpact: 12.3, maxDailyImpact: 8.1, actualSpend: 20.5, expectedSpend: 8.2, currentScore: 0, maxScore: 0.55,
      },
    ];
    return anomalies.filter(
      (a) => a.end! >= query.period.start && a.end! < query.period.end && a.totalImpact >= (query.minTotalImpact ?? 0),
    );
  }

  async getSavingsPlansCoverage(query: CoverageQuery): Promise<CoveragePeriod[]> {
    return splitPeriod(query.period, query.granularity).map((part) => {
      const totalCost = sum(DEMO_SERVICES.map(([service], i) => (COMPUTE.has(service) ? this.#serviceCost(i, part, 'UnblendedCost') : 0)));
      const coveredSpend = totalCost * COVERED_SHARE;
      return {
        ...part,
        coveredSpend: cents(coveredSpend),
        onDemandCost: cents(totalCost - coveredSpend),
        totalCost: cents(totalCost),
        coveragePercentage: totalCost === 0 ? 0 : COVERED_SHARE * 100,
      };
    });
  }
}
