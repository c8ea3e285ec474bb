import { createHandler, defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import { ADD, ECHO, SERVER } from './workload.ts';

/** The benchmark workload: the same two tools every row of the peer benchmark serves. */
export const server = createHandler({
  ...SERVER,
  tools: [
    defineTool({ ...ECHO, input: z.object({ text: z.string() }) }),
    defineTool({ ...ADD, input: z.object({ a: z.number(), b: z.number() }) }),
  ],
});
