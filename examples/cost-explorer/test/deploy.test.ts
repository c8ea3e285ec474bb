import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deploy } from '../deploy.ts';
import { AwsCostExplorer } from '../src/aws-cost-explorer.ts';
import type { CostExplorerPort } from '../src/cost-explorer-port.ts';
import { recordingClient } from './recording-client.ts';

const period = { start: '2026-10-01', end: '2026-11-01' };

/** One call of every port method, with the options that change which request is sent. */
const EVERY_METHOD: Record<keyof CostExplorerPort, (costs: AwsCostExplorer) => Promise<unknown>> = {
  getCosts: async (costs) => {
    await costs.getCosts({ period, granularity: 'DAILY', metric: 'UnblendedCost' });
    await costs.getCosts({ period, granularity: 'MONTHLY', metric: 'UnblendedCost', groupBy: { by: 'service' } });
    await costs.getCosts({ period, granularity: 'MONTHLY', metric: 'UnblendedCost', groupBy: { by: 'tag', key: 'Team' } });
  },
  getForecast: (costs) => costs.getForecast({ period, granularity: 'MONTHLY', metric: 'UnblendedCost' }),
  getAnomalies: (costs) => costs.getAnomalies({ period, minTotalImpact: 1 }),
  getSavingsPlansCoverage: (costs) => costs.getSavingsPlansCoverage({ period, granularity: 'MONTHLY' }),
};

const granted = () => deploy.policyStatements!.flatMap((s) => s.actions).sort();
/** IAM names a Cost Explorer action after the API operation: GetCostAndUsageCommand needs ce:GetCostAndUsage. */
const actionOf = (command: string) => `ce:${command.replace(/Command$/, '')}`;

describe('cost-explorer deploy configuration', () => {
  it('exercises every method of the adapter (add a new method to EVERY_METHOD)', () => {
    const methods = Object.getOwnPropertyNames(AwsCostExplorer.prototype).filter((m) => m !== 'constructor');
    expect(methods.sort()).toEqual(Object.keys(EVERY_METHOD).sort());
  });

  it('grants exactly the Cost Explorer actions the adapter sends, one by one', async () => {
    const { client, sent } = recordingClient();
    const costs = new AwsCostExplorer(client);
    for (const call of Object.values(EVERY_METHOD)) await call(costs);
    const needed = [...new Set(sent.map((s) => actionOf(s.name)))].sort();
    expect(granted()).toEqual(needed);
  });

  it('grants a permission for every command the adapter source builds, even on paths no test takes', () => {
    const source = readFileSync(new URL('../src/aws-cost-explorer.ts', import.meta.url), 'utf8');
    const built = [...new Set([...source.matchAll(/new (\w+Command)\(/g)].map((m) => actionOf(m[1]!)))].sort();
    expect(granted()).toEqual(built);
  });

  it('allows only Cost Explorer reads, on "*", behind Cognito, on AWS data', () => {
    for (const statement of deploy.policyStatements!) {
      expect(statement.effect ?? 'Allow').toBe('Allow');
      expect(statement.resources).toEqual(['*']);
      for (const action of statement.actions) expect(action).toMatch(/^ce:Get[A-Za-z]+$/);
    }
    expect(deploy.authMode).toBe('cognito');
    expect(deploy.environment).toEqual({ COST_EXPLORER_MODE: 'aws' });
  });
});
