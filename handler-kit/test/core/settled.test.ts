import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createHandler, defineResource, defineResourceTemplate, defineTool, toolResult, ToolError, type SettledEvent } from '../../src/index.ts';
import { legacy, memoryLogger, modern } from '../helpers.ts';

const tools = [
  defineTool({ name: 'fine', description: 'Succeeds', handler: () => 'ok' }),
  defineTool({ name: 'refuses', description: 'Fails on purpose', handler: () => { throw new ToolError('no'); } }),
  defineTool({ name: 'own_error', description: 'Builds its own isError result', handler: () => toolResult({ content: [{ type: 'text', text: 'bad' }], isError: true }) }),
  defineTool({ name: 'typed', description: 'Takes a number', input: z.object({ n: z.number() }), handler: ({ n }) => String(n) }),
  defineTool({
    name: 'asks',
    description: 'Asks for a name',
    handler: async (_args, ctx) => (await ctx.elicit('name', { message: 'Name?', schema: z.object({ name: z.string() }) })).action,
  }),
];

function server() {
  const events: SettledEvent[] = [];
  const handler = createHandler({ name: 's', version: '1', tools, logger: memoryLogger(), requestStateSecret: 'x'.repeat(32), onSettled: (e) => events.push(e) });
  return { handler, events };
}

describe('the settled event carries the outcome the method classified', () => {
  it('ok, tool errors (thrown, self-built and invalid arguments) and protocol errors on the 2025 wire', async () => {
    const { handler, events } = server();
    await legacy(handler, 1, 'tools/call', { name: 'fine' });
    await legacy(handler, 2, 'tools/call', { name: 'refuses' });
    await legacy(handler, 3, 'tools/call', { name: 'own_error' });
    await legacy(handler, 4, 'tools/call', { name: 'typed', arguments: { n: 'x' } });
    await legacy(handler, 5, 'tools/call', { name: 'missing' });
    await legacy(handler, 6, 'tools/call', { name: 'asks' });
    expect(events.map((e) => [e.target, e.outcome, e.errorCode])).toEqual([
      ['fine', 'ok', undefined],
      ['refuses', 'tool_error', undefined],
      ['own_error', 'tool_error', undefined],
      ['typed', 'tool_error', undefined],
      ['(unregistered)', 'error', -32602],
      // The 2025 wire cannot carry the question: the model reads why.
      ['asks', 'tool_error', undefined],
    ]);
  });

  it('input_required on 2026-07-28, and an unknown method as an error with its code', async () => {
    const { handler, events } = server();
    await modern(handler, 1, 'tools/call', { name: 'asks', arguments: {} }, { elicitation: {} });
    await modern(handler, 2, 'no/such/method');
    expect(events.map((e) => [e.outcome, e.errorCode, e.era])).toEqual([
      ['input_required', undefined, 'modern'],
      ['error', -32601, 'modern'],
    ]);
  });

  it('names a read resource by its URI, a templated one by its template, and neither the URI a caller made up', async () => {
    const events: SettledEvent[] = [];
    const handler = createHandler({
      name: 's', version: '1', logger: memoryLogger(), onSettled: (e) => events.push(e),
      resources: [
        defineResource({ uri: 'doc://pages/readme', name: 'readme', read: () => '# Hello' }),
        defineResourceTemplate({ uriTemplate: 'doc://pages/{slug}', name: 'page', read: (_uri, { slug }) => `page ${slug}` }),
      ],
    });
    await legacy(handler, 1, 'resources/read', { uri: 'doc://pages/readme' });
    await legacy(handler, 2, 'resources/read', { uri: 'doc://pages/install' });
    await legacy(handler, 3, 'resources/read', { uri: 'doc://elsewhere/secret-name' });
    expect(events.map((e) => [e.target, e.outcome])).toEqual([
      ['doc://pages/readme', 'ok'],
      ['doc://pages/{slug}', 'ok'],
      ['(unregistered)', 'error'],
    ]);
  });
});
