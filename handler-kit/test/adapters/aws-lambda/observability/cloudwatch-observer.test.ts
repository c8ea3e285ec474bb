import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toLambdaHandler } from '../../../../src/adapters/aws-lambda/index.ts';
import { powertoolsObserver } from '../../../../src/adapters/aws-lambda/powertools.ts';
import { fixture, lambdaContext, testServer, withMcpRequest } from '../events.ts';
import { emfViolations } from './emf-spec.ts';

const TOKEN = 'eyJraWQiOiJzZWNyZXQtdG9rZW4tdmFsdWUifQ.payload.signature';

/** Everything the observer writes to process.stdout, one parsed JSON document per line (stderr apart). */
let lines: string[] = [];
let errLines: string[] = [];
beforeEach(() => {
  lines = [];
  errLines = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
    errLines.push(...String(chunk).split('\n').filter(Boolean));
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

describe('Lambda logging and metrics (the default observer)', () => {
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

  it('writes the access line field by field, in the order Powertools wrote it', async () => {
    const handler = toLambdaHandler(testServer());
    await handler(withToken(call('add', { a: 1, b: 2 })), lambdaContext());
    const [line] = logLines();
    expect(line).toEqual({
      level: 'INFO', message: 'mcp request', timestamp: line!.timestamp, service: 'mcp', cold_start: true,
      function_arn: 'arn:aws:lambda:us-east-1:123456789012:function:mcp', function_memory_size: '2048', function_name: 'mcp',
      function_request_id: 'aws-req-1', sampling_rate: 0,
      event: 'rest-v1', apiRequestId: fixture('rest-v1').requestContext.requestId, status: 200, durationMs: line!.durationMs, coldStart: true,
      rpcId: 7, method: 'tools/call', tool: 'add', outcome: 'ok', era: 'legacy',
    });
    expect(Object.keys(line!).slice(0, 4)).toEqual(['level', 'message', 'timestamp', 'service']);
    expect(new Date(line!.timestamp).toISOString()).toBe(line!.timestamp);
  });

  it('logs a batch once, with each message listed, and measures each tool call in it', async () => {
    const handler = toLambdaHandler(testServer());
    await handler(withToken([call('add', { a: 1, b: 2 }), { ...call('add', { a: 'x' }), id: 8 }, { jsonrpc: '2.0', id: 9, method: 'tools/list' }]), lambdaContext());
    expect(logLines()).toHaveLength(1);
    expect(logLines()[0]).toMatchObject({
      rpcId: 7, method: 'tools/call', tool: 'add',
      batch: [
        { rpcId: 7, method: 'tools/call', tool: 'add', outcome: 'ok' },
        { rpcId: 8, method: 'tools/call', tool: 'add', outcome: 'tool_error' },
        { rpcId: 9, method: 'tools/list', outcome: 'ok' },
      ],
    });
    expect(emf().filter((d) => d.tool).map((d) => [d.ToolCalls, d.ToolErrors])).toEqual([[1, 0], [1, 1]]);
  });

  it('writes only EMF documents the specification accepts', async () => {
    const handler = toLambdaHandler(testServer());
    await handler(withToken(call('add', { a: 1, b: 2 })), lambdaContext());
    await handler(withToken(call('nope')), lambdaContext());
    const metricLines = lines.filter((l) => l.includes('"_aws"'));
    expect(metricLines).toHaveLength(2); // ColdStart and one add: the unknown tool mints no dimension value
    for (const line of metricLines) expect(emfViolations(line)).toEqual([]);
  });

  it('writes no metrics when POWERTOOLS_METRICS_DISABLED is set, and still logs', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    const handler = toLambdaHandler(testServer());
    await handler(withToken(call('add', { a: 1, b: 2 })), lambdaContext());
    expect(emf()).toEqual([]);
    expect(logLines()).toHaveLength(1);
  });

  it('does not count a cold start outside on-demand initialisation (provisioned concurrency)', async () => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'provisioned-concurrency');
    const handler = toLambdaHandler(testServer());
    await handler(withToken(call('add', { a: 1, b: 2 })), lambdaContext());
    expect(emf().filter((d) => 'ColdStart' in d)).toEqual([]);
    expect(logLines()[0]).toMatchObject({ cold_start: false, coldStart: true });
  });

  it('reads the environment when built, and on a warm call only the per-invocation trace id', async () => {
    const handler = toLambdaHandler(testServer());
    await handler(withToken(call('add', { a: 1, b: 2 })), lambdaContext());
    vi.stubEnv('LOG_LEVEL', 'ERROR'); // read at construction only: the level stays INFO
    const read: string[] = [];
    const real = process.env;
    process.env = new Proxy(real, { get: (target, key) => (typeof key === 'string' && read.push(key), Reflect.get(target, key)) });
    try {
      await handler(withToken(call('add', { a: 1, b: 2 })), lambdaContext());
    } finally {
      process.env = real;
    }
    expect([...new Set(read)]).toEqual(['_X_AMZN_TRACE_ID']);
    expect(logLines()).toHaveLength(2);
  });

  it('logs at DEBUG in a sampled invocation and says which rate it samples at', async () => {
    const { createHandler, defineTool } = await import('../../../../src/index.ts');
    const quiet = defineTool({ name: 'quiet', description: 'debug only', handler: (_a, ctx) => (ctx.log.debug('detail'), 'ok') });
    const server = createHandler({ name: 's', version: '1', tools: [quiet] });
    await toLambdaHandler(server, { observability: { sampleRate: 1 } })(withToken(call('quiet')), lambdaContext());
    await toLambdaHandler(server)(withToken(call('quiet')), lambdaContext());
    expect(logLines().filter((l) => l.message === 'detail')).toHaveLength(1);
    expect(logLines().find((l) => l.message === 'detail')).toMatchObject({ level: 'DEBUG', sampling_rate: 1 });
  });

  it('writes a WARN from a tool on stderr, Powertools-shaped', async () => {
    const { createHandler, defineTool } = await import('../../../../src/index.ts');
    const warns = defineTool({ name: 'warns', description: 'warns', handler: (_a, ctx) => (ctx.log.warn('careful', { n: 1 }), 'ok') });
    await toLambdaHandler(createHandler({ name: 's', version: '1', tools: [warns] }))(withToken(call('warns')), lambdaContext());
    const warn = errLines.map((l) => JSON.parse(l)).find((l) => l.message === 'careful');
    expect(warn).toMatchObject({ level: 'WARN', service: 'mcp', function_request_id: 'aws-req-1', target: 'warns', n: 1 });
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

  it('writes a tool\'s ctx.log lines, redacted, with the request id', async () => {
    const { createHandler, defineTool } = await import('../../../../src/index.ts');
    const chatty = defineTool({ name: 'chatty', description: 'logs', handler: (_a, ctx) => { ctx.log.info('working', { apiKey: 'k-123', step: 1 }); return 'ok'; } });
    const handler = toLambdaHandler(createHandler({ name: 's', version: '1', tools: [chatty] }));
    await handler(withToken(call('chatty')), lambdaContext());
    const line = logLines().find((l) => l.message === 'working');
    expect(line).toMatchObject({ step: 1, apiKey: '[REDACTED]', requestId: 7, target: 'chatty', function_request_id: 'aws-req-1' });
  });
});

describe('Powertools, as an explicit observer', () => {
  it('writes the same access line and metrics through Powertools when given powertoolsObserver()', async () => {
    const handler = toLambdaHandler(testServer(), { observer: powertoolsObserver({ namespace: 'PT' }) });
    await handler(withToken(call('add', { a: 1, b: 2 })), lambdaContext());
    expect(logLines()[0]).toMatchObject({
      level: 'INFO', message: 'mcp request', service: 'mcp', cold_start: true, function_request_id: 'aws-req-1',
      event: 'rest-v1', status: 200, rpcId: 7, method: 'tools/call', tool: 'add', outcome: 'ok',
    });
    const tool = emf().find((d) => d.tool === 'add')!;
    expect(tool._aws.CloudWatchMetrics[0].Namespace).toBe('PT');
    expect([tool.ToolCalls, tool.ToolErrors]).toEqual([1, 0]);
    expect(lines.join('\n')).not.toContain(TOKEN);
  });

  it('refuses observability options beside an observer, which would be ignored', () => {
    expect(() => toLambdaHandler(testServer(), { observer: powertoolsObserver(), observability: { namespace: 'X' } })).toThrow(/Pass options to the observer/);
    expect(() => toLambdaHandler(testServer(), { observer: powertoolsObserver(), observability: false })).not.toThrow();
  });
});
