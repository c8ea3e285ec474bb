import fc from 'fast-check';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { createLambdaHandler } from '../../src/adapters/aws-lambda/minimal.ts';
import { nestsDeeperThan, utf8Length } from '../../src/core/limits.ts';
import { defineTool } from '../../src/index.ts';
import { fixture, lambdaContext, withMcpRequest } from '../adapters/aws-lambda/events.ts';
import { legacy, post, sampleDefinitions, sampleServer } from '../helpers.ts';

describe('the nesting check', () => {
  it('counts objects and arrays, not brackets inside strings or escaped quotes', () => {
    expect(nestsDeeperThan('[[1]]', 2)).toBe(false);
    expect(nestsDeeperThan('[[[1]]]', 2)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":1}}', 2)).toBe(false);
    expect(nestsDeeperThan('["[[[[", "\\"[[[[", {"x":"{{{{"}]', 2)).toBe(false);
    expect(nestsDeeperThan('not json at all [[[', 2)).toBe(true);
  });

  it('counts UTF-8 bytes exactly as TextEncoder does', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => utf8Length(s) === new TextEncoder().encode(s).length), { numRuns: 300 });
  });
});

describe('batches (2025-03-26) are bounded', () => {
  const ping = (id: number) => ({ jsonrpc: '2.0', id, method: 'tools/list' });

  it('refuses a batch longer than the limit with one JSON-RPC error, running none of it', async () => {
    const calls: number[] = [];
    const counting = defineTool({ name: 'count', description: 'Counts', handler: () => String(calls.push(1)) });
    const handler = sampleServer({ tools: [counting] });
    const batch = Array.from({ length: 51 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: 'count' } }));
    const res = await post(handler, batch, { 'mcp-protocol-version': '2025-03-26' });
    expect([res.status, Array.isArray(res.json), res.json.error.code]).toEqual([400, false, -32600]);
    expect(res.json.error.message).toBe('Invalid Request: a batch holds at most 50 messages (this one has 51); send fewer per batch');
    expect(calls).toEqual([]);
    expect((await post(handler, batch.slice(0, 50), { 'mcp-protocol-version': '2025-03-26' })).json).toHaveLength(50);
  });

  it('answers a batch whose answers together pass the size limit with one -32603, not a partial flood', async () => {
    const handler = sampleServer({ maxResponseBytes: 20_000 });
    const res = await post(handler, Array.from({ length: 50 }, (_, i) => ping(i)), { 'mcp-protocol-version': '2025-03-26' });
    expect([res.status, Array.isArray(res.json), res.json.id, res.json.error.code]).toEqual([200, false, null, -32603]);
    expect(res.json.error.message).toMatch(/^Internal error: the result is too large to send \(\d+ bytes; the limit is 20000 bytes\)$/);
  });
});

describe('answer size', () => {
  const big = defineTool({ name: 'big', description: 'A large result', input: z.object({ size: z.number(), char: z.string().default('x') }), handler: ({ size, char }) => char.repeat(size) });

  it('turns a result over maxResponseBytes into -32603 with the request id', async () => {
    const handler = sampleServer({ tools: [big], maxResponseBytes: 10_000 });
    const over = await legacy(handler, 41, 'tools/call', { name: 'big', arguments: { size: 20_000 } });
    expect([over.status, over.json.id, over.json.error.code, over.json.error.data.limit]).toEqual([200, 41, -32603, 10_000]);
    const under = await legacy(handler, 42, 'tools/call', { name: 'big', arguments: { size: 1_000 } });
    expect(under.json.result.content[0].text).toHaveLength(1_000);
  });

  it('keeps a Lambda answer under the 6 MB payload limit: a clean -32603 instead of a Lambda failure', async () => {
    const { tools } = sampleDefinitions();
    const handler = createLambdaHandler(sampleServer({ tools: [...tools, big], maxResponseBytes: 50 * 1024 * 1024 }));
    const invoke = async (args: Record<string, unknown>) => {
      const res = (await handler(withMcpRequest(fixture('rest-v1'), { jsonrpc: '2.0', id: 'big-1', method: 'tools/call', params: { name: 'big', arguments: args } }), lambdaContext())) as { statusCode: number; body: string };
      return { size: Buffer.byteLength(JSON.stringify(res)), status: res.statusCode, json: JSON.parse(res.body) };
    };
    const plain = await invoke({ size: 7 * 1024 * 1024 });
    expect([plain.status, plain.json.id, plain.json.error.code]).toEqual([200, 'big-1', -32603]);
    expect(plain.json.error.message).toMatch(/too large/);
    // 4 MB of quotes is 4 MB of body but twice that once Lambda escapes it into its JSON result.
    const quotes = await invoke({ size: 2_000_000, char: '"' });
    expect([quotes.json.id, quotes.json.error?.code]).toEqual(['big-1', -32603]);
    expect(quotes.size).toBeLessThan(6 * 1024 * 1024);
    const fits = await invoke({ size: 1_000_000 });
    expect(fits.json.result.content[0].text).toHaveLength(1_000_000);
  });
});
