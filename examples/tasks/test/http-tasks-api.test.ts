import { connect as connectClient } from '@serverless-mcp/handler-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createDependencies } from '../src/dependencies.ts';
import { HttpTasksApi } from '../src/http-tasks-api.ts';
import { InMemoryTasksApi } from '../src/in-memory-tasks-api.ts';
import { createTasksServer } from '../src/server.ts';
import type { Result } from '../src/tasks-api.ts';

const KEY = 'sk-live-0123456789abcdef';
const BASE = 'https://tasks.example.com/v1';
const TASK = { id: 'T-7', title: 'Ship it', status: 'todo', priority: 'high', createdAt: '2026-11-21T10:00:00.000Z', updatedAt: '2026-11-21T10:00:00.000Z' };

interface Seen { url: string; method: string; headers: Headers; body: unknown; signal: AbortSignal | undefined }

/** A task service that answers with `answer` and records what it was sent. */
function fakeService(answer: (request: Seen) => Response | Promise<Response>, options: { timeoutMs?: number; baseUrl?: string } = {}) {
  const requests: Seen[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const seen: Seen = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: init?.body === undefined ? undefined : JSON.parse(String(init.body)),
      signal: init?.signal ?? undefined,
    };
    requests.push(seen);
    return answer(seen);
  };
  const api = new HttpTasksApi({ baseUrl: options.baseUrl ?? BASE, apiKey: KEY, fetch, timeoutMs: options.timeoutMs ?? 1_000 });
  return { api, requests };
}
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const errorOf = (result: Result<unknown>) => {
  if (result.ok) throw new Error('expected a failure');
  return result.error;
};
/** Waits for the request's signal, as a service that never answers would make fetch do. */
const never = (request: Seen) =>
  new Promise<Response>((_resolve, reject) => request.signal?.addEventListener('abort', () => reject(request.signal!.reason)));

describe('HTTP task service: requests', () => {
  it('creates a task with POST /tasks, the bearer key and a JSON body', async () => {
    const { api, requests } = fakeService(() => json(TASK, 201));
    const result = await api.create({ title: 'Ship it', priority: 'high', projectId: 'launch' });
    expect(result).toEqual({ ok: true, value: TASK });
    const [sent] = requests;
    expect(sent).toMatchObject({ url: `${BASE}/tasks`, method: 'POST', body: { title: 'Ship it', priority: 'high', projectId: 'launch' } });
    expect(sent!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(sent!.headers.get('content-type')).toBe('application/json');
    expect(sent!.headers.get('accept')).toBe('application/json');
  });

  it('lists with the filter in the query string, leaving out what is not set, and sends no body', async () => {
    const { api, requests } = fakeService(() => json([TASK]));
    expect(await api.list({ projectId: 'launch', status: 'todo', limit: 10 })).toEqual({ ok: true, value: [TASK] });
    expect(requests[0]).toMatchObject({ url: `${BASE}/tasks?projectId=launch&status=todo&limit=10`, method: 'GET', body: undefined });
    expect(requests[0]!.headers.has('content-type')).toBe(false);
  });

  it('gets, updates and assigns under the encoded id; assigning null is a merge-patch removing the assignee', async () => {
    const { api, requests } = fakeService(() => json(TASK));
    await api.get('T 7/x');
    await api.update('T-7', { status: 'done' });
    await api.assign('T-7', null);
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['GET', `${BASE}/tasks/T%207%2Fx`, undefined],
      ['PATCH', `${BASE}/tasks/T-7`, { status: 'done' }],
      ['PATCH', `${BASE}/tasks/T-7`, { assigneeId: null }],
    ]);
  });

  it('leaves an optional field given as undefined out of the body and the query, as if not given', async () => {
    const { api, requests } = fakeService(() => json(TASK));
    await api.create({ title: 'Ship it', priority: 'high', description: undefined });
    await api.update('T-7', { title: undefined, status: 'done' });
    await api.list({ projectId: undefined, status: 'todo', limit: 10 });
    expect(requests.map((r) => [r.url, r.body])).toEqual([
      [`${BASE}/tasks`, { title: 'Ship it', priority: 'high' }],
      [`${BASE}/tasks/T-7`, { status: 'done' }],
      [`${BASE}/tasks?status=todo&limit=10`, undefined],
    ]);
  });

  it("asks for project statistics as of the server's date, and for the project ids", async () => {
    const stats = { projectId: 'launch', total: 2, byStatus: { todo: 1, in_progress: 0, blocked: 1, done: 0 }, overdue: 1, unassigned: 0 };
    const { api, requests } = fakeService((r) => json(r.url.endsWith('/projects') ? ['launch', 'ops'] : stats));
    expect(await api.projectStats('launch', new Date('2026-11-21T23:00:00Z'))).toEqual({ ok: true, value: stats });
    expect(await api.projects()).toEqual({ ok: true, value: ['launch', 'ops'] });
    expect(requests.map((r) => r.url)).toEqual([`${BASE}/projects/launch/stats?asOf=2026-11-21`, `${BASE}/projects`]);
  });

  it('resolves paths beneath the base URL whether or not it ends with a slash', async () => {
    const { api, requests } = fakeService(() => json([]), { baseUrl: 'https://api.example.com/tasks-api/' });
    await api.projects();
    expect(requests[0]!.url).toBe('https://api.example.com/tasks-api/projects');
  });

  it('accepts null for absent fields and drops fields it does not know', async () => {
    const { api } = fakeService(() => json({ ...TASK, assigneeId: null, internalScore: 42 }));
    expect(await api.get('T-7')).toEqual({ ok: true, value: TASK });
  });

  it("aborts the request when the caller's signal aborts", async () => {
    const { api, requests } = fakeService(never);
    const caller = new AbortController();
    const pending = api.get('T-7', { signal: caller.signal });
    caller.abort();
    expect(errorOf(await pending)).toEqual({ type: 'unavailable', message: 'The request to the task service was cancelled.' });
    expect(requests[0]!.signal!.aborted).toBe(true);
  });
});

