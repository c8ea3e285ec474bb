import { describe, expect, it } from 'vitest';
import { EmfWriter } from '../../../../src/adapters/aws-lambda/observability/emf.ts';
import type { SettledEvent } from '../../../../src/core/http/types.ts';
import { emfViolations } from './emf-spec.ts';

const written = () => {
  const chunks: string[] = [];
  return { chunks, out: { stdout: { write: (chunk: string) => chunks.push(chunk) } } };
};
const settled = (over: Partial<SettledEvent> = {}): SettledEvent & { target: string } => ({
  requestId: 1, method: 'tools/call', target: 'add', outcome: 'ok', errorCode: undefined, durationMs: 1.5, era: 'legacy', streamed: false,
  ...over,
}) as SettledEvent & { target: string };

describe('the specification checker', () => {
  it('accepts the example document of the specification and rejects documents that break its rules', () => {
    const good = { _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: 'N', Dimensions: [['functionVersion']], Metrics: [{ Name: 'time', Unit: 'Milliseconds' }] }] }, functionVersion: '$LATEST', time: 100 };
    expect(emfViolations(JSON.stringify(good))).toEqual([]);
    const broken = (change: (d: any) => void) => {
      const d = structuredClone(good) as any;
      change(d);
      return emfViolations(JSON.stringify(d));
    };
    expect(broken((d) => delete d._aws.Timestamp)).not.toEqual([]);
    expect(broken((d) => (d._aws.Timestamp = Math.floor(Date.now() / 1000)))).not.toEqual([]);
    expect(broken((d) => (d.functionVersion = 1))).not.toEqual([]);
    expect(broken((d) => delete d.time)).not.toEqual([]);
    expect(broken((d) => (d.time = 'fast'))).not.toEqual([]);
    expect(broken((d) => (d._aws.CloudWatchMetrics[0].Metrics[0].Unit = 'ms'))).not.toEqual([]);
    expect(broken((d) => (d._aws.CloudWatchMetrics[0].Dimensions = ['functionVersion']))).not.toEqual([]);
    expect(broken((d) => (d._aws.CloudWatchMetrics[0].Extra = 1))).not.toEqual([]);
    expect(broken((d) => (d._aws.CloudWatchMetrics[0].Metrics = Array.from({ length: 101 }, () => ({ Name: 'time', Unit: 'Count' }))))).not.toEqual([]);
    expect(emfViolations(`${JSON.stringify(good)} trailing`)).toEqual(['not a JSON document']);
  });
});

describe('EMF documents', () => {
  it('writes one valid document per tool call: calls, errors, latency under service and tool', () => {
    const { chunks, out } = written();
    const emf = new EmfWriter('TestMCP', 'svc', out);
    out.stdout.write(emf.toolCallLine(settled()));
    out.stdout.write(emf.toolCallLine(settled({ outcome: 'tool_error', durationMs: 3 })));
    out.stdout.write(emf.toolCallLine(settled({ outcome: 'error' })));
    out.stdout.write(emf.toolCallLine(settled({ outcome: 'input_required' })));
    expect(chunks).toHaveLength(4);
    for (const chunk of chunks) {
      expect(chunk.endsWith('\n')).toBe(true);
      expect(chunk.slice(0, -1)).not.toContain('\n');
      expect(emfViolations(chunk.slice(0, -1))).toEqual([]);
    }
    const docs = chunks.map((c) => JSON.parse(c));
    expect(docs[0]._aws.CloudWatchMetrics).toEqual([
      { Namespace: 'TestMCP', Dimensions: [['service', 'tool']], Metrics: [{ Name: 'ToolCalls', Unit: 'Count' }, { Name: 'ToolErrors', Unit: 'Count' }, { Name: 'ToolLatency', Unit: 'Milliseconds' }] },
    ]);
    expect(docs.map(({ _aws, ...rest }) => rest)).toEqual([
      { service: 'svc', tool: 'add', ToolCalls: 1, ToolErrors: 0, ToolLatency: 1.5 },
      { service: 'svc', tool: 'add', ToolCalls: 1, ToolErrors: 1, ToolLatency: 3 },
      { service: 'svc', tool: 'add', ToolCalls: 1, ToolErrors: 1, ToolLatency: 1.5 },
      { service: 'svc', tool: 'add', ToolCalls: 1, ToolErrors: 0, ToolLatency: 1.5 },
    ]);
    expect(Math.abs(docs[0]._aws.Timestamp - Date.now())).toBeLessThan(60_000);
  });

  it('counts a streamed call apart, and only a streamed one', () => {
    const { chunks, out } = written();
    out.stdout.write(new EmfWriter('MCP', 'svc', out).toolCallLine(settled({ streamed: true })));
    const doc = JSON.parse(chunks[0]!);
    expect(emfViolations(chunks[0]!.trim())).toEqual([]);
    expect(doc._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name)).toEqual(['ToolCalls', 'ToolErrors', 'ToolLatency', 'ToolStreamed']);
    expect(doc.ToolStreamed).toBe(1);
  });

  it('writes ColdStart as Powertools captureColdStartMetric does: service and function_name dimensions', () => {
    const { chunks, out } = written();
    const emf = new EmfWriter('MCP', 'svc', out);
    emf.coldStart('my-fn');
    emf.coldStart('  ');
    const [named, unnamed] = chunks.map((c) => JSON.parse(c));
    for (const c of chunks) expect(emfViolations(c.trim())).toEqual([]);
    expect(named).toEqual({
      _aws: { Timestamp: named._aws.Timestamp, CloudWatchMetrics: [{ Namespace: 'MCP', Dimensions: [['service', 'function_name']], Metrics: [{ Name: 'ColdStart', Unit: 'Count' }] }] },
      service: 'svc', function_name: 'my-fn', ColdStart: 1,
    });
    expect(unnamed._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service']]);
    expect(unnamed).not.toHaveProperty('function_name');
  });

  it('writes a name that JSON must escape, and a latency that is not a number, as a valid document', () => {
    const { chunks, out } = written();
    const emf = new EmfWriter('Name "quoted"', 'svc\\x', out);
    out.stdout.write(emf.toolCallLine(settled({ target: 'say "hi"\u2028\n', durationMs: Number.NaN })));
    expect(emfViolations(chunks[0]!.slice(0, -1))).toEqual([]);
    expect(chunks[0]!.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(chunks[0]!)).toMatchObject({ service: 'svc\\x', tool: 'say "hi"\u2028\n', ToolLatency: 0 });
    expect(JSON.parse(chunks[0]!)._aws.CloudWatchMetrics[0].Namespace).toBe('Name "quoted"');
  });

  it('redacts the dimension values it writes', () => {
    const { chunks, out } = written();
    const emf = new EmfWriter('MCP', 'svc password=hunter2', out);
    out.stdout.write(emf.toolCallLine(settled({ target: 'tool?access_token=abc123' })));
    expect(chunks.join('')).not.toContain('hunter2');
    expect(chunks.join('')).not.toContain('abc123');
  });
});
