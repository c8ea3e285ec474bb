import type { NewTask } from './domain.ts';
import { InMemoryTasksApi } from './in-memory-tasks-api.ts';
import type { TasksApi } from './tasks-api.ts';

/** Everything the tools need from outside. Tests build their own; the server builds it from the environment. */
export interface Dependencies {
  tasks: TasksApi;
  clock: () => Date;
}

const DEMO_TASKS: NewTask[] = [
  { title: 'Write the launch announcement', projectId: 'launch', assigneeId: 'ana', priority: 'high', dueDate: '2026-12-01' },
  { title: 'Load-test the MCP endpoint', projectId: 'launch', priority: 'medium' },
  { title: 'Rotate the API keys', projectId: 'ops', assigneeId: 'raj', priority: 'high' },
];

/**
 * Local runs and tests use the in-memory service, seeded with a few demo tasks so an assistant has
 * something to list. (A deployment points the same tools at a real REST API instead.)
 */
export function createDependencies(_env: Readonly<Record<string, string | undefined>> = {}): Dependencies {
  const clock = () => new Date();
  return { tasks: new InMemoryTasksApi({ seed: DEMO_TASKS, clock }), clock };
}
