import { describe, expect, it } from 'vitest';
import { inspectExample } from '../../../scripts/inspect.ts';

describe('MCP Inspector CLI against the utilities example', () => {
  it('lists the four tools', async () => {
    const run = await inspectExample('utilities', 'tools/list');
    expect(run.code, run.stderr).toBe(0);
    const names = (JSON.parse(run.stdout) as { tools: { name: string }[] }).tools.map((t) => t.name);
    expect(names).toEqual(['get_weather', 'calculate', 'get_server_status', 'lookup_user']);
  });

  it('calls calculate and gets its structured result', async () => {
    const run = await inspectExample('utilities', 'tools/call', ['--tool-name', 'calculate', '--tool-arg', 'operation=divide', '--tool-arg', 'a=7', '--tool-arg', 'b=2']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).structuredContent.result).toBe(3.5);
  });
});
