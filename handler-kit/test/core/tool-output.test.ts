import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ToolError, createHandler, defineTool, embeddedResource, image, resourceLink, text, toolResult } from '../../src/index.ts';
import { legacy, memoryLogger } from '../helpers.ts';

const serve = (tool: ReturnType<typeof defineTool>, logger = memoryLogger()) => ({ handler: createHandler({ name: 't', version: '1', tools: [tool], logger }), logger });
const call = async (tool: ReturnType<typeof defineTool>, args: unknown = {}) => {
  const { handler, logger } = serve(tool);
  const res = await legacy(handler, 1, 'tools/call', { name: tool.name, arguments: args });
  return { result: res.json.result, error: res.json.error, logger };
};

describe('what a tool may return', () => {
  it('turns a string into one text block', async () => {
    const { result } = await call(defineTool({ name: 's', description: 'd', handler: () => 'hello' }));
    expect(result).toEqual({ content: [{ type: 'text', text: 'hello' }] });
  });

  it('passes content blocks through: image, embedded resource, resource link', async () => {
    const blocks = [image(new Uint8Array([1, 2, 3]), 'image/png'), embeddedResource({ uri: 'x://1', text: 'one' }), resourceLink({ uri: 'x://2', name: 'two' })];
    const { result } = await call(defineTool({ name: 'b', description: 'd', handler: () => blocks }));
    expect(result.content).toEqual([
      { type: 'image', data: 'AQID', mimeType: 'image/png' },
      { type: 'resource', resource: { uri: 'x://1', text: 'one' } },
      { type: 'resource_link', uri: 'x://2', name: 'two' },
    ]);
  });

  it('sends a plain object as structuredContent with a JSON text copy for older clients', async () => {
    const { result } = await call(defineTool({ name: 'o', description: 'd', handler: () => ({ n: 1 }) }));
    expect(result).toEqual({ content: [{ type: 'text', text: '{"n":1}' }], structuredContent: { n: 1 } });
  });

  it('validates the result against the output schema and applies its transforms', async () => {
    const tool = defineTool({
      name: 'v',
      description: 'd',
      output: z.object({ when: z.string().transform((s) => s.toUpperCase()) }),
      handler: () => ({ when: 'now' }),
    });
    const { result } = await call(tool);
    expect(result.structuredContent).toEqual({ when: 'NOW' });
  });

  it('answers a result that breaks its output schema with a generic isError and logs the cause', async () => {
    const tool = defineTool({ name: 'bad', description: 'd', output: z.object({ n: z.number() }), handler: () => ({ n: 'one' }) as never });
    const { result, logger } = await call(tool);
    expect(result.isError).toBe(true);
    expect(result.content[0].text).toMatch(/failed unexpectedly/);
    expect(result.content[0].text).not.toMatch(/output schema/);
    expect(logger.lines.some((l) => l.level === 'error' && String((l.fields.error as Error).message).includes('output schema'))).toBe(true);
  });

  it('accepts an explicit toolResult with both content and structure', async () => {
    const tool = defineTool({
      name: 'r',
      description: 'd',
      output: z.object({ n: z.number() }),
      handler: () => toolResult({ content: [text('one')], structuredContent: { n: 1 } }),
    });
    expect((await call(tool)).result).toEqual({ content: [{ type: 'text', text: 'one' }], structuredContent: { n: 1 } });
  });
});

describe('how a tool fails', () => {
  it('returns invalid arguments as an isError result naming each field', async () => {
    const tool = defineTool({ name: 'a', description: 'd', input: z.object({ n: z.number().int().min(1), s: z.string() }), handler: () => 'ok' });
    const { result } = await call(tool, { n: 0 });
    expect(result.isError).toBe(true);
    expect(result.content[0].text).toMatch(/^Invalid arguments for tool "a": n: .*; s: /);
  });

  it('shows a ToolError message to the model as is', async () => {
    const tool = defineTool({ name: 'e', description: 'd', handler: () => { throw new ToolError('Task 42 does not exist; call list_tasks.'); } });
    expect((await call(tool)).result).toEqual({ content: [{ type: 'text', text: 'Task 42 does not exist; call list_tasks.' }], isError: true });
  });

  it('hides an unexpected error from the client (no stack, no message) and logs it in full', async () => {
    const tool = defineTool({ name: 'x', description: 'd', handler: async () => { throw new Error('connect ECONNREFUSED 10.0.0.5:5432'); } });
    const { result, logger } = await call(tool);
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result)).not.toMatch(/ECONNREFUSED|10\.0\.0\.5|at /);
    const logged = logger.lines.find((l) => l.level === 'error');
    expect((logged?.fields.error as Error).message).toBe('connect ECONNREFUSED 10.0.0.5:5432');
  });

  it('stops a tool that ignores its signal when the request is aborted', async () => {
    const tool = defineTool({ name: 'slow', description: 'd', handler: () => new Promise<string>(() => {}) });
    const { handler } = serve(tool);
    const controller = new AbortController();
    const pending = handler.handle({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'slow' } }),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('deadline')), 5);
    const res = JSON.parse((await pending).body);
    expect(res.result.isError).toBe(true);
    expect(res.result.content[0].text).toMatch(/did not finish in time/);
  });

  it('answers an unknown tool with -32602', async () => {
    const { handler } = serve(defineTool({ name: 'a', description: 'd', handler: () => '' }));
    const res = await legacy(handler, 1, 'tools/call', { name: 'b' });
    expect(res.json.error.code).toBe(-32602);
  });
});
