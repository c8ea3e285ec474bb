import type { NewTask, ProjectStats, Task, TaskChanges, TaskFilter } from './domain.ts';
import { fail, ok, type Result, type TasksApi } from './tasks-api.ts';

/** What an object is once its keys holding undefined are dropped: those keys left optional, never undefined. */
type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & { [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined> };
// An optional field given as undefined is stored as left out, as HttpTasksApi's JSON body leaves it out.
const defined = <T extends object>(o: T): Defined<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Defined<T>;

/**
 * A complete task service in memory: the fake for tests and the store for local runs. It keeps the same
 * rules a real service would (ids, timestamps, not-found), so tests exercise real behaviour, not a mock.
 */
export class InMemoryTasksApi implements TasksApi {
  readonly #tasks = new Map<string, Task>();
  readonly #clock: () => Date;
  #nextId = 1;

  constructor(options: { seed?: NewTask[]; clock?: () => Date } = {}) {
    this.#clock = options.clock ?? (() => new Date());
    for (const task of options.seed ?? []) this.#insert(task);
  }

  #insert(input: NewTask): Task {
    const now = this.#clock().toISOString();
    const task: Task = { id: `T-${this.#nextId++}`, status: 'todo', createdAt: now, updatedAt: now, ...defined(input) };
    this.#tasks.set(task.id, task);
    return task;
  }

  #change(id: string, changes: Partial<Task>): Result<Task> {
    const task = this.#tasks.get(id);
    if (!task) return fail('not_found', `No task has id ${id}.`);
    const updated: Task = { ...task, ...changes, updatedAt: this.#clock().toISOString() };
    this.#tasks.set(id, updated);
    return ok(updated);
  }

  async create(input: NewTask): Promise<Result<Task>> {
    return ok(this.#insert(input));
  }

  async list(filter: TaskFilter): Promise<Result<Task[]>> {
    const tasks = [...this.#tasks.values()].filter(
      (t) =>
        (!filter.projectId || t.projectId === filter.projectId) &&
        (!filter.assigneeId || t.assigneeId === filter.assigneeId) &&
        (!filter.status || t.status === filter.status),
    );
    return ok(tasks.slice(0, filter.limit));
  }

  async get(id: string): Promise<Result<Task>> {
    const task = this.#tasks.get(id);
    return task ? ok(task) : fail('not_found', `No task has id ${id}.`);
  }

  async update(id: string, changes: TaskChanges): Promise<Result<Task>> {
    return this.#change(id, defined(changes));
  }

  async assign(id: string, assigneeId: string | null): Promise<Result<Task>> {
    const task = this.#tasks.get(id);
    if (!task) return fail('not_found', `No task has id ${id}.`);
    const { assigneeId: _previous, ...rest } = task;
    const updated: Task = assigneeId ? { ...rest, assigneeId, updatedAt: this.#clock().toISOString() } : { ...rest, updatedAt: this.#clock().toISOString() };
    this.#tasks.set(id, updated);
    return ok(updated);
  }

  async projectStats(projectId: string, now: Date): Promise<Result<ProjectStats>> {
    const tasks = [...this.#tasks.values()].filter((t) => t.projectId === projectId);
    if (tasks.length === 0) return fail('not_found', `Project ${projectId} has no tasks (or does not exist).`);
    const byStatus = { todo: 0, in_progress: 0, blocked: 0, done: 0 };
    for (const t of tasks) byStatus[t.status]++;
    const today = now.toISOString().slice(0, 10);
    return ok({
      projectId,
      total: tasks.length,
      byStatus,
      overdue: tasks.filter((t) => t.status !== 'done' && t.dueDate !== undefined && t.dueDate < today).length,
      unassigned: tasks.filter((t) => !t.assigneeId).length,
    });
  }

  async projects(): Promise<Result<string[]>> {
    const ids = new Set<string>();
    for (const t of this.#tasks.values()) if (t.projectId) ids.add(t.projectId);
    return ok([...ids].sort());
  }
}
