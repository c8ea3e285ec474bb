import type { ContentBlock } from '../content.ts';
import type { ToolContext } from '../context.ts';
import { descriptionOf, enumValues, parse, shapeOf, type EmptyObjectSchema, type ZodInput, type ZodObjectSchema, type ZodOutput, type ZodSchema } from '../zod.ts';
import { assertName, assertScopes } from './names.ts';
import type { Completer } from './resource.ts';
import type { Icon } from './tool.ts';

export interface PromptMessage {
  role: 'user' | 'assistant';
  content: ContentBlock;
}

/** A string becomes one user message; otherwise messages, optionally with a description. */
export type PromptReturn = string | PromptMessage[] | { description?: string; messages: PromptMessage[] };

/** Prompt arguments are strings on the wire; a zod object of string schemas describes them. */
type PromptArgs = ZodObjectSchema<Record<string, ZodSchema<string | undefined, string | undefined>>>;

export interface PromptSpec<A extends PromptArgs> {
  name: string;
  title?: string;
  description?: string;
  /** Each key becomes a prompt argument; `.describe()` gives its description; optional ones are not required. */
  arguments?: A;
  /** Completions per argument for `completion/complete`. Enum arguments complete by themselves. */
  complete?: { [K in keyof ZodInput<A>]?: Completer };
  icons?: Icon[];
  _meta?: Record<string, unknown>;
  scopes?: readonly string[];
  get: (args: ZodOutput<A>, ctx: ToolContext) => PromptReturn | Promise<PromptReturn>;
}

export interface PromptArgument {
  name: string;
  description?: string;
  required: boolean;
}

export interface Prompt<A extends PromptArgs = PromptArgs> {
  readonly kind: 'prompt';
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly arguments?: A;
  readonly argumentList: readonly PromptArgument[];
  readonly complete: Readonly<Record<string, Completer>>;
  readonly icons?: Icon[];
  readonly _meta?: Record<string, unknown>;
  readonly scopes: readonly string[];
  readonly get: (args: unknown, ctx: ToolContext) => PromptReturn | Promise<PromptReturn>;
}

/** An enum argument (possibly optional) completes from its own values. */
function enumCompleter(schema: ZodSchema): Completer | undefined {
  const values = enumValues(schema);
  if (!values) return undefined;
  return (value) => values.filter((v) => v.startsWith(value));
}

export function definePrompt<A extends PromptArgs = EmptyObjectSchema>(spec: PromptSpec<A>): Prompt<A> {
  assertName('prompt', spec.name);
  const shape = spec.arguments ? shapeOf(spec.arguments) : {};
  const argumentList = Object.entries(shape).map(([name, schema]) => {
    const description = descriptionOf(schema);
    const required = !parse(schema, undefined).success;
    return description ? { name, description, required } : { name, required };
  });
  const complete: Record<string, Completer> = {};
  for (const [name, schema] of Object.entries(shape)) {
    const own = (spec.complete as Record<string, Completer | undefined> | undefined)?.[name];
    const derived = own ?? enumCompleter(schema);
    if (derived) complete[name] = derived;
  }
  for (const name of Object.keys(spec.complete ?? {})) {
    if (!(name in shape)) throw new TypeError(`prompt "${spec.name}" has no argument "${name}" to complete`);
  }
  return Object.freeze({
    ...spec,
    kind: 'prompt' as const,
    argumentList,
    complete,
    scopes: assertScopes(spec.name, spec.scopes),
    get: spec.get as Prompt['get'],
  });
}
