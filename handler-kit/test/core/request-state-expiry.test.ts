import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { createHandler, defineTool } from '../../src/index.ts';
import { memoryLogger, modern } from '../helpers.ts';

const ask = defineTool({
  name: 'ask',
  description: 'Asks for a name, then for a colour',
  handler: async (_args, ctx) => {
    const name = await ctx.elicit('name', { message: 'Name?', schema: z.object({ name: z.string() }) });
    const colour = await ctx.elicit('colour', { message: 'Colour?', schema: z.object({ colour: z.string() }) });
    return `${name.action}/${colour.action}`;
  },
});
const FORM = { elicitation: {} };
const accept = (content: Record<string, unknown>) => ({ action: 'accept', content });
const STATE_TTL_MS = 15 * 60_000;

afterEach(() => {
  vi.useRealTimers();
});

/** Round one answers "name" and gets a sealed state; round two is sent `elapsedMs` later with that state. */
async function secondRoundAfter(elapsedMs: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T12:00:00Z'));
  const server = createHandler({ name: 't', version: '1', tools: [ask], logger: memoryLogger(), requestStateSecret: 's'.repeat(32) });
  const first = await modern(server, 1, 'tools/call', { name: 'ask', arguments: {}, inputResponses: { name: accept({ name: 'Ada' }) } }, FORM);
  expect(first.json.result.resultType).toBe('input_required');
  expect(Object.keys(first.json.result.inputRequests)).toEqual(['colour']);
  vi.setSystemTime(new Date(Date.now() + elapsedMs));
  return modern(server, 2, 'tools/call', {
    name: 'ask', arguments: {}, inputResponses: { colour: accept({ colour: 'red' }) }, requestState: first.json.result.requestState,
  }, FORM);
}

describe('requestState expiry', () => {
  it('is honoured within its lifetime: the earlier answer comes back from the state', async () => {
    const res = await secondRoundAfter(STATE_TTL_MS - 60_000);
    expect(res.json.error).toBeUndefined();
    expect(res.json.result.content).toEqual([{ type: 'text', text: 'accept/accept' }]);
  });

  it('is refused with -32602 once its lifetime has passed, though the seal is intact', async () => {
    const res = await secondRoundAfter(STATE_TTL_MS + 1_000);
    expect(res.json.error.code).toBe(-32602);
    expect(res.json.error.message).toMatch(/requestState has expired/);
  });
});
