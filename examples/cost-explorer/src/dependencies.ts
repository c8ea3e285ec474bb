import { AwsCostExplorer } from './aws-cost-explorer.ts';
import type { CostExplorerPort } from './cost-explorer-port.ts';
import { DemoCostExplorer } from './demo-cost-explorer.ts';

/** Where the figures come from: the account's Cost Explorer, or invented demo data. */
export type DataSource = 'aws' | 'demo';

/** Everything the tools need from outside. Tests build their own; the server builds it from the environment. */
export interface Dependencies {
  costs: CostExplorerPort;
  /** "Today" for default periods; injected so tests are deterministic. */
  clock: () => Date;
  dataSource: DataSource;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * COST_EXPLORER_MODE=aws|demo when set; otherwise AWS inside Lambda (AWS_LAMBDA_FUNCTION_NAME is set by the
 * runtime) and demo data elsewhere, so `make dev` works without an AWS account and never spends money.
 */
export function dataSourceFrom(env: Env): DataSource {
  const mode = env.COST_EXPLORER_MODE?.trim().toLowerCase();
  if (mode === 'aws' || mode === 'demo') return mode;
  if (mode) throw new Error(`COST_EXPLORER_MODE must be "aws" or "demo" (got "${env.COST_EXPLORER_MODE}")`);
  return env.AWS_LAMBDA_FUNCTION_NAME ? 'aws' : 'demo';
}

export function createDependencies(env: Env = {}): Dependencies {
  const clock = () => new Date();
  const dataSource = dataSourceFrom(env);
  // The AWS adapter builds its SDK client on first use, not here.
  const costs = dataSource === 'aws' ? new AwsCostExplorer() : new DemoCostExplorer({ clock });
  return { costs, clock, dataSource };
}
