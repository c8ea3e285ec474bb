import { ToolError, audio, defineTool, embeddedResource, image, text } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import { RED_PIXEL_PNG, SILENT_WAV } from './media.ts';

/** Tools the content scenarios call: one per content block kind, plus an error. */
export const contentTools = [
  defineTool({
    name: 'test_simple_text',
    description: 'Returns a simple text response',
    handler: () => 'This is a simple text response for testing.',
  }),
  defineTool({
    name: 'test_image_content',
    description: 'Returns a 1x1 PNG image',
    handler: () => image(RED_PIXEL_PNG, 'image/png'),
  }),
  defineTool({
    name: 'test_audio_content',
    description: 'Returns a short WAV clip',
    handler: () => audio(SILENT_WAV, 'audio/wav'),
  }),
  defineTool({
    name: 'test_embedded_resource',
    description: 'Returns an embedded text resource',
    handler: () =>
      embeddedResource({ uri: 'test://embedded-resource', mimeType: 'text/plain', text: 'This is an embedded resource content.' }),
  }),
  defineTool({
    name: 'test_multiple_content_types',
    description: 'Returns text, an image and an embedded resource',
    handler: () => [
      text('Multiple content types test:'),
      image(RED_PIXEL_PNG, 'image/png'),
      embeddedResource({ uri: 'test://mixed-content-resource', mimeType: 'application/json', text: '{"test":"data","value":123}' }),
    ],
  }),
  defineTool({
    name: 'test_error_handling',
    description: 'Always fails with a tool error',
    handler: () => {
      throw new ToolError('This tool intentionally returns an error for testing');
    },
  }),
  defineTool({
    name: 'test_tool_with_progress',
    description: 'Reports progress 0, 50, 100 (progress needs a streamed answer; this server answers buffered JSON)',
    handler: (_args, ctx) => {
      ctx.log.info('progress is not streamed by a buffered server', { steps: [0, 50, 100] });
      return 'Completed 100 of 100 steps.';
    },
  }),
  defineTool({
    name: 'test_tool_with_logging',
    description: 'Logs three messages on the server side',
    handler: (_args, ctx) => {
      ctx.log.info('Tool execution started');
      ctx.log.info('Tool processing data');
      ctx.log.info('Tool execution completed');
      return 'Logged three messages.';
    },
  }),
  defineTool({
    name: 'test_logging_tool',
    description: 'Logs on the server side only; never sends log notifications',
    handler: (_args, ctx) => {
      ctx.log.debug('test_logging_tool called');
      return 'Done without client log notifications.';
    },
  }),

  defineTool({
    name: 'test_custom_header',
    description: 'Echoes a region that also travels in the Mcp-Param-Region header',
    input: z.object({ region: z.string().meta({ 'x-mcp-header': 'Region' }) }),
    handler: ({ region }) => `Region: ${region}`,
  }),
];
