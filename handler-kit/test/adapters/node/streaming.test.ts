import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { serve, type RunningServer } from '../../../src/adapters/node/index.ts';
import { createHandler, defineTool } from '../../../src/index.ts';
import { memoryLogger, sleep } from '../../helpers.ts';

let abortedWith: ((reason: unknown) => void) | undefined;
const tools = [
  defineTool({
    name: 'ticker',
    description: 'Reports progress every `everyMs`, `count` times',
    input: z.object({ count: z.number(), everyMs: z.number() }),
    handler: async ({ count, everyMs }, ctx) => {
      ctx.signal.addEventListener('abort', () => abortedWith?.(ctx.signal.reason), { once: true });
      for (let i = 1; i <= count; i++) {
        await sleep(everyMs, ctx.signal);
        ctx.progress(i, count);
      }
      return `ticked ${count}`;
    },
  }),
];
const handler = () => createHandler({ name: 'node-stream', version: '1', tools, logger: memoryLogger() });

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const SSE_ACCEPT = 'application/json, text/event-stream';
const tick = (count: number, everyMs: number, progressToken?: string) =>
  JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'ticker', arguments: { count, everyMs }, ...(progressToken ? { _meta: { progressToken } } : {}) } });
const post = (url: string, body: string, accept = SSE_ACCEPT, signal?: AbortSignal) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept, 'mcp-protocol-version': '2025-11-25' }, body, ...(signal ? { signal } : {}) });

/** Reads a response body chunk by chunk, noting when each arrived. */
async function readTimed(res: Response): Promise<{ at: number; text: string }[]> {
  const start = performance.now();
  const out: { at: number; text: string }[] = [];
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) out.push({ at: performance.now() - start, text: decoder.decode(chunk) });
  return out;
}

describe('Node adapter: streamed answers', () => {
  it('writes notifications as they happen, and serve()\'s request and keep-alive timeouts do not cut a long stream', async () => {
    running = await serve(handler(), { port: 0, headersTimeoutMs: 200, requestTimeoutMs: 300, keepAliveTimeoutMs: 100 });
    const res = await post(running.url, tick(10, 100, 'n1'));
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const chunks = await readTimed(res);
    const text = chunks.map((c) => c.text).join('');
    const messages = [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!));
    expect(messages.filter((m) => m.method === 'notifications/progress').map((m) => m.params.progress)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(messages.at(-1).result.content[0].text).toBe('ticked 10');
    // The first notification arrived long before the answer ended (about 1 s, three request timeouts).
    const firstAt = chunks.find((c) => c.text.includes('notifications/progress'))!.at;
    // (a wide margin: on a loaded machine the first chunks may be read late; a buffered answer would give 0)
    expect(chunks.at(-1)!.at - firstAt).toBeGreaterThan(300);
  });

  it('serves a buffered answer slower than the request timeout too (it bounds receiving the request, not answering)', async () => {
    running = await serve(handler(), { port: 0, headersTimeoutMs: 200, requestTimeoutMs: 300 });
    const res = await post(running.url, tick(3, 250), 'application/json');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect((await res.json()).result.content[0].text).toBe('ticked 3');
  });

  it('aborts ctx.signal when the client disconnects mid-stream', async () => {
    running = await serve(handler(), { port: 0 });
    const aborted = new Promise<unknown>((resolve) => (abortedWith = resolve));
    const client = new AbortController();
    const res = await post(running.url, tick(100, 50, 'n2'), SSE_ACCEPT, client.signal);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('notifications/progress');
    client.abort();
    expect(String((await aborted as Error).message)).toContain('client disconnected');
  });
});

describe('Fetch adapter: streamed answers', () => {
  it('returns a streaming Response, and a reader that cancels aborts ctx.signal', async () => {
    const h = handler();
    const request = () => new Request('http://127.0.0.1/mcp', {
      method: 'POST', headers: { 'content-type': 'application/json', accept: SSE_ACCEPT }, body: tick(100, 20, 'f1'),
    });
    const res = await h.fetch(request());
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const aborted = new Promise<unknown>((resolve) => (abortedWith = resolve));
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('"progress":1');
    await reader.cancel();
    expect(String((await aborted as Error).message)).toContain('client disconnected');
  });

  it('reads a whole stream to the result', async () => {
    const res = await handler().fetch(new Request('http://127.0.0.1/mcp', {
      method: 'POST', headers: { 'content-type': 'application/json', accept: SSE_ACCEPT }, body: tick(3, 5, 'f2'),
    }));
    const text = await res.text();
    expect(text.match(/notifications\/progress/g)).toHaveLength(3);
    expect(text).toContain('"text":"ticked 3"');
  });
});
