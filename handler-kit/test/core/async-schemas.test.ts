import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { createHandler, definePrompt, defineTool } from '../../src/index.ts';
import { connect } from '../../src/testing/index.ts';
import { memoryLogger } from '../helpers.ts';

/**
 * An argument schema with an async refinement (a lookup before the handler runs) is checked like any
 * other: a bad argument is an isError result naming the field, not an internal error; a good one reaches
 * the handler. A synchronous parse refuses such a schema, so the kit parses it asynchronously.
 */
const known = new Set(['ada', 'grace']);
const lookup = async (user: string) => {
  await new Promise((resolve) => setTimeout(resolve, 1));
  return known.has(user);
};

const server = () =>
  createHandler({
    name: 'users',
    version: '1',
    logger: memoryLogger(),
    tools: [
      defineTool({
        name: 'greet',
        description: 'Greets a known user',
        input: z.object({ user: z.string().refine(lookup, { message: 'no such user' }) }),
        handler: ({ user }) => `hello ${user}`,
      }),
      defineTool({
        name: 'greet_mini',
        description: 'Greets a known user',
        input: zm.object({ user: zm.string().check(zm.refine(lookup, { message: 'no such user' })) }),
        handler: ({ user }) => `hello ${user}`,
      }),
    ],
    prompts: [
      definePrompt({
        name: 'profile',
        arguments: z.object({ user: z.string().refine(lookup, { message: 'no such user' }) }),
        get: ({ user }) => `Describe ${user}`,
      }),
    ],
  });

describe('argument schemas with async refinements', () => {
  it.each(['greet', 'greet_mini'])('%s: a good argument reaches the handler, a bad one is an isError naming the field', async (name) => {
    const client = await connect(server());
    expect((await client.callTool({ name, arguments: { user: 'ada' } })).content).toEqual([{ type: 'text', text: 'hello ada' }]);
    const refused = await client.callTool({ name, arguments: { user: 'eve' } });
    expect(refused).toMatchObject({ isError: true, content: [{ type: 'text', text: `Invalid arguments for tool "${name}": user: no such user` }] });
    await client.close();
  });

  it('checks prompt arguments the same way', async () => {
    const client = await connect(server());
    expect((await client.getPrompt({ name: 'profile', arguments: { user: 'grace' } })).messages[0]!.content).toEqual({ type: 'text', text: 'Describe grace' });
    await expect(client.getPrompt({ name: 'profile', arguments: { user: 'eve' } })).rejects.toThrow(/user: no such user/);
    await client.close();
  });
});
