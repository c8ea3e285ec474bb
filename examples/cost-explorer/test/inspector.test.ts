import { describe, expect, it } from 'vitest';
import { inspectExample } from '../../../scripts/inspect.ts';

describe('MCP Inspector CLI against the cost-explorer example (demo data)', () => {
  it('lists the seven Cost Explorer tools', async () => {
    const run = await inspectExample('cost-explorer', 'tools/list');
    expect(run.code, run.stderr).toBe(0);
    const names = (JSON.parse(run.stdout) as { tools: { name: string }[] }).tools.map((t) => t.name);
    expect(names).toEqual([
      'get_cost_and_usage', 'get_cost_by_service', 'get_cost_forecast', 'get_top_services',
      'get_cost_anomalies', 'get_cost_by_tag', 'get_savings_plans_coverage',
    ]);
  });

  it('calls a tool and gets its structured result', async () => {
    const run = await inspectExample('cost-explorer', 'tools/call', ['--tool-name', 'get_top_services', '--tool-arg', 'limit=3']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.structuredContent.services).toHaveLength(3);
    expect(result.content[0].text).toMatch(/^Demo data, not from AWS\. Top 3 services/);
  });
});
