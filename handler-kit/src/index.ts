/**
 * serverless-mcp handler kit: define tools, resources and prompts with zod; serve them over stateless
 * Streamable HTTP (MCP 2025-03-26 to 2026-07-28) from AWS Lambda, Node or any Fetch runtime.
 */
export { createHandler, type AuthOptions, type HandlerOptions, type McpHandler } from './create-handler.ts';
export { defineTool, toolResult, type Tool, type ToolAnnotations, type ToolResult, type ToolSpec } from './core/definitions/tool.ts';
export {
  defineResource,
  defineResourceTemplate,
  type Completer,
  type ReadReturn,
  type Resource,
  type ResourceTemplate,
} from './core/definitions/resource.ts';
export { definePrompt, type Prompt, type PromptMessage, type PromptReturn } from './core/definitions/prompt.ts';
export { audio, embeddedResource, image, resourceLink, text, type ContentBlock } from './core/content.ts';
export { ProtocolError, ToolError } from './core/errors.ts';
export type { AuthInfo, Logger, RequestContext } from './core/context.ts';
export { inputRequest } from './core/input-required.ts';
export type { ElicitAnswer, InputRequest, RootsAnswer, SamplingAnswer, ToolContext } from './core/context.ts';
export type { HttpHandler, HttpRequest, HttpResponse, SettledEvent } from './core/http/types.ts';
export type { ServerDescription } from './core/describe.ts';
export { SERVER_CARD_DRAFT, SERVER_CARD_MEDIA_TYPE, type CardSettings, type ServerCard } from './core/server-card.ts';
export { serverCardUrls } from './core/http/server-card.ts';
export { createConsoleLogger, parseLogLevel } from './logging/console-logger.ts';
export { redact } from './logging/redact.ts';
