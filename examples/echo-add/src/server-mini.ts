import { createHandler, defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod/mini';
import { ADD, ECHO, SERVER } from './workload.ts';

/**
 * The same two tools with their schemas written with zod/mini: the same JSON Schemas and answers as
 * server.ts's, and a bundle with no classic zod in it (make bench measures both; bench/RESULTS.md).
 */
export const server = createHandler({
  ...SERVER,
  tools: [
    defineTool({ ...ECHO, input: z.object({ text: z.string() }) }),
    defineTool({ ...ADD, input: z.object({ a: z.number(), b: z.number() }) }),
  ],
});
