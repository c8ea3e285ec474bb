import { describe, expect, it } from 'vitest';
import { inspectExample } from '../../../scripts/inspect.ts';

describe('MCP Inspector CLI against the reports example', () => {
  it('lists the two report tools', async () => {
    const run = await inspectExample('reports', 'tools/list');
    expect(run.code, run.stderr).toBe(0);
    const names = (JSON.parse(run.stdout) as { tools: { name: string }[] }).tools.map((t) => t.name);
    expect(names).toEqual(['generate_report', 'get_report_status']);
  });
});
