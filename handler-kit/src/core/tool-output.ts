import { isContentBlock, text, type ContentBlock } from './content.ts';
import { isToolResult, type Tool } from './definitions/tool.ts';
import { describeIssues, parse } from './zod.ts';

/** The `tools/call` result on the wire (before era-specific fields such as `resultType`). */
export interface CallToolResult {
  [key: string]: unknown;
  content: ContentBlock[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  _meta?: Record<string, unknown>;
}

export const errorResult = (message: string): CallToolResult => ({ content: [text(message)], isError: true });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function structured(tool: Tool, value: unknown): Record<string, unknown> {
  if (!tool.output) {
    if (isRecord(value)) return value;
    throw new Error(`tool "${tool.name}" returned structured content that is not an object`);
  }
  const parsed = parse(tool.output, value);
  if (!parsed.success) {
    throw new Error(
      `tool "${tool.name}" returned a result that does not match its output schema: ${describeIssues(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** The JSON copy older clients read when they ignore structuredContent (the spec's SHOULD). */
const jsonCopy = (value: Record<string, unknown>): ContentBlock[] => [text(JSON.stringify(value))];

/**
 * Turns whatever a handler returned into a CallToolResult, enforcing the tool's output schema. A return that
 * breaks the tool's own contract throws: a server bug, which the caller logs and answers generically.
 */
export function toCallToolResult(tool: Tool, value: unknown): CallToolResult {
  if (isToolResult(value)) {
    const result: CallToolResult = { content: value.content ?? [] };
    if (value.structuredContent !== undefined) {
      result.structuredContent = value.isError ? value.structuredContent : structured(tool, value.structuredContent);
      if (!value.content) result.content = jsonCopy(result.structuredContent);
    } else if (tool.output && !value.isError) {
      throw new Error(`tool "${tool.name}" has an output schema but returned no structuredContent`);
    }
    if (value.isError) result.isError = true;
    if (value._meta) result._meta = value._meta;
    return result;
  }
  if (tool.output) {
    const data = structured(tool, value);
    return { content: jsonCopy(data), structuredContent: data };
  }
  if (typeof value === 'string') return { content: [text(value)] };
  if (isContentBlock(value)) return { content: [value] };
  if (Array.isArray(value)) {
    if (value.every(isContentBlock)) return { content: value };
    throw new Error(`tool "${tool.name}" returned an array that is not all content blocks`);
  }
  if (value === undefined || value === null) return { content: [] };
  if (isRecord(value)) return { content: jsonCopy(value), structuredContent: value };
  throw new Error(`tool "${tool.name}" returned a ${typeof value}; return a string, content or an object`);
}
