import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { sseStreaming } from '../../src/core/http/sse.ts';
import type { StreamingSupport } from '../../src/core/http/types.ts';
import { createHandler, defineTool, type HandlerOptions, type HttpRequest, type HttpResponse, type McpHandler } from '../../src/index.ts';
import { JSON_HEADERS, MODERN, memoryLogger, modernMeta, sleep } from '../helpers.ts';

const tools = [
  defineTool({
    name: 'steps',
    description: 'Reports 3 steps, 10 ms apart',
    handler: async (_a, ctx) => {
      for (const step of [1, 2, 3]) {
        await sleep(10);
        ctx.progress(step, 3, `step ${step}`);
      }
      return `done (progress wanted: ${ctx.wantsProgress})`;
    },
  }),
  defineTool({
    name: 'chatty',
    description: 'Logs at every level to the client',
    handler: async (_a, ctx) => {
      await sleep(5);
      for (const level of ['debug', 'info', 'warning', 'error'] as const) ctx.logToClient(level, `${level} line`, 'chatty');
      return 'logged';
    },
  }),
  defineTool({ name: 'quiet', description: 'Notifies nothing', handler: async () => (await sleep(5), 'quiet') }),
  defineTool({
    name: 'logs_then_waits',
    description: 'Logs once, then is silent for 120 ms',
    handler: async (_a, ctx) => {
      await sleep(1);
      ctx.logToClient('info', 'started');
      await sleep(120);
      return 'waited';
    },
  }),
  defineTool({ name: 'silent_slow', description: 'Silent for 120 ms', handler: async () => (await sleep(120), 'slow') }),
  defineTool({
    name: 'repeats',
    description: 'Sends a progress value twice and one going back',
    handler: async (_a, ctx) => {
      await sleep(1);
      return [ctx.progress(5), ctx.progress(5), ctx.progress(4), ctx.progress(6)].join(',');
    },
  }),
  defineTool({
    name: 'big',
    description: 'Reports progress, then returns more than the answer limit',
    input: z.object({ size: z.number() }),
    handler: async ({ size }, ctx) => {
      await sleep(1);
      ctx.progress(1);
      return 'x'.repeat(size);
    },
  }),
  defineTool({
    name: 'scoped',
    description: 'Needs a scope, notifies',
    scopes: ['admin'],
    handler: async (_a, ctx) => (await sleep(1), ctx.progress(1), 'ok'),
  }),
];

const server = (overrides: Partial<HandlerOptions> = {}) => createHandler({ name: 'stream', version: '1', tools, logger: memoryLogger(), ...overrides });

interface Sent {
  response: HttpResponse;
  /** The raw chunks as an adapter would write them. */
  chunks: string[];
  /** Parsed `data:` lines of every event, in order. */
  messages: any[];
}

/** A request through the core as a streaming adapter sends it (`streaming` set), the whole stream read. */
async function send(handler: McpHandler, body: unknown, headers: Record<string, string> = {}, streaming: StreamingSupport | null = sseStreaming(), extra: Partial<HttpRequest> = {}): Promise<Sent> {
  const response = await handler.handle({
    method: 'POST',
    headers: { ...JSON_HEADERS, ...headers },
    body: JSON.stringify(body),
    ...(streaming ? { streaming } : {}),
    ...extra,
  });
  const chunks: string[] = [];
  if (response.stream) for await (const c of response.stream) chunks.push(c);
  const messages = response.stream
    ? chunks.flatMap((c) => [...c.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!)))
    : response.body ? [JSON.parse(response.body)] : [];
  return { response, chunks, messages };
}

const legacyCall = (name: string, meta?: Record<string, unknown>, args: Record<string, unknown> = {}) => ({
  jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args, ...(meta ? { _meta: meta } : {}) },
});
const LEGACY = { 'mcp-protocol-version': '2025-11-25' };
const modernCall = (name: string, extraMeta: Record<string, unknown> = {}) => ({
  jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name, arguments: {}, _meta: { ...modernMeta(), ...extraMeta } },
});
const MODERN_HEADERS = { 'mcp-protocol-version': MODERN, 'mcp-method': 'tools/call' };
const modernHeaders = (name: string) => ({ ...MODERN_HEADERS, 'mcp-name': name });

