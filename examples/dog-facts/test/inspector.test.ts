import { describe, expect, it } from 'vitest';
import { inspectExample } from '../../../scripts/inspect.ts';

// Lists only: calling getDogFacts here would reach the real dog facts API.
describe('MCP Inspector CLI against the dog facts example', () => {
  it('lists getDogFacts', async () => {
    const run = await inspectExample('dog-facts', 'tools/list');
    expect(run.code, run.stderr).toBe(0);
    const names = (JSON.parse(run.stdout) as { tools: { name: string }[] }).tools.map((t) => t.name);
    expect(names).toEqual(['getDogFacts']);
  });
});
