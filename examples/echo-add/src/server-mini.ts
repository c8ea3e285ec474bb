import { createHandler, defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod/mini';

/**
 * The same two tools, written with zod/mini: the schemas and answers are the same as server.ts's, and the
 * bundle carries no classic zod (make bench measures both; bench/RESULTS.md).
 */
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
