import { createHandler, defineResource, defineResourceTemplate, definePrompt, embeddedResource, image, text } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import { contentTools } from './content-tools.ts';
import { inputTools } from './input-tools.ts';
import { RED_PIXEL_PNG } from './media.ts';

/**
 * The fixture the official conformance suite (@modelcontextprotocol/conformance) drives: every tool,
 * prompt and resource its server scenarios call, built with the kit like any other server.
 */
const resources = [
  defineResource({
    uri: 'test://static-text',
    name: 'static-text',
    description: 'A static text resource',
    mimeType: 'text/plain',
    read: () => 'This is the content of the static text resource.',
  }),
  defineResource({
    uri: 'test://static-binary',
    name: 'static-binary',
    description: 'A static PNG',
    mimeType: 'image/png',
    read: () => ({ blob: RED_PIXEL_PNG }),
  }),
  defineResource({
    uri: 'test://watched-resource',
    name: 'watched-resource',
    description: 'A resource a 2025 client may try to subscribe to',
    mimeType: 'text/plain',
    read: () => 'Watched resource content.',
  }),
  defineResourceTemplate({
    uriTemplate: 'test://template/{id}/data',
    name: 'template-data',
    description: 'Data for an id',
    mimeType: 'application/json',
    read: (_uri, { id }) => JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }),
    complete: { id: (value) => ['123', '456', '789'].filter((v) => v.startsWith(value)) },
  }),
];

const prompts = [
  definePrompt({
    name: 'test_simple_prompt',
    description: 'A prompt without arguments',
    get: () => 'This is a simple prompt for testing.',
  }),
  definePrompt({
    name: 'test_prompt_with_arguments',
    description: 'A prompt with two arguments',
    arguments: z.object({ arg1: z.string().describe('First argument'), arg2: z.string().describe('Second argument') }),
    complete: { arg1: (value) => ['paris', 'park', 'party'].filter((v) => v.startsWith(value)) },
    get: ({ arg1, arg2 }) => `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'`,
  }),
  definePrompt({
    name: 'test_prompt_with_embedded_resource',
    description: 'A prompt that embeds a resource',
    arguments: z.object({ resourceUri: z.string().describe('URI of the resource to embed') }),
    get: ({ resourceUri }) => [
      { role: 'user', content: embeddedResource({ uri: resourceUri, mimeType: 'text/plain', text: 'Embedded resource content for testing.' }) },
      { role: 'user', content: text('Please process the embedded resource above.') },
    ],
  }),
  definePrompt({
    name: 'test_prompt_with_image',
    description: 'A prompt with an image',
    get: () => [
      { role: 'user', content: image(RED_PIXEL_PNG, 'image/png') },
      { role: 'user', content: text('Please analyze the image above.') },
    ],
  }),
  definePrompt({
    name: 'test_input_required_result_prompt',
    description: 'A prompt that first asks the user for context',
    get: async (_args, ctx) => {
      const answer = await ctx.elicit('user_context', {
        message: 'What context should the prompt use?',
        schema: z.object({ context: z.string() }),
      });
      const context = answer.action === 'accept' ? answer.content.context : 'none';
      return `Use this context: ${context}`;
    },
  }),
];

export const server = createHandler({
  name: 'conformance-fixture',
  description: 'Fixture server for the MCP conformance suite: content types, input requests, resources, prompts.',
  version: '1.0.0',
  instructions: 'Fixture server for the MCP conformance suite.',
  tools: [...contentTools, ...inputTools],
  resources,
  prompts,
  cache: { listTtlMs: 0 },
});
