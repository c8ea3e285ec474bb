import { describe, expect, it } from 'vitest';
import { inspectExample } from '../../../scripts/inspect.ts';

describe('MCP Inspector CLI against the default example', () => {
  it('lists the tasks tools', async () => {
    const run = await inspectExample('tasks', 'tools/list');
    expect(run.code, run.stderr).toBe(0);
    const names = (JSON.parse(run.stdout) as { tools: { name: string }[] }).tools.map((t) => t.name);
    expect(names).toEqual(['create_task', 'list_tasks', 'update_task', 'assign_task', 'get_project_stats']);
  });

  it('calls a tool and gets its result', async () => {
    const run = await inspectExample('tasks', 'tools/call', ['--tool-name', 'list_tasks', '--tool-arg', 'projectId=launch']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).structuredContent.count).toBe(2);
  });
});
