import type { ContentBlock } from '../content.ts';
import type { ToolContext } from '../context.ts';
import { emptyObject, isZodObject, type EmptyObjectSchema, type ZodInput, type ZodObjectSchema, type ZodOutput, type ZodSchema } from '../zod.ts';
import { assertName, assertScopes } from './names.ts';

export interface ToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

export interface Icon {
  src: string;
  mimeType?: string;
  sizes?: string[];
}

const RESULT = Symbol('serverless-mcp.toolResult');

/** A fully specified tool result, for when a tool needs more than one return value can say. */
export interface ToolResult {
  readonly [RESULT]: true;
  content?: ContentBlock[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  _meta?: Record<string, unknown>;
}

export const toolResult = (result: Omit<ToolResult, typeof RESULT>): ToolResult => ({ ...result, [RESULT]: true });
export const isToolResult = (value: unknown): value is ToolResult =>
  typeof value === 'object' && value !== null && RESULT in value;

type AnyInput = ZodObjectSchema;
type AnyOutput = ZodSchema<Record<string, unknown>, unknown>;

/**
 * What a handler may return. With an `output` schema: the structured object (validated, sent as
 * `structuredContent` plus a JSON text copy). Without: a string, content block(s), or a plain object
 * (sent as `structuredContent` plus a JSON text copy). `toolResult(...)` is accepted either way.
 */
export type ToolReturn<O> = [O] extends [AnyOutput]
  ? ZodInput<O> | ToolResult
  : string | ContentBlock | ContentBlock[] | ToolResult | Record<string, unknown>;

export interface ToolSpec<I extends AnyInput, O extends AnyOutput | undefined> {
  /** 1 to 128 characters of A-Z a-z 0-9 _ - . (the MCP tool-name rule). */
  name: string;
  title?: string;
  /** What the tool does and when to use it: the model reads this to choose tools. */
  description: string;
  /** The arguments, as a zod object; becomes `inputSchema`. Omit for a tool without arguments. */
  input?: I;
  /** The structured result, as a zod object; becomes `outputSchema`. */
  output?: O;
  annotations?: ToolAnnotations;
  /** Scopes a caller needs (all of them) to see and call this tool. */
  scopes?: readonly string[];
  icons?: Icon[];
  _meta?: Record<string, unknown>;
  handler: (args: ZodOutput<I>, ctx: ToolContext) => ToolReturn<O> | Promise<ToolReturn<O>>;
}

/**
 * A tool as the server holds it: its schemas as given (a tool defined without `input` holds an empty core
 * object schema), the handler's types erased.
 */
export interface Tool<I extends AnyInput = AnyInput, O extends AnyOutput | undefined = AnyOutput | undefined> {
  readonly kind: 'tool';
  readonly name: string;
  readonly title?: string | undefined;
  readonly description: string;
  readonly input: I;
  readonly output?: O | undefined;
  readonly annotations?: ToolAnnotations | undefined;
  readonly scopes: readonly string[];
  readonly icons?: Icon[] | undefined;
  readonly _meta?: Record<string, unknown> | undefined;
  readonly handler: (args: unknown, ctx: ToolContext) => unknown;
}

export function defineTool<I extends AnyInput = EmptyObjectSchema, O extends AnyOutput | undefined = undefined>(
  spec: ToolSpec<I, O>,
): Tool<I, O> {
  assertName('tool', spec.name);
  if (!spec.description) throw new TypeError(`tool "${spec.name}": a description is required`);
  if (spec.input !== undefined && !isZodObject(spec.input)) {
    throw new TypeError(`tool "${spec.name}": input must be a zod object (z.object({...}), from zod or zod/mini)`);
  }
  const scopes = assertScopes(spec.name, spec.scopes);
  return Object.freeze({
    ...spec,
    kind: 'tool' as const,
    input: spec.input ?? (emptyObject() as I),
    scopes,
    handler: spec.handler as Tool['handler'],
  });
}
