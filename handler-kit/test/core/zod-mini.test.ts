import { Client as ClientV2 } from '@modelcontextprotocol/client';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';
import * as zodCore from 'zod/v4/core';
import { createHandler, definePrompt, defineTool, inputRequest } from '../../src/index.ts';
import { connect } from '../../src/testing/index.ts';
import { enumValues, useEnglishMessagesByDefault } from '../../src/core/zod.ts';
import { memoryLogger } from '../helpers.ts';

/**
 * A server written with zod/mini works as one written with classic zod: the same JSON Schemas, the same
 * argument checks and messages, the same prompt arguments. The two servers below differ only in the zod
 * front end their definitions use.
 */
const schemas = {
  classic: {
    add: z.object({ a: z.number().describe('first'), b: z.number().int().min(0), note: z.string().optional() }),
    sum: z.object({ sum: z.number() }),
    review: z.object({ language: z.enum(['go', 'rust', 'ts']).describe('The language'), focus: z.string().optional() }),
  },
  mini: {
    add: zm.object({
      a: zm.number().register(zm.globalRegistry, { description: 'first' }),
      b: zm.number().check(zm.int(), zm.minimum(0)),
      note: zm.optional(zm.string()),
    }),
    sum: zm.object({ sum: zm.number() }),
    review: zm.object({ language: zm.enum(['go', 'rust', 'ts']).check(zm.describe('The language')), focus: zm.optional(zm.string()) }),
  },
};

// Typed from the mini schemas as from classic ones (make typecheck holds these).
expectTypeOf<Parameters<Parameters<typeof defineTool<typeof schemas.mini.add>>[0]['handler']>[0]>().toEqualTypeOf<{ a: number; b: number; note?: string | undefined }>();
expectTypeOf<Parameters<Parameters<typeof defineTool<typeof schemas.classic.add>>[0]['handler']>[0]>().toEqualTypeOf<{ a: number; b: number; note?: string | undefined }>();

// A tool without input gets what it got before the kit read zod through its core: no arguments at all.
defineTool({ name: 'none', description: 'd', handler: (args) => (expectTypeOf(args).toEqualTypeOf<Record<string, never>>(), '') });
// A defined tool keeps its schemas' own types, so a classic schema keeps its methods.
expectTypeOf(defineTool({ name: 't', description: 'd', input: schemas.classic.add, handler: () => '' }).input).toEqualTypeOf<typeof schemas.classic.add>();
expectTypeOf(definePrompt({ name: 'p', arguments: schemas.mini.review, get: () => '' }).arguments).toEqualTypeOf<typeof schemas.mini.review | undefined>();

/** One server from either front end's schemas: everything but the schemas is shared. */
function server(front: (typeof schemas)['classic' | 'mini'], logger = memoryLogger()) {
  return createHandler({
    name: 'sums',
    version: '1',
    logger,
    tools: [
      defineTool({ name: 'add', description: 'Adds two numbers', input: front.add, output: front.sum, handler: ({ a, b }) => ({ sum: a + b }) }),
      defineTool({ name: 'broken', description: 'Returns what its output schema forbids', output: front.sum, handler: () => ({ sum: 'x' }) as never }),
      defineTool({ name: 'ping', description: 'No arguments', handler: () => 'pong' }),
    ],
    prompts: [
      definePrompt({
        name: 'review',
        description: 'Review some code',
        arguments: front.review,
        get: ({ language, focus }) => `Review this ${language} code${focus ? ` for ${focus}` : ''}`,
      }),
    ],
  });
}

const servers = () => ({ classic: server(schemas.classic), mini: server(schemas.mini) });

