import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { sseStreaming } from '../../src/core/http/sse.ts';
import { createHandler, defineTool, ToolError } from '../../src/index.ts';
import { MODERN, memoryLogger, modernMeta } from '../helpers.ts';

/**
 * Whatever a notifying tool does and whatever the client asks, a streamed answer is well formed: SSE only
 * for a client whose Accept names text/event-stream, every event a JSON-RPC message, progress strictly
 * increasing and carrying the request's token, and exactly one response, last, with the request's id.
 */
const step = fc.oneof(
  fc.record({ kind: fc.constant('progress' as const), done: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.double()), total: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }) }),
  fc.record({ kind: fc.constant('log' as const), level: fc.constantFrom('debug', 'info', 'warning', 'error', 'emergency', 'loud') }),
  fc.record({ kind: fc.constant('wait' as const) }),
);
const ending = fc.constantFrom('value', 'tool_error', 'crash');

const worker = defineTool({
  name: 'worker',
  description: 'Follows a script of progress, logs and waits, then ends as told',
  input: z.object({ steps: z.array(z.any()), ending: z.string() }),
  handler: async ({ steps, ending }, ctx) => {
    for (const s of steps) {
      if (s.kind === 'progress') ctx.progress(s.done, s.total, 'working');
      else if (s.kind === 'log') ctx.logToClient(s.level, { note: 'a line' });
      else await new Promise((r) => setImmediate(r));
    }
    await Promise.resolve();
    if (ending === 'tool_error') throw new ToolError('told to fail');
    if (ending === 'crash') throw new Error('password=hunter2');
    return 'done';
  },
});

const request = fc.record({
  steps: fc.array(step, { maxLength: 8 }),
  ending,
  modern: fc.boolean(),
  token: fc.option(fc.oneof(fc.string({ maxLength: 10 }), fc.integer()), { nil: undefined }),
  level: fc.option(fc.constantFrom('debug', 'info', 'error', 'bogus'), { nil: undefined }),
  accept: fc.constantFrom('application/json, text/event-stream', 'application/json', 'text/event-stream', '*/*', 'text/event-stream;q=0, application/json'),
  id: fc.oneof(fc.integer(), fc.string({ maxLength: 8 })),
});

describe('streamed answers are well formed', () => {
  it('for any script, era, token, level and Accept', async () => {
    const logger = memoryLogger();
    const handler = createHandler({ name: 'prop', version: '1', tools: [worker], logger });
    let streamed = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const meta: Record<string, unknown> = { ...(r.modern ? modernMeta() : {}) };
        if (r.token !== undefined) meta.progressToken = r.token;
        if (r.level !== undefined) meta['io.modelcontextprotocol/logLevel'] = r.level;
        const headers: Record<string, string> = { 'content-type': 'application/json', accept: r.accept };
        if (r.modern) Object.assign(headers, { 'mcp-protocol-version': MODERN, 'mcp-method': 'tools/call', 'mcp-name': 'worker' });
        else headers['mcp-protocol-version'] = '2025-11-25';
        const res = await handler.handle({
          method: 'POST',
          headers,
          body: JSON.stringify({ jsonrpc: '2.0', id: r.id, method: 'tools/call', params: { name: 'worker', arguments: { steps: r.steps, ending: r.ending }, _meta: meta } }),
          streaming: sseStreaming(),
        });
        if (r.accept === 'text/event-stream') {
          // The spec has clients accept both; one that rules JSON out is refused (406), streaming or not.
          expect(res.status).toBe(406);
          return;
        }
        expect(res.status).toBe(200);
        if (!res.stream) {
          expect(res.headers['content-type']).toBe('application/json');
          expect(JSON.parse(res.body).id).toEqual(r.id);
          return;
        }
        expect(r.accept.includes('text/event-stream') && !r.accept.includes('q=0')).toBe(true);
        streamed++;
        let text = '';
        for await (const chunk of res.stream) text += chunk;
        expect(text).not.toMatch(/hunter2/);
        const messages = [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!));
        const responses = messages.filter((m) => 'id' in m);
        expect(responses).toHaveLength(1);
        expect(messages.at(-1)).toBe(responses[0]);
        expect(responses[0].id).toEqual(r.id);
        const progress = messages.filter((m) => m.method === 'notifications/progress').map((m) => m.params);
        for (const p of progress) expect(p.progressToken).toEqual(r.token);
        for (let i = 1; i < progress.length; i++) expect(progress[i].progress).toBeGreaterThan(progress[i - 1].progress);
        for (const m of messages.filter((x) => !('id' in x))) expect(['notifications/progress', 'notifications/message']).toContain(m.method);
        if (r.modern && !['debug', 'info', 'error'].includes(r.level ?? '')) expect(messages.some((m) => m.method === 'notifications/message')).toBe(false);
      }),
      { numRuns: 400 },
    );
    // Not vacuous: a good share of the runs really streamed.
    expect(streamed).toBeGreaterThan(15);
    expect(logger.lines.filter((l) => l.message.includes('inside the server') || l.message.includes('unexpected failure'))).toEqual([]);
  });
});
