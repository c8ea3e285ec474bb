import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { createLambdaStreamingHandler } from '../../../src/adapters/aws-lambda/minimal.ts';
import { toLambdaHandler, toLambdaStreamingHandler } from '../../../src/adapters/aws-lambda/index.ts';
import { createHandler, defineTool } from '../../../src/index.ts';
import { memoryLogger, sleep } from '../../helpers.ts';
import { fixture, lambdaContext, withMcpRequest } from './events.ts';
import { HTTP_INTEGRATION_CONTENT_TYPE, RecordingResponseStream, fakeAwsLambda, invokeStreaming } from './fake-awslambda.ts';
import { emfViolations } from './observability/emf-spec.ts';

let aborted: unknown;
let finishedAt = 0;
const tools = [
  defineTool({
    name: 'steps',
    description: 'Three progress steps, 20 ms apart',
    handler: async (_a, ctx) => {
      for (const n of [1, 2, 3]) {
        await sleep(20, ctx.signal);
        ctx.progress(n, 3);
      }
      finishedAt = performance.now();
      return 'three steps';
    },
  }),
  defineTool({
    name: 'wait',
    description: 'Reports once, then waits `ms`',
    input: z.object({ ms: z.number() }),
    handler: async ({ ms }, ctx) => {
      await sleep(1);
      ctx.progress(1);
      ctx.signal.addEventListener('abort', () => (aborted = ctx.signal.reason), { once: true });
      await sleep(ms, ctx.signal);
      return `waited ${ms}`;
    },
  }),
];
const server = () => createHandler({ name: 'streaming-lambda', version: '1', tools, logger: memoryLogger() });
const call = (name: string, args: Record<string, unknown> = {}, progressToken?: string) => ({
  jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name, arguments: args, ...(progressToken ? { _meta: { progressToken } } : {}) },
});
const events = (body: string) => [...body.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!));
const handlerFor = (options = {}) => createLambdaStreamingHandler(server(), { awslambda: fakeAwsLambda, ...options });

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  aborted = undefined;
});

