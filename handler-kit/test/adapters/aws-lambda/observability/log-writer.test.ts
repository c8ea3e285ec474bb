import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvocationLogger, LogWriter } from '../../../../src/adapters/aws-lambda/observability/log-writer.ts';
import { LEVELS, observabilitySettings } from '../../../../src/adapters/aws-lambda/observability/settings.ts';
import { lambdaContext } from '../events.ts';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

function setup(env: Record<string, string> = {}, options = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const settings = observabilitySettings(options, env);
  const writer = new LogWriter(settings, { stdout: { write: (c: string) => stdout.push(c) }, stderr: { write: (c: string) => stderr.push(c) } });
  const logger = (context: Context = lambdaContext(), coldStart = true) => new InvocationLogger(writer, writer.invocationBase(context, coldStart), settings.threshold);
  const parse = (chunks: string[]) => chunks.map((c) => {
    expect(c.endsWith('\n')).toBe(true);
    expect(c.slice(0, -1)).not.toContain('\n');
    return JSON.parse(c) as Record<string, unknown>;
  });
  return { writer, logger, out: () => parse(stdout), err: () => parse(stderr), raw: () => [...stdout, ...stderr].join('') };
}

afterEach(() => vi.unstubAllEnvs());

describe('Powertools-shaped log lines', () => {
  it('writes level, message, timestamp, service and the Lambda context first, then the fields, one JSON object a line', () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1');
    const { logger, out } = setup({ POWERTOOLS_SERVICE_NAME: 'svc' });
    const before = Date.now();
    logger().info('hello', { step: 1, nested: { ok: true } });
    const [line] = out();
    expect(Object.keys(line!)).toEqual([
      'level', 'message', 'timestamp', 'service', 'cold_start', 'function_arn', 'function_memory_size', 'function_name',
      'function_request_id', 'sampling_rate', 'xray_trace_id', 'step', 'nested',
    ]);
    expect(line).toEqual({
      level: 'INFO', message: 'hello', timestamp: line!.timestamp, service: 'svc', cold_start: true,
      function_arn: 'arn:aws:lambda:us-east-1:123456789012:function:mcp', function_memory_size: '2048', function_name: 'mcp',
      function_request_id: 'aws-req-1', sampling_rate: 0, xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793', step: 1, nested: { ok: true },
    });
    expect(line!.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(line!.timestamp as string)).toBeGreaterThanOrEqual(before - 1);
  });

  it('leaves out xray_trace_id without a trace, and takes a bare trace id as the root', () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', '');
    const { logger, out } = setup();
    logger().info('a');
    vi.stubEnv('_X_AMZN_TRACE_ID', '1-abc-def');
    logger().info('b');
    const [a, b] = out();
    expect(a).not.toHaveProperty('xray_trace_id');
    expect(b!.xray_trace_id).toBe('1-abc-def');
  });

  it('adds tenant_id when the invocation has one', () => {
    const { logger, out } = setup();
    logger({ ...lambdaContext(), tenantId: 'tenant-7' } as Context).info('t');
    expect(out()[0]!.tenant_id).toBe('tenant-7');
  });

  it('names levels as Powertools does, INFO and DEBUG on stdout, WARN and ERROR on stderr', () => {
    const { logger, out, err } = setup({ LOG_LEVEL: 'DEBUG' });
    const log = logger();
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(out().map((l) => [l.level, l.message])).toEqual([['DEBUG', 'd'], ['INFO', 'i']]);
    expect(err().map((l) => [l.level, l.message])).toEqual([['WARN', 'w'], ['ERROR', 'e']]);
  });

  it('writes nothing under the threshold', () => {
    const { logger, out, err } = setup({ LOG_LEVEL: 'ERROR' });
    const log = logger();
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(out()).toEqual([]);
    expect(err().map((l) => l.message)).toEqual(['e']);
    const silent = setup({ LOG_LEVEL: 'SILENT' });
    silent.logger().error('e');
    expect(silent.err()).toEqual([]);
  });

  it("carries a child's fields on every line after the context, the line's own fields last", () => {
    const { logger, out } = setup();
    const child = logger().child({ requestId: 7, method: 'tools/call' }).child({ target: 'add' });
    child.info('one', { step: 1 });
    child.info('two');
    const [one, two] = out();
    expect(Object.keys(one!).slice(-4)).toEqual(['requestId', 'method', 'target', 'step']);
    expect(two).toMatchObject({ requestId: 7, method: 'tools/call', target: 'add', message: 'two' });
  });

  it('drops the keys Powertools reserves, with one warning per key', () => {
    const { logger, out, err } = setup();
    const log = logger();
    log.info('x', { level: 'FAKE', message: 'm', service: 's', timestamp: 't', sampling_rate: 9, kept: 1 });
    log.info('y', { level: 'FAKE' });
    log.child({ service: 'other' }).info('z');
    const lines = out();
    expect(lines.map((l) => [l.level, l.message, l.service, l.sampling_rate])).toEqual([['INFO', 'x', 'mcp-server', 0], ['INFO', 'y', 'mcp-server', 0], ['INFO', 'z', 'mcp-server', 0]]);
    expect(lines[0]!.kept).toBe(1);
    expect(err().map((l) => l.message)).toEqual(['level', 'message', 'sampling_rate', 'service', 'timestamp'].map((k) => `The key "${k}" is a reserved key and will be dropped.`));
  });

  it('redacts the message, every field, child fields and the context members', () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', `Root=Bearer ${TOKEN}`);
    const { logger, raw } = setup({ POWERTOOLS_SERVICE_NAME: 'svc password=hunter2' });
    const context = { ...lambdaContext(), functionName: `fn?access_token=${TOKEN}`, invokedFunctionArn: 'arn:x:postgres://u:pw-secret@h/db', awsRequestId: `Bearer ${TOKEN}` } as Context;
    const log = logger(context).child({ authorization: 'Basic dXNlcjpwYXNz', note: `token=${TOKEN}` });
    log.info(`calling with Bearer ${TOKEN}`, { headers: { Authorization: `Bearer ${TOKEN}` }, error: new Error(`failed: api_key=AKIAABCDEFGHIJKLMNOP`), list: ['Cookie', 'sid=1'] });
    const text = raw();
    for (const secret of [TOKEN, 'hunter2', 'pw-secret', 'dXNlcjpwYXNz', 'AKIAABCDEFGHIJKLMNOP', 'sid=1']) expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED]');
  });

  it('writes a BigInt as its digits rather than failing', () => {
    const { logger, out } = setup();
    logger().info('big', { n: 12345678901234567890n });
    expect(out()[0]!.n).toBe('12345678901234567890');
  });

  it('indents lines in POWERTOOLS_DEV, as Powertools does', () => {
    const stdout: string[] = [];
    const settings = observabilitySettings({}, { POWERTOOLS_DEV: 'true' });
    const writer = new LogWriter(settings, { stdout: { write: (c: string) => stdout.push(c) }, stderr: { write: () => true } });
    writer.write(LEVELS.INFO, 'INFO', 'pretty', writer.instanceBase);
    expect(stdout[0]).toContain('\n    "message": "pretty"');
    expect(JSON.parse(stdout[0]!).message).toBe('pretty');
  });
});
