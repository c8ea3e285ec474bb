/**
 * zod as the kit reads it: through zod's core (`zod/v4/core`), which classic `zod` and `zod/mini` both
 * build on. So a server may write its schemas with either, and a server written with `zod/mini` bundles
 * no classic zod at all: 59 KB less to load at every cold start in the echo-add bundle (bench/RESULTS.md).
 */
import * as core from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';

/** Any zod schema, classic or mini. */
export type ZodSchema<Output = unknown, Input = unknown> = core.$ZodType<Output, Input>;
/** A zod object schema (`z.object({...})`), classic or mini. */
export type ZodObjectSchema<Shape extends core.$ZodShape = core.$ZodLooseShape, Config extends core.$ZodObjectConfig = core.$ZodObjectConfig> =
  core.$ZodObject<Shape, Config>;
/** The input of a tool defined without one: `z.object({})`, whose handler receives `Record<string, never>`. */
export type EmptyObjectSchema = core.$ZodObject<{}, core.$strip>;
export type ZodOutput<S> = core.output<S>;
export type ZodInput<S> = core.input<S>;
export type ZodIssues = core.$ZodError;

export type Parsed<T> = { success: true; data: T } | { success: false; error: ZodIssues };

/** Parses synchronously, as a tool's arguments are. */
export const parse = <S extends ZodSchema>(schema: S, value: unknown): Parsed<ZodOutput<S>> =>
  core.safeParse(schema, value) as Parsed<ZodOutput<S>>;

/**
 * Parses synchronously when the schema allows it (nearly all do, and a tool call then takes no extra turn of
 * the event loop), and asynchronously when it holds an async refinement or transform (`.refine(async ...)`),
 * which a synchronous parse refuses.
 */
export function parseAllowingAsync<S extends ZodSchema>(schema: S, value: unknown): Parsed<ZodOutput<S>> | Promise<Parsed<ZodOutput<S>>> {
  try {
    return parse(schema, value);
  } catch (err) {
    if (err instanceof core.$ZodAsyncError) return core.safeParseAsync(schema, value) as Promise<Parsed<ZodOutput<S>>>;
    throw err;
  }
}

export const isZodObject = (value: unknown): value is ZodObjectSchema => value instanceof core.$ZodObject;

let empty: EmptyObjectSchema | undefined;
/**
 * `z.object({})` without either front end, made once on first use: the input of a tool that takes no
 * arguments. A core schema, so it has no methods: `z.safeParse(tool.input, value)` parses it from either.
 */
export const emptyObject = (): EmptyObjectSchema => (empty ??= new core.$ZodObject({ type: 'object', shape: {} }) as EmptyObjectSchema);

export const shapeOf = (schema: ZodObjectSchema): Record<string, ZodSchema> => schema._zod.def.shape;

/** What `.describe()` (classic), `.check(z.describe())` (mini) or `.register(globalRegistry, { description })` said. */
export const descriptionOf = (schema: ZodSchema): string | undefined => core.globalRegistry.get(schema)?.description;

/** The values of an enum schema, seen through `.optional()` and `.default()`; undefined for any other schema. */
export function enumValues(schema: ZodSchema): string[] | undefined {
  const inner = schema instanceof core.$ZodOptional || schema instanceof core.$ZodDefault ? schema._zod.def.innerType : schema;
  // Its values, not its entries: a numeric TypeScript enum's entries also hold the reverse-mapped names.
  return inner instanceof core.$ZodEnum ? [...inner._zod.values].map(String) : undefined;
}

/**
 * English issue messages unless the server chose a locale. Classic zod sets them on its first schema;
 * zod/mini leaves every message "Invalid input", and the kit sends these messages to a model so it can
 * correct its call.
 */
export function useEnglishMessagesByDefault(): void {
  if (core.globalConfig.localeError) return;
  // The English tables are built on the first problem, not at every cold start where no call has one yet.
  let english: core.$ZodErrorMap | undefined;
  core.config({ localeError: (issue) => (english ??= en().localeError)(issue) });
}

/** One line per problem, each naming the field, so a model can correct its call. */
export function describeIssues(error: ZodIssues): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
