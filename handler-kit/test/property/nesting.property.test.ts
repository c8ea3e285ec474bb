import fc from 'fast-check';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { createHandler, defineTool } from '../../src/index.ts';
import { memoryLogger, sampleDefinitions } from '../helpers.ts';

/**
 * Nesting cannot make a request fail inside the server: bodies from 1 level to far past the 64-level limit,
 * nested in tool arguments (hashed into requestState by a tool that asks for input, echoed by a header
 * mismatch), `_meta`, `inputResponses`, an argument mirrored in an Mcp-Param-* header and a 2025-03-26
 * batch, in both eras.
 * A body past the limit gets 400 / -32600 naming it; nothing ever answers 5xx, throws or leaks internals.
 */
const LIMIT = 64;
/** Levels the message itself adds above the nested value: message, params, then the field holding it. */
const WRAPPER_LEVELS = 3;
export const NUM_RUNS = 600;

const ask = defineTool({
  name: 'ask',
  description: 'Asks the user before using its payload',
  input: z.object({ payload: z.unknown() }),
  handler: async (_args, ctx) => {
    const answer = await ctx.elicit('confirm', { message: 'Go on?', schema: z.object({ ok: z.boolean() }) });
    return answer.action;
  },
});
const route = defineTool({
  name: 'route',
  description: 'An argument mirrored in the Mcp-Param-Region header',
  input: z.object({ region: z.string().meta({ 'x-mcp-header': 'Region' }), payload: z.unknown().optional() }),
  handler: ({ region }) => region,
});

/** JSON text nesting `depth` levels (arrays, objects or both), built as text: a value this deep cannot be stringified. */
function nested(depth: number, shape: 'array' | 'object' | 'mixed'): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    const array = shape === 'array' || (shape === 'mixed' && i % 2 === 0);
    open += array ? '[' : '{"k":';
    close = (array ? ']' : '}') + close;
  }
  return `${open}1${close}`;
}

const META = '"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{"elicitation":{}}';
type Place = 'arguments' | '_meta' | 'inputResponses' | 'mirrored header' | 'batch';

function requestFor(place: Place, era: 'modern' | 'legacy', value: string) {
  if (place === 'batch') {
    // A 2025-03-26 batch: one more level (the array) above the message.
    const body = `[{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"ask","arguments":{"payload":${value}}}},{"jsonrpc":"2.0","id":2,"method":"tools/list"}]`;
    return { method: 'POST', headers: { 'content-type': 'application/json', 'mcp-protocol-version': '2025-03-26' }, body };
  }
  const meta = era === 'modern' ? `"_meta":{${META}${place === '_meta' ? `,"x":${value}` : ''}}` : place === '_meta' ? `"_meta":{"x":${value}}` : '';
  const tool = place === 'mirrored header' ? 'route' : 'ask';
  const args = place === 'mirrored header' ? `{"region":${value}}` : place === 'arguments' ? `{"payload":${value}}` : '{"payload":1}';
  const fields = [`"name":"${tool}"`, `"arguments":${args}`, meta, place === 'inputResponses' ? `"inputResponses":{"confirm":${value}}` : ''].filter(Boolean);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  if (era === 'modern') Object.assign(headers, { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': tool });
  else headers['mcp-protocol-version'] = '2025-11-25';
  if (place === 'mirrored header') headers['mcp-param-region'] = 'eu-west-1';
  return { method: 'POST', headers, body: `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{${fields.join(',')}}}` };
}

const depth = fc.oneof(fc.integer({ min: 0, max: 2 * LIMIT }), fc.integer({ min: 2 * LIMIT, max: 1_000 }), fc.integer({ min: 1_000, max: 12_000 }));
const cases = fc.record({
  depth,
  shape: fc.constantFrom('array' as const, 'object' as const, 'mixed' as const),
  place: fc.constantFrom<Place>('arguments', '_meta', 'inputResponses', 'mirrored header', 'batch'),
  era: fc.constantFrom('modern' as const, 'legacy' as const),
});

describe('nesting depth, up to and far past the limit', () => {
  it(`never answers 5xx, never throws, never leaks internals; past ${LIMIT} levels answers 400 / -32600 naming the limit`, async () => {
    const logger = memoryLogger();
    const { tools } = sampleDefinitions();
    const handler = createHandler({ name: 'nesting', version: '1.0.0', tools: [...tools, ask, route], logger, requestStateSecret: 'nesting-secret-nesting-secret-nesting' });
    const seen = { min: Number.POSITIVE_INFINITY, max: 0, refused: 0, served: 0 };
    await fc.assert(
      fc.asyncProperty(cases, async ({ depth, shape, place, era }) => {
        const total = WRAPPER_LEVELS + depth + (place === 'batch' ? 1 : 0);
        seen.min = Math.min(seen.min, total);
        seen.max = Math.max(seen.max, total);
        const res = await handler.handle(requestFor(place, era, nested(depth, shape)));
        expect(res.status).toBeLessThan(500);
        expect(res.body).not.toMatch(/RangeError|call stack|at .*\.ts:\d+|node_modules/);
        const parsed = JSON.parse(res.body);
        const payload = Array.isArray(parsed) ? parsed[0] : parsed;
        if (total > LIMIT) {
          seen.refused++;
          expect([res.status, payload.error.code]).toEqual([400, -32600]);
          expect(payload.error.message).toContain(`deeper than ${LIMIT} levels`);
        } else {
          seen.served++;
          expect(payload.error?.message ?? '').not.toContain('deeper than');
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    // Both sides of the limit were exercised, far past it too.
    expect(seen.min).toBeLessThanOrEqual(LIMIT);
    expect(seen.max).toBeGreaterThan(5_000);
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.served).toBeGreaterThan(0);
    console.log(`nesting property: ${NUM_RUNS} runs, total depth ${seen.min}..${seen.max}, ${seen.served} within the limit, ${seen.refused} refused`);
  });
});
