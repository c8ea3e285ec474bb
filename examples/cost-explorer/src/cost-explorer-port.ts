import * as z from 'zod';
import type { Period } from './dates.ts';

export type { Period } from './dates.ts';

/** The two granularities the tools offer (HOURLY needs an opt-in and is billed differently). */
export const Granularity = z.enum(['DAILY', 'MONTHLY']);
export type Granularity = z.infer<typeof Granularity>;

/**
 * Cost metrics, named as Cost Explorer's GetCostAndUsage names them. Usage quantities are left out on
 * purpose: summed across services they add hours to gigabytes and mean nothing.
 */
export const CostMetric = z.enum(['UnblendedCost', 'AmortizedCost', 'NetUnblendedCost', 'NetAmortizedCost', 'BlendedCost']);
export type CostMetric = z.infer<typeof CostMetric>;

export interface Amount {
  amount: number;
  /** A currency code, e.g. USD. */
  unit: string;
}

export type CostGrouping = { by: 'service' } | { by: 'tag'; key: string };

export interface CostQuery {
  period: Period;
  granularity: Granularity;
  metric: CostMetric;
  groupBy?: CostGrouping;
}

/** One group's cost: a service name, or a tag value ('' for resources without the tag). */
export interface CostGroup extends Amount {
  key: string;
}

export interface CostPeriod extends Period {
  /** The period's total (the sum of its groups when grouped). */
  total: Amount;
  groups: CostGroup[];
  /** True while AWS may still revise the figures (the current month). */
  estimated: boolean;
}

export interface ForecastQuery {
  period: Period;
  granularity: Granularity;
  metric: CostMetric;
}

export interface ForecastPeriod extends Period {
  mean: number;
  /** The 80% prediction interval, when Cost Explorer gives one (undefined, or left out, when not). */
  lower?: number | undefined;
  upper?: number | undefined;
}

export interface CostForecast {
  total: Amount;
  periods: ForecastPeriod[];
}

export interface AnomalyQuery {
  /** Anomalies whose last day falls in this period. */
  period: Period;
  /** Only anomalies whose total impact (USD) is at least this. */
  minTotalImpact?: number;
}

/** Each field as far as Cost Explorer names it (undefined, or left out, when it does not). */
export interface AnomalyRootCause {
  service?: string | undefined;
  region?: string | undefined;
  linkedAccount?: string | undefined;
  usageType?: string | undefined;
}

/**
 * A detected anomaly. Cost Anomaly Detection reports impacts in USD. An optional field Cost Explorer did
 * not give is undefined or left out; a reader cannot tell the two apart, nor can the JSON it becomes.
 */
export interface CostAnomaly {
  id: string;
  start?: string | undefined;
  /** Absent while the anomaly is still going on. */
  end?: string | undefined;
  /** What the monitor watches, e.g. a service name. */
  dimension?: string | undefined;
  rootCauses: AnomalyRootCause[];
  totalImpact: number;
  maxDailyImpact: number;
  actualSpend?: number | undefined;
  expectedSpend?: number | undefined;
  currentScore: number;
  maxScore: number;
}

export interface CoverageQuery {
  period: Period;
  granularity: Granularity;
}

/** Savings Plans coverage of eligible (compute) spend, in USD. */
export interface CoveragePeriod extends Period {
  coveredSpend: number;
  onDemandCost: number;
  totalCost: number;
  coveragePercentage: number;
}

/**
 * What the tools need from Cost Explorer, in the tools' own terms. The AWS adapter (deployed) and the demo
 * data (local runs, tests) implement it. A method rejects with a ToolError when the model can do something
 * about the failure (another period, a retry later); any other rejection is a bug or an outage.
 */
export interface CostExplorerPort {
  getCosts(query: CostQuery, signal?: AbortSignal): Promise<CostPeriod[]>;
  getForecast(query: ForecastQuery, signal?: AbortSignal): Promise<CostForecast>;
  getAnomalies(query: AnomalyQuery, signal?: AbortSignal): Promise<CostAnomaly[]>;
  getSavingsPlansCoverage(query: CoverageQuery, signal?: AbortSignal): Promise<CoveragePeriod[]>;
}
