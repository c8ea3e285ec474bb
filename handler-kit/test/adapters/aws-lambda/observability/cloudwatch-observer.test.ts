import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toLambdaHandler } from '../../../../src/adapters/aws-lambda/index.ts';
import { fixture, lambdaContext, testServer, withMcpRequest } from '../events.ts';

const TOKEN = 'eyJraWQiOiJzZWNyZXQtdG9rZW4tdmFsdWUifQ.payload.signature';

/** Everything Powertools writes (it writes to process.stdout), one parsed JSON document per line. */
let lines: string[] = [];
beforeEach(() => {
  lines = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'mcp');
  // Lambda sets this; Powertools counts cold starts only for on-demand environments.
  vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
  vi.stubEnv('LOG_LEVEL', 'INFO');
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const docs = () => lines.map((l) => JSON.parse(l) as Record<string, any>);
const logLines = () => docs().filter((d) => !d._aws);
const emf = () => docs().filter((d) => d._aws?.CloudWatchMetrics);
const call = (name: string, args = {}) => ({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name, arguments: args } });
const withToken = (message: unknown) => withMcpRequest(fixture('rest-v1'), message, { Authorization: `Bearer ${TOKEN}` });

describe('Powertools logging and metrics', () => {
  it('writes one structured line per request with ids, method, tool, outcome, duration and cold start', async () => {
    const handler = toLambdaHandler(testServer());
    await handler(withToken(call('add', { a: 1, b: 2 })), lambdaContext());
    await handler(withToken({ jsonrpc: '2.0', id: 8, method: 'tools/list' }), lambdaContext());
    const [first, second] = logLines();
    expect(logLines()).toHaveLength(2);
    expect(first).toMatchObject({
      level: 'INFO', message: 'mcp request', service: 'mcp', cold_start: true, function_request_id: 'aws-req-1',
      event: 'rest-v1', apiRequestId: fixture('rest-v1').requestContext.requestId, status: 200,
      rpcId: 7, method: 'tools/call', tool: 'add', outcome: 'ok', era: 'legacy', coldStart: true,
    });
    expect(typeof first!.durationMs).toBe('number');
    expect(second).toMatchObject({ method: 'tools/list', coldStart: false, cold_start: false });
  });

  it('never writes the Authorization header or the token', async () => {
    const handler = toLambdaHandler(testServer());
    await handler(withToken(call('add', { a: 1, b: 2 })), lambdaContext());
    await handler(withToken(call('whoami')), lambdaContext());
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(lines.join('\n').toLowerCase()).not.toContain('bearer');
  });

  it('emits EMF metrics per tool: calls, errors and latency with a tool dimension', async () => {
    const handler = toLambdaHandler(testServer(), { observability: { namespace: 'TestMCP', serviceName: 'svc' } });
    await handler(withToken(call('add', { a: 1, b: 2 })), lambdaContext());
    await handler(withToken(call('add', { a: 'x' })), lambdaContext());
    const tool = emf().filter((d) => d.tool === 'add');
    expect(tool).toHaveLength(2);
    const directive = tool[0]!._aws.CloudWatchMetrics[0];
    expect(directive.Namespace).toBe('TestMCP');
    expect(directive.Dimensions).toEqual([['service', 'tool']]);
    expect(directive.Metrics.map((m: { Name: string }) => m.Name)).toEqual(['ToolCalls', 'ToolErrors', 'ToolLatency']);
    expect(tool.map((d) => [d.ToolCalls, d.ToolErrors])).toEqual([[1, 0], [1, 1]]);
    expect(typeof tool[0]!.ToolLatency).toBe('number');
  });

  it('counts a cold start once', async () => {
    const handler = toLambdaHandler(testServer());
    await handler(withToken(call('add', { a: 1, b: 2 })), lambdaContext());
    await handler(withToken(call('add', { a: 1, b: 2 })), lambdaContext());
    const cold = emf().filter((d) => 'ColdStart' in d);
    expect(cold).toHaveLength(1);
    expect(cold[0]).toMatchObject({ ColdStart: 1, function_name: 'mcp' });
  });

  it('logs a request rejected before dispatch as such', async () => {
    const handler = toLambdaHandler(testServer());
    await handler({ ...fixture('rest-v1'), httpMethod: 'DELETE' }, lambdaContext());
    expect(logLines()[0]).toMatchObject({ status: 405, outcome: 'rejected' });
  });

  it('tells a function URL from an HTTP API', async () => {
    const handler = toLambdaHandler(testServer());
    await handler(withMcpRequest(fixture('function-url'), call('whoami')), lambdaContext());
    await handler(withMcpRequest(fixture('http-v2'), call('whoami')), lambdaContext());
    expect(logLines().map((l) => l.event)).toEqual(['function-url', 'http-v2']);
  });

  it('switches logs and metrics off independently', async () => {
    await toLambdaHandler(testServer(), { observability: { logs: false } })(withToken(call('add', { a: 1, b: 2 })), lambdaContext());
    expect(logLines()).toEqual([]);
    expect(emf().length).toBeGreaterThan(0);
    lines = [];
    await toLambdaHandler(testServer(), { observability: { metrics: false } })(withToken(call('add', { a: 1, b: 2 })), lambdaContext());
    expect(emf()).toEqual([]);
    expect(logLines()).toHaveLength(1);
    lines = [];
    await toLambdaHandler(testServer(), { observability: false })(withToken(call('add', { a: 1, b: 2 })), lambdaContext());
    expect(lines).toEqual([]);
  });

  it('writes a tool\'s ctx.log lines through Powertools, redacted, with the request id', async () => {
    const { createHandler, defineTool } = await import('../../../../src/index.ts');
    const chatty = defineTool({ name: 'chatty', description: 'logs', handler: (_a, ctx) => { ctx.log.info('working', { apiKey: 'k-123', step: 1 }); return 'ok'; } });
    const handler = toLambdaHandler(createHandler({ name: 's', version: '1', tools: [chatty] }));
    await handler(withToken(call('chatty')), lambdaContext());
    const line = logLines().find((l) => l.message === 'working');
    expect(line).toMatchObject({ step: 1, apiKey: '[REDACTED]', requestId: 7, target: 'chatty', function_request_id: 'aws-req-1' });
  });
});