describe('streamed answers (SSE) for calls that notify', () => {
  it('sends each progress notification as it happens, then the result, then ends', async () => {
    const { response, messages, chunks } = await send(server(), legacyCall('steps', { progressToken: 'p1' }), LEGACY);
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' });
    expect(response.body).toBe('');
    expect(messages.slice(0, 3)).toEqual([1, 2, 3].map((step) => ({
      jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 'p1', progress: step, total: 3, message: `step ${step}` },
    })));
    expect(messages[3]).toEqual({ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'done (progress wanted: true)' }] } });
    expect(messages).toHaveLength(4);
    expect(chunks.every((c) => c.startsWith('event: message\ndata: ') && c.endsWith('\n\n'))).toBe(true);
  });

  it('answers a client that accepts only JSON with the same result, buffered', async () => {
    const { response, messages } = await send(server(), legacyCall('steps', { progressToken: 'p1' }), { ...LEGACY, accept: 'application/json' });
    expect(response.stream).toBeUndefined();
    expect(response.headers['content-type']).toBe('application/json');
    expect(messages).toEqual([{ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'done (progress wanted: false)' }] } }]);
  });

  it('answers buffered JSON through an adapter that cannot stream, and when the server turns streaming off', async () => {
    for (const [handler, streaming] of [[server(), null], [server({ streaming: false }), sseStreaming()]] as const) {
      const { response, messages } = await send(handler, legacyCall('steps', { progressToken: 'p1' }), LEGACY, streaming);
      expect(response.stream).toBeUndefined();
      expect(messages[0].result.content[0].text).toBe('done (progress wanted: false)');
    }
  });

  it('answers buffered JSON when the call never notifies, though the client asked', async () => {
    const { response, messages } = await send(server(), legacyCall('quiet', { progressToken: 'p1' }), LEGACY);
    expect(response.stream).toBeUndefined();
    expect(messages[0].result.content[0].text).toBe('quiet');
  });

  it('keeps an error before the handler runs at its own status: a missing scope is still 403 with its challenge', async () => {
    const handler = server({ auth: { resourceMetadataUrl: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp', required: false } });
    const { response } = await send(handler, legacyCall('scoped', { progressToken: 'p1' }), LEGACY, sseStreaming(), { auth: { subject: 'u', scopes: ['read'], claims: {} } });
    expect(response.status).toBe(403);
    expect(response.stream).toBeUndefined();
    expect(response.headers['www-authenticate']).toContain('insufficient_scope');
  });

  it('sends a progress value only when it grows (the spec: progress MUST increase)', async () => {
    const { messages } = await send(server(), legacyCall('repeats', { progressToken: 7 }), LEGACY);
    expect(messages.filter((m) => m.method).map((m) => m.params.progress)).toEqual([5, 6]);
    expect(messages.at(-1).result.content[0].text).toBe('true,false,false,true');
  });

  it('holds the final result to maxResponseBytes when streamed: a larger one is the clean too-large error', async () => {
    const { messages } = await send(server({ maxResponseBytes: 10_000 }), legacyCall('big', { progressToken: 'p' }, { size: 20_000 }), LEGACY);
    expect(messages[0].method).toBe('notifications/progress');
    expect(messages[1].error).toMatchObject({ code: -32603, data: { limit: 10_000 } });
  });

  it('holds it to the platform\'s streamed limit, not its buffered one', async () => {
    const args = { size: 50_000 };
    // Lambda's 6 MB buffered cap is req.maxResponseBytes; streamed answers obey streaming.maxBytes instead.
    const res = await server().handle({
      method: 'POST', headers: { ...JSON_HEADERS, ...LEGACY }, body: JSON.stringify(legacyCall('big', { progressToken: 'p' }, args)),
      maxResponseBytes: 10_000, streaming: sseStreaming({ maxBytes: 1_000_000 }),
    });
    const chunks: string[] = [];
    for await (const c of res.stream!) chunks.push(c);
    expect(JSON.parse(chunks.at(-1)!.split('data: ')[1]!).result.content[0].text).toHaveLength(50_000);
  });

  // Fake timers: which of two timers fires first (the keep-alive, the tool's) must not depend on the machine's load.
  it('opens a silent call that asked for progress at the first keep-alive tick, and keeps it alive', async () => {
    vi.useFakeTimers();
    try {
      let opened = 0;
      const sent = send(server({ streaming: { keepAliveMs: 30 } }), legacyCall('silent_slow', { progressToken: 'p' }), LEGACY, sseStreaming({
        onOpen: () => opened++,
      }));
      await vi.advanceTimersByTimeAsync(31);
      // Open after one tick, while the tool (120 ms) still runs.
      expect(opened).toBe(1);
      await vi.advanceTimersByTimeAsync(200);
      const { response, chunks, messages } = await sent;
      expect(response.headers['content-type']).toBe('text/event-stream');
      expect(opened).toBe(1);
      // The tick at 30 ms opens it with a comment; at 60 something went out since (that comment); at 90 a
      // whole interval was silent: a second one. The tool ends at 120.
      expect(chunks.filter((c) => c === ': keep-alive\n\n')).toHaveLength(2);
      expect(messages).toEqual([{ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'slow' }] } }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a stream that the default log level opened alive once it falls silent', async () => {
    vi.useFakeTimers();
    try {
      const sent = send(server({ streaming: { keepAliveMs: 30 } }), legacyCall('logs_then_waits'), LEGACY);
      await vi.advanceTimersByTimeAsync(300);
      const { chunks, messages } = await sent;
      expect(messages.map((m) => m.method ?? 'result')).toEqual(['notifications/message', 'result']);
      // The log line opened it at 1 ms; ticks at 31 (a line went out since the last one: none sent), 61, 91, 121.
      expect(chunks.filter((c) => c === ': keep-alive\n\n').length).toBeGreaterThanOrEqual(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not open a silent 2025 call that only has the default log level', async () => {
    const { response } = await send(server({ streaming: { keepAliveMs: 30 } }), legacyCall('silent_slow'), LEGACY);
    expect(response.stream).toBeUndefined();
  });
});

describe('log messages to the client', () => {
  const logged = (messages: any[]) => messages.filter((m) => m.method === 'notifications/message').map((m) => m.params);

  it('2025: sends info and above by default (logging/setLevel cannot be remembered by a stateless server)', async () => {
    const { messages } = await send(server(), legacyCall('chatty'), LEGACY);
    expect(logged(messages)).toEqual([
      { level: 'info', data: 'info line', logger: 'chatty' },
      { level: 'warning', data: 'warning line', logger: 'chatty' },
      { level: 'error', data: 'error line', logger: 'chatty' },
    ]);
  });

  it('2025: a level carried on the request itself wins; "off" as the default sends none', async () => {
    const withLevel = await send(server(), legacyCall('chatty', { 'io.modelcontextprotocol/logLevel': 'debug' }), LEGACY);
    expect(logged(withLevel.messages).map((l) => l.level)).toEqual(['debug', 'info', 'warning', 'error']);
    const off = await send(server({ streaming: { legacyLogLevel: 'off' } }), legacyCall('chatty'), LEGACY);
    expect(off.response.stream).toBeUndefined();
  });

  it('2026-07-28: sends logs only at or above the level in _meta, and none without one', async () => {
    const some = await send(server(), modernCall('chatty', { 'io.modelcontextprotocol/logLevel': 'warning' }), modernHeaders('chatty'));
    expect(logged(some.messages).map((l) => l.level)).toEqual(['warning', 'error']);
    expect(some.messages.at(-1).result).toMatchObject({ resultType: 'complete', content: [{ type: 'text', text: 'logged' }] });
    const none = await send(server(), modernCall('chatty'), modernHeaders('chatty'));
    expect(none.response.stream).toBeUndefined();
    expect(none.messages[0].result.content[0].text).toBe('logged');
  });

  it('2026-07-28: streams progress with the token from _meta', async () => {
    const { messages } = await send(server(), modernCall('steps', { progressToken: 'm1' }), modernHeaders('steps'));
    expect(messages.filter((m) => m.method === 'notifications/progress').map((m) => m.params.progressToken)).toEqual(['m1', 'm1', 'm1']);
    expect(messages.at(-1)).toMatchObject({ id: 2, result: { resultType: 'complete' } });
  });

  it('validates logging/setLevel, and refuses an unknown streaming.legacyLogLevel at start-up', async () => {
    const bad = await send(server(), { jsonrpc: '2.0', id: 3, method: 'logging/setLevel', params: { level: 'loud' } }, LEGACY);
    expect(bad.messages[0].error.code).toBe(-32602);
    expect(() => server({ streaming: { legacyLogLevel: 'loud' as never } })).toThrow(/legacyLogLevel/);
  });
});

describe('the settled event', () => {
  it('says whether the answer was streamed', async () => {
    const events: { streamed: boolean; outcome: string }[] = [];
    const handler = server({ onSettled: (e) => events.push(e) });
    await send(handler, legacyCall('steps', { progressToken: 'p' }), LEGACY);
    await send(handler, legacyCall('steps', { progressToken: 'p' }), { ...LEGACY, accept: 'application/json' });
    expect(events.map((e) => [e.streamed, e.outcome])).toEqual([[true, 'ok'], [false, 'ok']]);
  });
});