describe('a server written with zod/mini', () => {
  it('lists the same tools, input and output schemas as the classic zod server', async () => {
    const { classic, mini } = servers();
    const [a, b] = await Promise.all([connect(classic), connect(mini)]);
    const [fromClassic, fromMini] = await Promise.all([a.listTools(), b.listTools()]);
    expect(fromMini).toEqual(fromClassic);
    const add = fromMini.tools.find((t) => t.name === 'add')!;
    expect(add.inputSchema).toMatchObject({ required: ['a', 'b'], properties: { a: { type: 'number', description: 'first' }, b: { type: 'integer', minimum: 0 } } });
    expect(add.outputSchema).toMatchObject({ required: ['sum'] });
    await Promise.all([a.close(), b.close()]);
  });

  it('checks arguments, and words each problem in English with the field it concerns, as classic zod does', async () => {
    const { classic, mini } = servers();
    const [a, b] = await Promise.all([connect(classic), connect(mini)]);
    const bad = { name: 'add', arguments: { a: 'one', b: -1 } };
    const [fromClassic, fromMini] = await Promise.all([a.callTool(bad), b.callTool(bad)]);
    expect(fromMini).toEqual(fromClassic);
    expect(fromMini.isError).toBe(true);
    expect(fromMini.content).toEqual([
      { type: 'text', text: 'Invalid arguments for tool "add": a: Invalid input: expected number, received string; b: Too small: expected number to be >=0' },
    ]);
    expect((await b.callTool({ name: 'add', arguments: { a: 2, b: 3 } })).structuredContent).toEqual({ sum: 5 });
    expect((await b.callTool({ name: 'ping', arguments: {} })).content).toEqual([{ type: 'text', text: 'pong' }]);
    await Promise.all([a.close(), b.close()]);
  });

  it('holds a tool to its mini output schema: a result that breaks it is logged as a server error, not sent', async () => {
    const logger = memoryLogger();
    const client = await connect(server(schemas.mini, logger));
    const result = await client.callTool({ name: 'broken', arguments: {} });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).not.toContain('"x"');
    const [logged] = logger.lines.filter((l) => l.level === 'error');
    expect(logged).toMatchObject({ message: 'tool returned a result that breaks its contract', fields: { tool: 'broken' } });
    expect((logged!.fields.error as Error).message).toBe(
      'tool "broken" returned a result that does not match its output schema: sum: Invalid input: expected number, received string',
    );
    await client.close();
  });

  it('describes prompt arguments (description, required) and completes an enum argument, over the 2026 wire too', async () => {
    const { classic, mini } = servers();
    const v1 = [await connect(classic), await connect(mini)] as const;
    const [fromClassic, fromMini] = await Promise.all([v1[0].listPrompts(), v1[1].listPrompts()]);
    expect(fromMini).toEqual(fromClassic);
    expect(fromMini.prompts[0]!.arguments).toEqual([
      { name: 'language', description: 'The language', required: true },
      { name: 'focus', required: false },
    ]);
    const v2 = await connect(mini, { client: new ClientV2({ name: 'v2', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } }) });
    const completion = await v2.complete({ ref: { type: 'ref/prompt', name: 'review' }, argument: { name: 'language', value: 'r' } });
    expect(completion.completion.values).toEqual(['rust']);
    const got = await v2.getPrompt({ name: 'review', arguments: { language: 'go', focus: 'errors' } });
    expect(got.messages[0]!.content).toEqual({ type: 'text', text: 'Review this go code for errors' });
    await expect(v2.getPrompt({ name: 'review', arguments: { language: 'cobol' } })).rejects.toThrow(/language: Invalid option/);
    await Promise.all([...v1, v2].map((c) => c.close()));
  });

  it('asks for input with a mini form as with a classic one', () => {
    const classic = inputRequest.elicit('Which?', z.object({ choice: z.enum(['a', 'b']), why: z.string().optional() }));
    const mini = inputRequest.elicit('Which?', zm.object({ choice: zm.enum(['a', 'b']), why: zm.optional(zm.string()) }));
    expect(mini).toEqual(classic);
    expect(mini.params).toMatchObject({ requestedSchema: { type: 'object', required: ['choice'] } });
  });

  it("completes an enum from its values, not a numeric TypeScript enum's reverse-mapped names", () => {
    // What TypeScript emits for `enum Level { Low, High }`: each name to its number, and each number back to its name.
    const Level = { Low: 0, High: 1, 0: 'Low', 1: 'High' } as const;
    expect(enumValues(zm.enum(Level))).toEqual(['0', '1']);
    expect(enumValues(z.enum(Level).optional())).toEqual(['0', '1']);
    expect(enumValues(zm._default(zm.enum(['a', 'b']), 'a'))).toEqual(['a', 'b']);
    expect(enumValues(zm.string())).toBeUndefined();
  });

  it('refuses an input that is not an object schema, naming both front ends', () => {
    expect(() => defineTool({ name: 't', description: 'd', input: zm.string() as never, handler: () => '' })).toThrow(
      'tool "t": input must be a zod object (z.object({...}), from zod or zod/mini)',
    );
  });
});

describe('issue messages', () => {
  it('leaves a locale the server configured alone', () => {
    const before = zodCore.globalConfig.localeError;
    const mine: zodCore.$ZodErrorMap = () => 'nope';
    try {
      zodCore.config({ localeError: mine });
      useEnglishMessagesByDefault();
      expect(zodCore.globalConfig.localeError).toBe(mine);
      expect(zm.number().safeParse('x').error!.issues[0]!.message).toBe('nope');
    } finally {
      zodCore.config({ localeError: before });
    }
  });

  it('sets English when none is configured', () => {
    const before = zodCore.globalConfig.localeError;
    try {
      zodCore.globalConfig.localeError = undefined;
      useEnglishMessagesByDefault();
      expect(zm.number().safeParse('x').error!.issues[0]!.message).toBe('Invalid input: expected number, received string');
    } finally {
      zodCore.config({ localeError: before });
    }
  });
});
