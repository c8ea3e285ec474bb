import * as z from 'zod';
import type { ContentBlock } from '../content.ts';
import type { ToolContext } from '../context.ts';
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
type PromptArgs = z.ZodObject<Record<string, z.ZodType<string | undefined, string | undefined>>>;

export interface PromptSpec<A extends PromptArgs> {
  name: string;
  title?: string;
  description?: string;
  /** Each key becomes a prompt argument; `.describe()` gives its description; optional ones are not required. */
  arguments?: A;
  /** Completions per argument for `completion/complete`. Enum arguments complete by themselves. */
  complete?: { [K in keyof z.input<A>]?: Completer };
  icons?: Icon[];
  _meta?: Record<string, unknown>;
  scopes?: readonly string[];
  get: (args: z.output<A>, ctx: ToolContext) => PromptReturn | Promise<PromptReturn>;
}

export interface PromptArgument {
  name: string;
  description?: string;
  required: boolean;
}

export interface Prompt {
  readonly kind: 'prompt';
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly arguments?: PromptArgs;
  readonly argumentList: readonly PromptArgument[];
  readonly complete: Readonly<Record<string, Completer>>;
  readonly icons?: Icon[];
  readonly _meta?: Record<string, unknown>;
  readonly scopes: readonly string[];
  readonly get: (args: unknown, ctx: ToolContext) => PromptReturn | Promise<PromptReturn>;
}

/** An enum argument (possibly optional) completes from its own values. */
function enumCompleter(schema: z.ZodType): Completer | undefined {
  const inner = schema instanceof z.ZodOptional || schema instanceof z.ZodDefault ? schema.unwrap() : schema;
  if (!(inner instanceof z.ZodEnum)) return undefined;
  const values = inner.options.map(String);
  return (value) => values.filter((v) => v.startsWith(value));
}

export function definePrompt<A extends PromptArgs = z.ZodObject<{}>>(spec: PromptSpec<A>): Prompt {
  assertName('prompt', spec.name);
  const shape = (spec.arguments?.shape ?? {}) as Record<string, z.ZodType>;
  const argumentList = Object.entries(shape).map(([name, schema]) => {
    const description = schema.description;
    const required = !schema.safeParse(undefined).success;
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
