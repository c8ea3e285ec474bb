import * as z from 'zod';
import { createHandler, defineTool, definePrompt, defineResource, defineResourceTemplate, type HandlerOptions, type McpHandler, type Logger } from '../src/index.ts';

export const MODERN = '2026-07-28';

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts (what a well-behaved tool does). */
export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((done, fail) => {
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), fail(signal.reason)), { once: true });
  });

/** A logger that keeps every line, so tests can read what was logged. */
export function memoryLogger(): Logger & { lines: { level: string; message: string; fields: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const make = (bound: Record<string, unknown>): Logger => ({
    debug: (message, fields) => lines.push({ level: 'debug', message, fields: { ...bound, ...fields } }),
    info: (message, fields) => lines.push({ level: 'info', message, fields: { ...bound, ...fields } }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields: { ...bound, ...fields } }),
    error: (message, fields) => lines.push({ level: 'error', message, fields: { ...bound, ...fields } }),
    child: (fields) => make({ ...bound, ...fields }),
  });
  return Object.assign(make({}), { lines });
}

/** A small set of definitions exercising every kind: tools (structured, scoped, crashing), resources, prompts. */
export function sampleDefinitions() {
  const tools = [
    defineTool({
      name: 'add',
      description: 'Add two numbers',
      input: z.object({ a: z.number(), b: z.number() }),
      output: z.object({ sum: z.number() }),
      annotations: { readOnlyHint: true },
      handler: ({ a, b }) => ({ sum: a + b }),
    }),
    defineTool({ name: 'echo', description: 'Echo text', input: z.object({ text: z.string() }), handler: ({ text }) => text }),
    defineTool({
      name: 'delete_all',
      description: 'Needs the admin scope',
      scopes: ['admin:write'],
      handler: () => 'deleted',
    }),
    defineTool({
      name: 'crash',
      description: 'Throws an unexpected error with a secret in it',
      handler: () => {
        throw new Error('db password=hunter2 at /srv/app/db.ts:42');
      },
    }),
  ];
  const resources = [
      defineResource({ uri: 'doc://readme', name: 'readme', mimeType: 'text/markdown', read: () => '# Hello' }),
      defineResourceTemplate({
        uriTemplate: 'doc://pages/{slug}',
        name: 'page',
        read: (_uri, { slug }) => `page ${slug}`,
        complete: { slug: (v) => ['intro', 'install', 'usage'].filter((s) => s.startsWith(v)) },
      }),
  ];
  const prompts = [
      definePrompt({
        name: 'review',
        description: 'Review code',
        arguments: z.object({ language: z.enum(['ts', 'go', 'rust']), focus: z.string().optional() }),
        get: ({ language, focus }) => `Review this ${language} code${focus ? ` for ${focus}` : ''}.`,
      }),
  ];
  return { tools, resources, prompts };
}

/** A server over the sample definitions. */
export function sampleServer(overrides: Partial<HandlerOptions> = {}): McpHandler {
  return createHandler({ name: 'sample', version: '1.2.3', ...sampleDefinitions(), logger: memoryLogger(), ...overrides });
}

export type Headers = Record<string, string>;
export const JSON_HEADERS: Headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

export async function post(handler: McpHandler, body: unknown, headers: Headers = {}) {
  const res = await handler.handle({
    method: 'POST',
    headers: { ...JSON_HEADERS, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { ...res, json: res.body ? (JSON.parse(res.body) as any) : undefined };
}

export const modernMeta = (capabilities: Record<string, unknown> = {}) => ({
  'io.modelcontextprotocol/protocolVersion': MODERN,
  'io.modelcontextprotocol/clientCapabilities': capabilities,
});

const NAME_FIELD: Record<string, string> = { 'tools/call': 'name', 'prompts/get': 'name', 'resources/read': 'uri' };

/** A well-formed 2026-07-28 request: envelope plus the headers that mirror it. */
export function modern(handler: McpHandler, id: number, method: string, params: Record<string, unknown> = {}, capabilities = {}, extraHeaders: Headers = {}) {
  const headers: Headers = { 'mcp-protocol-version': MODERN, 'mcp-method': method };
  const field = NAME_FIELD[method];
  if (field && typeof params[field] === 'string') headers['mcp-name'] = params[field] as string;
  return post(handler, { jsonrpc: '2.0', id, method, params: { ...params, _meta: modernMeta(capabilities) } }, { ...headers, ...extraHeaders });
}

export function legacy(handler: McpHandler, id: number, method: string, params?: Record<string, unknown>, version = '2025-11-25') {
  return post(handler, { jsonrpc: '2.0', id, method, ...(params ? { params } : {}) }, { 'mcp-protocol-version': version });
}
