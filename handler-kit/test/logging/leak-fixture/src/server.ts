import * as z from 'zod';
import { createHandler, defineResourceTemplate, defineTool } from '../../../../src/index.ts';

/** A server whose tools log what they were given and fail with it: the log-leak test's worst case. */
const leaky = defineTool({
  name: 'leaky',
  description: 'Logs its argument, then throws an error quoting it',
  input: z.object({ text: z.string() }),
  handler: ({ text }, ctx) => {
    ctx.log.info(`working on ${text}`, { args: { text }, headers: { 'X-Custom-Auth': text, Cookie: text }, note: text });
    ctx.log.warn('about to fail', { detail: text });
    throw new Error(`upstream refused: ${text}`);
  },
});
const files = defineResourceTemplate({
  uriTemplate: 'doc://files/{+path}',
  name: 'files',
  read: (uri) => {
    throw new Error(`cannot read ${uri}`);
  },
});

export const server = createHandler({ name: 'leak-fixture', version: '1.0.0', tools: [leaky], resources: [files] });
