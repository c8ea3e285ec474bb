import { connect as connectClient } from '@serverless-mcp/handler-kit/testing';
import { describeServer } from '@serverless-mcp/handler-kit/manifest';
import { describe, expect, it } from 'vitest';
import type { NewTask } from '../src/domain.ts';
import { InMemoryTasksApi } from '../src/in-memory-tasks-api.ts';
import { createTasksServer } from '../src/server.ts';

const NOW = new Date('2026-11-21T10:00:00Z');

/** The tasks server over a fresh in-memory service, driven by the official client through handler.fetch. */
async function connect(seed: NewTask[] = []) {
  const tasks = new InMemoryTasksApi({ seed, clock: () => NOW });
  const server = createTasksServer({ tasks, clock: () => NOW });
  const client = await connectClient(server);
  await client.listTools();
  return { client, tasks };
}
const structured = (r: unknown) => (r as { structuredContent: Record<string, any> }).structuredContent;
const textOf = (r: unknown) => (r as { content: { text: string }[] }).content[0]!.text;

describe('tasks example', () => {
  it('offers the five task tools, read and write scopes separated', async () => {
    const { client } = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((t) => [t.name, t.annotations?.readOnlyHint ?? false])).toEqual([
      ['create_task', false],
      ['list_tasks', true],
      ['update_task', false],
      ['assign_task', false],
      ['get_project_stats', true],
    ]);
    const scopes = describeServer(createTasksServer({ tasks: new InMemoryTasksApi(), clock: () => NOW })).tools.map((t) => t.scopes);
    expect(scopes).toEqual([['tasks:write'], ['tasks:read'], ['tasks:write'], ['tasks:write'], ['tasks:read']]);
  });

  it('creates a task with defaults and returns it as structured content', async () => {
    const { client, tasks } = await connect();
    const result = await client.callTool({ name: 'create_task', arguments: { title: '  Ship it  ', projectId: 'launch' } });
    expect(structured(result)).toEqual({
      id: 'T-1', title: 'Ship it', projectId: 'launch', priority: 'medium', status: 'todo',
      createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(),
    });
    expect((await tasks.get('T-1')).ok).toBe(true);
  });

  it('lists with filters and a limit', async () => {
    const { client } = await connect([
      { title: 'a', projectId: 'p', priority: 'low' },
      { title: 'b', projectId: 'q', priority: 'low' },
      { title: 'c', projectId: 'p', priority: 'high' },
    ]);
    const all = structured(await client.callTool({ name: 'list_tasks', arguments: {} }));
    expect(all.count).toBe(3);
    const p = structured(await client.callTool({ name: 'list_tasks', arguments: { projectId: 'p', limit: 1 } }));
    expect(p.tasks.map((t: { title: string }) => t.title)).toEqual(['a']);
  });

  it('updates and assigns, and unassigns with null', async () => {
    const { client } = await connect([{ title: 'a', priority: 'low' }]);
    expect(structured(await client.callTool({ name: 'update_task', arguments: { id: 'T-1', status: 'in_progress' } })).status).toBe('in_progress');
    expect(structured(await client.callTool({ name: 'assign_task', arguments: { id: 'T-1', assigneeId: 'ana' } })).assigneeId).toBe('ana');
    expect(structured(await client.callTool({ name: 'assign_task', arguments: { id: 'T-1', assigneeId: null } }))).not.toHaveProperty('assigneeId');
  });

  it('computes project statistics, overdue and unassigned included', async () => {
    const { client } = await connect([
      { title: 'late', projectId: 'p', priority: 'low', dueDate: '2026-11-01', assigneeId: 'x' },
      { title: 'future', projectId: 'p', priority: 'low', dueDate: '2026-12-31' },
    ]);
    expect(structured(await client.callTool({ name: 'get_project_stats', arguments: { projectId: 'p' } }))).toEqual({
      projectId: 'p', total: 2, byStatus: { todo: 2, in_progress: 0, blocked: 0, done: 0 }, overdue: 1, unassigned: 1,
    });
  });

  it('explains a missing task so the model can recover', async () => {
    const { client } = await connect();
    const result = await client.callTool({ name: 'update_task', arguments: { id: 'T-99', status: 'done' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('No task has id T-99. Call list_tasks to see existing ids.');
  });

  it('refuses an update with nothing to change, and a malformed due date', async () => {
    const { client } = await connect([{ title: 'a', priority: 'low' }]);
    expect(textOf(await client.callTool({ name: 'update_task', arguments: { id: 'T-1' } }))).toMatch(/Nothing to update/);
    const bad = await client.callTool({ name: 'create_task', arguments: { title: 'x', dueDate: 'next friday' } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/dueDate/);
  });

  it('completes project ids for the triage prompt', async () => {
    const { client } = await connect([{ title: 'a', projectId: 'launch', priority: 'low' }, { title: 'b', projectId: 'ops', priority: 'low' }]);
    const completion = await client.complete({ ref: { type: 'ref/prompt', name: 'triage_project' }, argument: { name: 'projectId', value: 'l' } });
    expect(completion.completion.values).toEqual(['launch']);
    const prompt = await client.getPrompt({ name: 'triage_project', arguments: { projectId: 'launch' } });
    expect(JSON.stringify(prompt.messages)).toMatch(/get_project_stats/);
  });
});
