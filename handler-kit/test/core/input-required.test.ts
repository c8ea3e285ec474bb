import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createHandler, defineTool, inputRequest } from '../../src/index.ts';
import { legacy, memoryLogger, modern } from '../helpers.ts';

const NAME = z.object({ name: z.string().min(1) });
const greet = defineTool({
  name: 'greet',
  description: 'Asks for a name, then a colour',
  input: z.object({ formal: z.boolean().default(false) }),
  handler: async ({ formal }, ctx) => {
    const name = await ctx.elicit('name', { message: 'Your name?', schema: NAME });
    if (name.action !== 'accept') return `No name (${name.action})`;
    const colour = await ctx.elicit('colour', { message: 'Favourite colour?', schema: z.object({ colour: z.string() }) });
    const c = colour.action === 'accept' ? colour.content.colour : '?';
    return `${formal ? 'Good day' : 'Hi'} ${name.content.name}, who likes ${c}`;
  },
});
const everything = defineTool({
  name: 'everything',
  description: 'Asks three things at once',
  handler: async (_a, ctx) => {
    const answers = await ctx.ask({
      who: inputRequest.elicit('Name?', NAME),
      model: inputRequest.sample({ messages: [], maxTokens: 5 }),
      roots: inputRequest.listRoots(),
    });
    return Object.keys(answers).join(',');
  },
});
const server = () => createHandler({ name: 't', version: '1', tools: [greet, everything], logger: memoryLogger(), requestStateSecret: 'k'.repeat(32) });
const FORM = { elicitation: {} };

