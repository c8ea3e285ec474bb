import type { NewTask, ProjectStats, Task, TaskChanges, TaskFilter } from './domain.ts';

/** Why a call to the task service failed, in terms a tool can explain to a model. */
export type TasksApiError =
  | { type: 'not_found'; message: string }
  | { type: 'invalid'; message: string }
  /** The service refused this MCP server's own credentials: the operator must act, not the model. */
  | { type: 'unauthorized'; message: string }
  | { type: 'rate_limited'; message: string }
  | { type: 'unavailable'; message: string }
  /** The service answered something this server cannot read (not JSON, or not the agreed shape). */
  | { type: 'unexpected'; message: string };

export type Result<T> = { ok: true; value: T } | { ok: false; error: TasksApiError };

/** Per-call options: the caller's signal aborts the call when the MCP client goes away or time runs out. */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * The port the tools use to reach the task service. The in-memory store (local runs, tests) and the
 * HTTP client (a real REST API) both implement it; the tools cannot tell them apart.
 */
export interface TasksApi {
  create(input: NewTask, options?: CallOptions): Promise<Result<Task>>;
  list(filter: TaskFilter, options?: CallOptions): Promise<Result<Task[]>>;
  get(id: string, options?: CallOptions): Promise<Result<Task>>;
  update(id: string, changes: TaskChanges, options?: CallOptions): Promise<Result<Task>>;
  assign(id: string, assigneeId: string | null, options?: CallOptions): Promise<Result<Task>>;
  projectStats(projectId: string, now: Date, options?: CallOptions): Promise<Result<ProjectStats>>;
  projects(options?: CallOptions): Promise<Result<string[]>>;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (type: TasksApiError['type'], message: string): Result<never> => ({ ok: false, error: { type, message } });
