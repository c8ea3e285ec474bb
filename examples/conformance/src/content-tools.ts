import { ToolError, audio, defineTool, embeddedResource, image, text } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import { RED_PIXEL_PNG, SILENT_WAV } from './media.ts';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((done, fail) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), fail(signal.reason)), { once: true });
  });

/** Tools the content scenarios call: one per content block kind, an error, progress and log notifications. */
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
    description: 'Reports progress 0, 50 and 100 of 100, 50 ms apart (streamed when the client sends a progress token)',
    handler: async (_args, ctx) => {
      ctx.progress(0, 100);
      await sleep(50, ctx.signal);
      ctx.progress(50, 100);
      await sleep(50, ctx.signal);
      ctx.progress(100, 100);
      return 'Completed 100 of 100 steps.';
    },
  }),
  defineTool({
    name: 'test_tool_with_logging',
    description: 'Sends three info log messages to the client, 50 ms apart',
    handler: async (_args, ctx) => {
      ctx.logToClient('info', 'Tool execution started');
      await sleep(50, ctx.signal);
      ctx.logToClient('info', 'Tool processing data');
      await sleep(50, ctx.signal);
      ctx.logToClient('info', 'Tool execution completed');
      return 'Logged three messages.';
    },
  }),
  defineTool({
    name: 'test_logging_tool',
    description: 'Sends a debug log message to the client: on 2026-07-28 only when the request carries a log level',
    handler: (_args, ctx) => {
      ctx.logToClient('debug', 'test_logging_tool called');
      return 'Done.';
    },
  }),

  defineTool({
    name: 'test_custom_header',
    description: 'Echoes a region that also travels in the Mcp-Param-Region header',
    input: z.object({ region: z.string().meta({ 'x-mcp-header': 'Region' }) }),
    handler: ({ region }) => `Region: ${region}`,
  }),
];
