import type { CostPeriod } from '../cost-explorer-port.ts';

export interface KeyTotal {
  key: string;
  amount: number;
}

/** Each group's cost summed over every period, largest first (ties by name, so results are stable). */
export function totalsByKey(periods: CostPeriod[]): KeyTotal[] {
  const totals = new Map<string, number>();
  for (const p of periods) for (const g of p.groups) totals.set(g.key, (totals.get(g.key) ?? 0) + g.amount);
  return [...totals]
    .map(([key, amount]) => ({ key, amount }))
    .sort((a, b) => b.amount - a.amount || a.key.localeCompare(b.key));
}

export const grandTotal = (periods: CostPeriod[]): number => periods.reduce((sum, p) => sum + p.total.amount, 0);

/** The currency the periods report in (USD when there is nothing to tell). */
export const unitOf = (periods: CostPeriod[]): string => periods.find((p) => p.total.unit)?.total.unit ?? 'USD';