describe('input required (2026-07-28 multi-round requests)', () => {
  it('asks with an input_required result carrying the form and a sealed requestState', async () => {
    const res = await modern(server(), 1, 'tools/call', { name: 'greet', arguments: {} }, FORM);
    expect(res.status).toBe(200);
    expect(res.json.result).toMatchObject({
      resultType: 'input_required',
      inputRequests: {
        name: {
          method: 'elicitation/create',
          params: { mode: 'form', message: 'Your name?', requestedSchema: { type: 'object', properties: { name: { type: 'string', minLength: 1 } }, required: ['name'] } },
        },
      },
    });
    expect(typeof res.json.result.requestState).toBe('string');
    expect(res.json.result).not.toHaveProperty('ttlMs');
  });

  it('carries earlier answers in the state across rounds until the tool completes', async () => {
    const handler = server();
    const r1 = await modern(handler, 1, 'tools/call', { name: 'greet', arguments: { formal: true } }, FORM);
    const r2 = await modern(handler, 2, 'tools/call', {
      name: 'greet', arguments: { formal: true },
      inputResponses: { name: { action: 'accept', content: { name: 'Ada' } } },
      requestState: r1.json.result.requestState,
    }, FORM);
    expect(r2.json.result.inputRequests).toHaveProperty('colour');
    expect(r2.json.result.requestState).not.toBe(r1.json.result.requestState);
    const r3 = await modern(handler, 3, 'tools/call', {
      name: 'greet', arguments: { formal: true },
      inputResponses: { colour: { action: 'accept', content: { colour: 'teal' } } },
      requestState: r2.json.result.requestState,
    }, FORM);
    expect(r3.json.result).toMatchObject({ resultType: 'complete', content: [{ type: 'text', text: 'Good day Ada, who likes teal' }] });
  });

  it('rejects a tampered requestState with -32602', async () => {
    const handler = server();
    const r1 = await modern(handler, 1, 'tools/call', { name: 'greet', arguments: {} }, FORM);
    const res = await modern(handler, 2, 'tools/call', {
      name: 'greet', arguments: {}, inputResponses: { name: { action: 'accept', content: { name: 'Eve' } } },
      requestState: `${r1.json.result.requestState}-TAMPERED`,
    }, FORM);
    expect(res.json.error.code).toBe(-32602);
  });

  it('rejects a state replayed with other arguments', async () => {
    const handler = server();
    const r1 = await modern(handler, 1, 'tools/call', { name: 'greet', arguments: { formal: false } }, FORM);
    const res = await modern(handler, 2, 'tools/call', {
      name: 'greet', arguments: { formal: true }, inputResponses: {}, requestState: r1.json.result.requestState,
    }, FORM);
    expect(res.json.error.message).toMatch(/different request/);
  });

  it('rejects a state sealed with another key (another deployment)', async () => {
    const r1 = await modern(server(), 1, 'tools/call', { name: 'greet', arguments: {} }, FORM);
    const other = createHandler({ name: 't', version: '1', tools: [greet], logger: memoryLogger(), requestStateSecret: 'z'.repeat(32) });
    const res = await modern(other, 2, 'tools/call', { name: 'greet', arguments: {}, requestState: r1.json.result.requestState }, FORM);
    expect(res.json.error.code).toBe(-32602);
    expect(res.json.error.message).toMatch(/^requestState was sealed with a key this server instance does not have: every instance needs the same MCP_STATE_SECRET/);
    expect(res.json.error.message).not.toMatch(/altered/);
  });

  it('tells a state sealed by another instance without a shared secret apart from an altered one', async () => {
    // Two instances, neither with MCP_STATE_SECRET: each has its own random key.
    const first = createHandler({ name: 't', version: '1', tools: [greet], logger: memoryLogger() });
    const second = createHandler({ name: 't', version: '1', tools: [greet], logger: memoryLogger() });
    const r1 = await modern(first, 1, 'tools/call', { name: 'greet', arguments: {} }, FORM);
    const state: string = r1.json.result.requestState;
    const elsewhere = await modern(second, 2, 'tools/call', { name: 'greet', arguments: {}, requestState: state }, FORM);
    expect([elsewhere.status, elsewhere.json.error.code]).toEqual([200, -32602]);
    expect(elsewhere.json.error.message).toContain('MCP_STATE_SECRET');
    const [id, body, mac] = state.split('.');
    const altered = await modern(first, 3, 'tools/call', { name: 'greet', arguments: {}, requestState: `${id}.${body}A.${mac}` }, FORM);
    expect(altered.json.error.message).toMatch(/^requestState is invalid: it was altered/);
  });

  it('warns once at a Lambda cold start when no MCP_STATE_SECRET is set, and not when one is', () => {
    const env = process.env;
    try {
      process.env = { ...env, AWS_LAMBDA_FUNCTION_NAME: 'fn', MCP_STATE_SECRET: '' };
      const logger = memoryLogger();
      createHandler({ name: 't', version: '1', tools: [greet], logger });
      expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([expect.stringMatching(/^MCP_STATE_SECRET is not set/)]);
      process.env = { ...env, AWS_LAMBDA_FUNCTION_NAME: 'fn', MCP_STATE_SECRET: 's'.repeat(32) };
      const quiet = memoryLogger();
      createHandler({ name: 't', version: '1', tools: [greet], logger: quiet });
      expect(quiet.lines).toEqual([]);
    } finally {
      process.env = env;
    }
  });

  it('asks again when the answer under the expected key is missing, ignoring unknown keys', async () => {
    const res = await modern(server(), 1, 'tools/call', { name: 'greet', arguments: {}, inputResponses: { other: { action: 'accept', content: {} } } }, FORM);
    expect(res.json.result.resultType).toBe('input_required');
  });

  it('rejects answers that are not an answer to what was asked', async () => {
    const handler = server();
    expect((await modern(handler, 1, 'tools/call', { name: 'greet', arguments: {}, inputResponses: { name: 12345 } }, FORM)).json.error.code).toBe(-32602);
    expect((await modern(handler, 2, 'tools/call', { name: 'greet', arguments: {}, inputResponses: null }, FORM)).json.error.code).toBe(-32602);
    const badContent = { name: { action: 'accept', content: { name: '' } } };
    expect((await modern(handler, 3, 'tools/call', { name: 'greet', arguments: {}, inputResponses: badContent }, FORM)).json.error.code).toBe(-32602);
  });

  it('asks several things in one round', async () => {
    const caps = { elicitation: {}, sampling: {}, roots: {} };
    const r1 = await modern(server(), 1, 'tools/call', { name: 'everything' }, caps);
    expect(Object.keys(r1.json.result.inputRequests)).toEqual(['who', 'model', 'roots']);
    const done = await modern(server(), 2, 'tools/call', {
      name: 'everything',
      inputResponses: {
        who: { action: 'accept', content: { name: 'A' } },
        model: { role: 'assistant', content: { type: 'text', text: 'hi' }, model: 'm' },
        roots: { roots: [] },
      },
    }, caps);
    expect(done.json.result.content[0].text).toBe('who,model,roots');
  });

  it('refuses with 400 and -32021 when the client did not declare what the tool asks for', async () => {
    const res = await modern(server(), 1, 'tools/call', { name: 'everything' }, { elicitation: {} });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: -32021, data: { requiredCapabilities: { sampling: {}, roots: {} } } });
  });

  it('explains in an isError result that a 2025-era request cannot be asked anything', async () => {
    const res = await legacy(server(), 1, 'tools/call', { name: 'greet', arguments: {} });
    expect(res.json.result.isError).toBe(true);
    expect(res.json.result.content[0].text).toMatch(/2026-07-28/);
  });
});