type Scenario = [name: string, answer: (r: Seen) => Response | Promise<Response>, call: (api: HttpTasksApi) => Promise<Result<unknown>>, type: string, message: RegExp];
const get = (api: HttpTasksApi) => api.get('T-9');
const SCENARIOS: Scenario[] = [
  ['404 on a task', () => json({ message: 'nope' }, 404), get, 'not_found', /^No task has id T-9\.$/],
  ['404 on a project', () => json({}, 404), (api) => api.projectStats('p', new Date()), 'not_found', /^Project p has no tasks/],
  ['404 on a collection (a wrong base URL)', () => json({}, 404), (api) => api.list({ limit: 5 }), 'unexpected', /HTTP 404/],
  ['401', () => json({ error: 'bad token' }, 401), get, 'unauthorized', /refused this MCP server's credentials \(HTTP 401\)/],
  ['403', () => new Response('forbidden', { status: 403 }), get, 'unauthorized', /refused this MCP server's credentials \(HTTP 403\)/],
  ['429 with Retry-After', () => json({}, 429, { 'retry-after': '30' }), get, 'rate_limited', /rate limiting this server\. Try again in 30 seconds\.$/],
  ['429 without Retry-After', () => json({}, 429), get, 'rate_limited', /Try again in a minute\.$/],
  ['500', () => new Response('<html>stack trace</html>', { status: 500 }), get, 'unavailable', /^The task service is unavailable \(HTTP 500\)\.$/],
  ['503', () => json({}, 503), get, 'unavailable', /HTTP 503/],
  ['a network failure', () => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 10.0.0.7:443') })), get, 'unavailable', /^The task service could not be reached\.$/],
  ['a time-out', never, get, 'unavailable', /^The task service did not answer within 0\.02 s\.$/],
  ['422 with an explanation', () => json({ message: 'dueDate is in the past' }, 422), (api) => api.update('T-9', { dueDate: '2000-01-01' }), 'invalid', /rejected the request \(HTTP 422\): dueDate is in the past$/],
  ['malformed JSON', () => new Response('{"id": "T-9", ', { status: 200 }), get, 'unexpected', /not valid JSON/],
  ['an answer of the wrong shape', () => json({ id: 9, name: 'x' }), get, 'unexpected', /shape this server does not understand/],
  ['an unexpected status', () => new Response(null, { status: 302 }), get, 'unexpected', /HTTP 302/],
];

describe('HTTP task service: failures', () => {
  it.each(SCENARIOS)('maps %s to a clear result', async (_name, answer, call, type, message) => {
    const { api } = fakeService(answer, { timeoutMs: 20 });
    const error = errorOf(await call(api));
    expect(error.type).toBe(type);
    expect(error.message).toMatch(message);
  });

  it('never puts the key, the URL or a stack trace in an error text, even when the service echoes the key', async () => {
    const echoes: Scenario[] = [
      ['422 echoing the key', () => json({ message: `token ${KEY} is not allowed to set dueDate` }, 422), get, 'invalid', /\[redacted\]/],
      ['a network failure naming the key', () => Promise.reject(new Error(`bad header Bearer ${KEY}`)), get, 'unavailable', /could not be reached/],
    ];
    for (const [name, answer, call, , message] of [...SCENARIOS, ...echoes]) {
      const { api } = fakeService(answer, { timeoutMs: 20 });
      const error = errorOf(await call(api));
      expect(error.message, name).toMatch(message);
      for (const secret of [KEY, 'tasks.example.com', '\n    at ', 'ECONNREFUSED']) expect(JSON.stringify(error), name).not.toContain(secret);
    }
  });

  it('refuses a base URL that is not http(s), without repeating it', () => {
    expect(() => new HttpTasksApi({ baseUrl: `ftp://user:${KEY}@tasks.example.com` })).toThrow(/^TASKS_API_URL must be an http\(s\) URL$/);
    expect(() => new HttpTasksApi({ baseUrl: 'not a url' })).toThrow(TypeError);
  });
});

describe('HTTP task service behind the tools', () => {
  const clients: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  /** The tasks server over the HTTP client, driven by the official MCP client in-process. */
  async function connect(answer: (r: Seen) => Response | Promise<Response>) {
    const { api, requests } = fakeService(answer);
    const server = createTasksServer({ tasks: api, clock: () => new Date('2026-11-21T10:00:00Z') });
    const client = await connectClient(server);
    clients.push(client);
    return { client, requests };
  }
  const textOf = (r: unknown) => (r as { content: { text: string }[] }).content[0]!.text;

  it('returns tasks from the service as structured content', async () => {
    const { client, requests } = await connect(() => json([TASK]));
    const result = await client.callTool({ name: 'list_tasks', arguments: { projectId: 'launch' } });
    expect(result.structuredContent).toEqual({ tasks: [TASK], count: 1 });
    expect(requests[0]!.url).toBe(`${BASE}/tasks?projectId=launch&limit=25`);
  });

  it('turns refused credentials and a missing task into tool errors the model can act on, without the key', async () => {
    const refused = await (await connect(() => json({}, 401))).client.callTool({ name: 'list_tasks', arguments: {} });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/refused this MCP server's credentials \(HTTP 401\).*Retrying will not help/);
    expect(JSON.stringify(refused)).not.toContain(KEY);
    const missing = await (await connect(() => json({}, 404))).client.callTool({ name: 'update_task', arguments: { id: 'T-9', status: 'done' } });
    expect(textOf(missing)).toBe('No task has id T-9. Call list_tasks to see existing ids.');
  });
});

describe('choosing the task service from the environment', () => {
  it('uses the REST API when TASKS_API_URL is set and the in-memory demo otherwise', () => {
    expect(createDependencies({ TASKS_API_URL: BASE, TASKS_API_KEY: KEY }).tasks).toBeInstanceOf(HttpTasksApi);
    expect(createDependencies({}).tasks).toBeInstanceOf(InMemoryTasksApi);
    expect(createDependencies({ TASKS_API_URL: '' }).tasks).toBeInstanceOf(InMemoryTasksApi);
  });
});