describe('Lambda response-streaming entry (against the tests\' implementation of the awslambda contract)', () => {
  it('answers a plain call as one JSON body after the metadata prelude and the 8-byte delimiter', async () => {
    const stream = await invokeStreaming(handlerFor(), withMcpRequest(fixture('rest-v1'), call('steps')), lambdaContext());
    expect(stream.contentType).toBe(HTTP_INTEGRATION_CONTENT_TYPE);
    const { prelude, delimiterFound, body } = stream.parsed();
    expect(delimiterFound).toBe(true);
    expect(prelude).toEqual({ statusCode: 200, headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(body)).toEqual({ jsonrpc: '2.0', id: 5, result: { content: [{ type: 'text', text: 'three steps' }] } });
    expect(stream.writableEnded).toBe(true);
  });

  it('streams a call that sent a progress token: each notification written as it happens, then the result', async () => {
    const stream = await invokeStreaming(handlerFor(), withMcpRequest(fixture('rest-v1'), call('steps', {}, 'tok')), lambdaContext());
    const { prelude, body } = stream.parsed();
    expect(prelude).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/event-stream', 'x-accel-buffering': 'no' } });
    expect(events(body).map((m) => m.method ?? 'result')).toEqual(['notifications/progress', 'notifications/progress', 'notifications/progress', 'result']);
    // Separate writes, the first while the tool still ran (a buffered body would come after it returned).
    const writes = stream.bodyWrites();
    expect(writes).toHaveLength(4);
    expect(stream.started + writes[0]!.at).toBeLessThan(finishedAt);
    expect(stream.writableEnded).toBe(true);
  });

  it('answers a client that accepts only JSON buffered, progress token or not', async () => {
    const event = withMcpRequest(fixture('rest-v1'), call('steps', {}, 'tok'), { Accept: 'application/json' });
    const { prelude, body } = (await invokeStreaming(handlerFor(), event, lambdaContext())).parsed();
    expect(prelude.headers!['content-type']).toBe('application/json');
    expect(JSON.parse(body).result.content[0].text).toBe('three steps');
  });

  it('serves function URL events the same way', async () => {
    const stream = await invokeStreaming(handlerFor(), withMcpRequest(fixture('function-url'), call('steps', {}, 'tok')), lambdaContext());
    expect(events(stream.parsed().body).at(-1).result.content[0].text).toBe('three steps');
  });

  it('aborts ctx.signal when the client goes away mid-stream, and stops writing', async () => {
    const stream = new RecordingResponseStream();
    const done = invokeStreaming(handlerFor(), withMcpRequest(fixture('rest-v1'), call('wait', { ms: 5_000 }, 'tok')), lambdaContext(), stream);
    await vi.waitFor(() => expect(stream.bodyWrites().length).toBeGreaterThan(0));
    stream.destroy();
    await done;
    expect(String((aborted as Error)?.message)).toContain('client disconnected');
  });

  it('gives a streamed call the streamed time limit (15 min), a buffered one the idle limit (5 min)', async () => {
    vi.useFakeTimers();
    const context = lambdaContext(1_000_000);
    // Buffered: nothing is sent until the end, so API Gateway's 5-minute idle limit is the deadline.
    const buffered = invokeStreaming(handlerFor(), withMcpRequest(fixture('rest-v1'), call('wait', { ms: 600_000 })), context);
    await vi.advanceTimersByTimeAsync(600_001);
    expect(JSON.parse((await buffered).parsed().body).result).toMatchObject({ isError: true, content: [{ text: expect.stringContaining('did not finish in time') }] });
    // Streamed: the stream opened at the first progress notification, so the call has up to 15 minutes.
    const streamed = invokeStreaming(handlerFor(), withMcpRequest(fixture('rest-v1'), call('wait', { ms: 600_000 }, 'tok')), context);
    await vi.advanceTimersByTimeAsync(600_001);
    const last = events((await streamed).parsed().body).at(-1);
    expect(last.result.content[0].text).toBe('waited 600000');
  });

  it('is what toLambdaHandler returns when the infrastructure sets MCP_RESPONSE_STREAMING=true', async () => {
    vi.stubEnv('MCP_RESPONSE_STREAMING', 'true');
    const handler = toLambdaHandler(server(), { awslambda: fakeAwsLambda, observability: false });
    const stream = await invokeStreaming(handler, withMcpRequest(fixture('rest-v1'), call('steps', {}, 'tok')), lambdaContext());
    expect(stream.parsed().prelude.headers!['content-type']).toBe('text/event-stream');
    vi.stubEnv('MCP_RESPONSE_STREAMING', 'false');
    const buffered = (await toLambdaHandler(server(), { observability: false })(withMcpRequest(fixture('rest-v1'), call('steps')), lambdaContext())) as { body: string };
    expect(JSON.parse(buffered.body).result.content[0].text).toBe('three steps');
  });

  it('refuses HTTP API events (they cannot stream) and says so; needs the awslambda global', async () => {
    await expect(invokeStreaming(handlerFor(), withMcpRequest(fixture('http-v2'), call('steps')), lambdaContext())).rejects.toThrow(/cannot stream/);
    expect(() => createLambdaStreamingHandler(server())).toThrow(/awslambda global .* missing/);
  });
});

describe('observability for streamed calls', () => {
  it('writes the log line (streamed: true) and EMF metrics (ToolStreamed) when the stream ends', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (lines.push(...String(chunk).split('\n').filter(Boolean)), true));
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'mcp');
    vi.stubEnv('LOG_LEVEL', 'INFO');
    const handler = toLambdaStreamingHandler(server(), { awslambda: fakeAwsLambda });
    await invokeStreaming(handler, withMcpRequest(fixture('rest-v1'), call('steps', {}, 'tok')), lambdaContext());
    await invokeStreaming(handler, withMcpRequest(fixture('rest-v1'), call('steps')), lambdaContext());
    const docs = lines.map((l) => JSON.parse(l) as Record<string, any>);
    const logs = docs.filter((d) => d.message === 'mcp request');
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatchObject({ status: 200, method: 'tools/call', tool: 'steps', outcome: 'ok', streamed: true });
    expect(logs[0]!.durationMs).toBeGreaterThanOrEqual(55);
    expect(logs[1]!.streamed).toBeUndefined();
    const emf = docs.filter((d) => d._aws?.CloudWatchMetrics && d.tool === 'steps');
    expect(emf.map((d) => d.ToolStreamed)).toEqual([1, undefined]);
    expect(emf.map((d) => d.ToolCalls)).toEqual([1, 1]);
    for (const line of lines.filter((l) => l.includes('"_aws"'))) expect(emfViolations(line)).toEqual([]);
  });
});
