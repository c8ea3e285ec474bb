import type { NewTask, ProjectStats, Task, TaskChanges, TaskFilter } from './domain.ts';

/** Why a call to the task service failed, in terms a tool can explain to a model. */
export type TasksApiError =
  | { type: 'not_found'; message: string }
  | { type: 'invalid'; message: string }
  | { type: 'unavailable'; message: string };

export type Result<T> = { ok: true; value: T } | { ok: false; error: TasksApiError };

/**
 * The port the tools use to reach the task service. The in-memory store (local runs, tests) and the
 * HTTP client (a real REST API) both implement it; the tools cannot tell them apart.
 */
export interface TasksApi {
  create(input: NewTask): Promise<Result<Task>>;
  list(filter: TaskFilter): Promise<Result<Task[]>>;
  get(id: string): Promise<Result<Task>>;
  update(id: string, changes: TaskChanges): Promise<Result<Task>>;
  assign(id: string, assigneeId: string | null): Promise<Result<Task>>;
  projectStats(projectId: string, now: Date): Promise<Result<ProjectStats>>;
  projects(): Promise<Result<string[]>>;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (type: TasksApiError['type'], message: string): Result<never> => ({ ok: false, error: { type, message } });
