import { createHandler, defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';

/** The benchmark workload: the same two tools every row of the peer benchmark serves. */
export const server = createHandler({
  name: 'echo-add',
  description: 'Two tiny tools: echo text back, and add two numbers.',
  version: '1.0.0',
  tools: [
    defineTool({
      name: 'echo',
      description: 'Echo back the given text',
      input: z.object({ text: z.string() }),
      handler: ({ text }) => text,
    }),
    defineTool({
      name: 'add',
      description: 'Add two numbers',
      input: z.object({ a: z.number(), b: z.number() }),
      handler: ({ a, b }) => String(a + b),
    }),
  ],
});
