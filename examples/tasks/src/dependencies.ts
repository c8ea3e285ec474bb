import type { NewTask } from './domain.ts';
import { HttpTasksApi } from './http-tasks-api.ts';
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
 * With TASKS_API_URL set, the tools talk to that REST API (TASKS_API_KEY as bearer token,
 * TASKS_API_TIMEOUT_MS per request). Without it, local runs, tests and demo deployments use the
 * in-memory service, seeded with a few demo tasks so an assistant has something to list.
 */
export function createDependencies(env: Readonly<Record<string, string | undefined>> = {}): Dependencies {
  const clock = () => new Date();
  if (env.TASKS_API_URL) {
    const timeoutMs = Number(env.TASKS_API_TIMEOUT_MS);
    const tasks = new HttpTasksApi({
      baseUrl: env.TASKS_API_URL,
      ...(env.TASKS_API_KEY ? { apiKey: env.TASKS_API_KEY } : {}),
      ...(timeoutMs > 0 ? { timeoutMs } : {}),
    });
    return { tasks, clock };
  }
  return { tasks: new InMemoryTasksApi({ seed: DEMO_TASKS, clock }), clock };
}
