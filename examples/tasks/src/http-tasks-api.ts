import * as z from 'zod';
import { Task, TaskStatus, type NewTask, type ProjectStats, type TaskChanges, type TaskFilter } from './domain.ts';
import { fail, ok, type CallOptions, type Result, type TasksApi } from './tasks-api.ts';

export interface HttpTasksApiOptions {
  /** Base URL of the REST API, e.g. https://tasks.example.com/v1; every path is resolved beneath it. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>`. Never part of a result, an error or a log line. */
  apiKey?: string;
  /** Injected so tests (and other runtimes) can answer for the service. */
  fetch?: typeof globalThis.fetch;
  /** Per request; well under the function's 29 s so a slow service becomes a clear error, not a time-out. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 8_000;

// Absent fields may arrive as null from real services; the domain model says "absent" with a missing key.
const dropNulls = (value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) : value;
const TaskBody = z.preprocess(dropNulls, Task);
const ProjectStatsBody: z.ZodType<ProjectStats> = z.object({
  projectId: z.string(),
  total: z.number().int(),
  byStatus: z.record(TaskStatus, z.number().int()),
  overdue: z.number().int(),
  unassigned: z.number().int(),
});

interface Call<T> extends CallOptions {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  answer: z.ZodType<T>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** What a 404 means for this call; without it a 404 is a misconfigured base URL, i.e. unexpected. */
  notFound?: string;
}

/**
 * The TasksApi port over a REST API (see README: POST/GET/PATCH /tasks, GET /projects[/{id}/stats]).
 * Every failure becomes a Result the tools turn into a ToolError; no message ever carries the key, the
 * URL or upstream stack traces, only what the model and the user can act on.
 */
export class HttpTasksApi implements TasksApi {
  readonly #base: URL;
  readonly #apiKey: string | undefined;
  readonly #fetch: typeof globalThis.fetch;
  readonly #timeoutMs: number;

  constructor(options: HttpTasksApiOptions) {
    const base = URL.canParse(options.baseUrl) ? new URL(options.baseUrl) : undefined;
    // The URL itself is not echoed: it may carry credentials of its own.
    if (!base || !['http:', 'https:'].includes(base.protocol)) throw new TypeError('TASKS_API_URL must be an http(s) URL');
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    this.#base = base;
    this.#apiKey = options.apiKey || undefined;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  create(input: NewTask, options?: CallOptions): Promise<Result<Task>> {
    return this.#call({ method: 'POST', path: 'tasks', body: input, answer: TaskBody, ...options });
  }

  list({ projectId, assigneeId, status, limit }: TaskFilter, options?: CallOptions): Promise<Result<Task[]>> {
    return this.#call({ method: 'GET', path: 'tasks', query: { projectId, assigneeId, status, limit }, answer: z.array(TaskBody), ...options });
  }

  get(id: string, options?: CallOptions): Promise<Result<Task>> {
    return this.#call({ method: 'GET', path: `tasks/${encodeURIComponent(id)}`, answer: TaskBody, notFound: `No task has id ${id}.`, ...options });
  }

  update(id: string, changes: TaskChanges, options?: CallOptions): Promise<Result<Task>> {
    return this.#call({ method: 'PATCH', path: `tasks/${encodeURIComponent(id)}`, body: changes, answer: TaskBody, notFound: `No task has id ${id}.`, ...options });
  }

  /** A merge-patch: `assigneeId: null` removes the assignee. */
  assign(id: string, assigneeId: string | null, options?: CallOptions): Promise<Result<Task>> {
    return this.#call({ method: 'PATCH', path: `tasks/${encodeURIComponent(id)}`, body: { assigneeId }, answer: TaskBody, notFound: `No task has id ${id}.`, ...options });
  }

  /** `asOf` tells the service which day "overdue" is measured against (the server's clock, not the service's). */
  projectStats(projectId: string, now: Date, options?: CallOptions): Promise<Result<ProjectStats>> {
    return this.#call({
      method: 'GET',
      path: `projects/${encodeURIComponent(projectId)}/stats`,
      query: { asOf: now.toISOString().slice(0, 10) },
      answer: ProjectStatsBody,
      notFound: `Project ${projectId} has no tasks (or does not exist).`,
      ...options,
    });
  }

  projects(options?: CallOptions): Promise<Result<string[]>> {
    return this.#call({ method: 'GET', path: 'projects', answer: z.array(z.string()), ...options });
  }

  async #call<T>(call: Call<T>): Promise<Result<T>> {
    const url = new URL(call.path, this.#base);
    for (const [name, value] of Object.entries(call.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.#apiKey) headers.authorization = `Bearer ${this.#apiKey}`;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const aborted = () =>
      timeout.aborted
        ? fail('unavailable', `The task service did not answer within ${this.#timeoutMs / 1000} s.`)
        : fail('unavailable', 'The request to the task service was cancelled.');
    let response: Response;
    try {
      response = await this.#fetch(url, { method: call.method, headers, signal, ...(call.body !== undefined && { body: JSON.stringify(call.body) }) });
    } catch {
      // The error text (ECONNREFUSED 10.0.0.7:443, TLS details) means nothing to a model; the cause is enough.
      return signal.aborted ? aborted() : fail('unavailable', 'The task service could not be reached.');
    }
    if (!response.ok) return this.#failure(response, call.notFound);
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      return signal.aborted ? aborted() : fail('unexpected', 'The task service sent an answer that is not valid JSON.');
    }
    const parsed = call.answer.safeParse(json);
    return parsed.success ? ok(parsed.data) : fail('unexpected', 'The task service sent an answer in a shape this server does not understand.');
  }

  async #failure(response: Response, notFound: string | undefined): Promise<Result<never>> {
    const status = response.status;
    if (status === 404 && notFound) return fail('not_found', notFound);
    if (status === 401 || status === 403) {
      return fail('unauthorized', `The task service refused this MCP server's credentials (HTTP ${status}); its TASKS_API_KEY needs to be checked.`);
    }
    if (status === 429) {
      const seconds = Number(response.headers.get('retry-after'));
      const when = Number.isInteger(seconds) && seconds > 0 ? `in ${seconds} seconds` : 'in a minute';
      return fail('rate_limited', `The task service is rate limiting this server. Try again ${when}.`);
    }
    if (status >= 500) return fail('unavailable', `The task service is unavailable (HTTP ${status}).`);
    if (status === 400 || status === 409 || status === 422) {
      const detail = await this.#detail(response);
      return fail('invalid', `The task service rejected the request (HTTP ${status})${detail ? `: ${detail}` : '.'}`);
    }
    return fail('unexpected', `The task service answered HTTP ${status}, which this server does not expect.`);
  }

  /** The service's own explanation of a rejection, if it gave one: short, one line, never the key. */
  async #detail(response: Response): Promise<string | undefined> {
    const body = (await response.json().catch(() => undefined)) as { message?: unknown; error?: unknown } | undefined;
    const text = typeof body?.message === 'string' ? body.message : typeof body?.error === 'string' ? body.error : undefined;
    if (!text) return undefined;
    const scrubbed = this.#apiKey ? text.split(this.#apiKey).join('[redacted]') : text;
    return scrubbed.replace(/\s+/g, ' ').trim().slice(0, 300) || undefined;
  }
}
